import type { DataType } from '../types/data-type.js'
import { DecimalType, DoubleType, IntegerType, LongType, StringType, isAnsiIntervalType } from '../types/data-type.js'
import { negateInterval } from '../eval/interval-kernels.js'
import { findWiderType } from '../eval/type-coercion.js'
import { AnalysisError, ExecutionError } from '../errors/sluice-error.js'
import type { FunctionArgs, ResolvedScalarFunction, ScalarFunctionDefinition } from './function-types.js'
import {
  aliasScalar, arithmeticOverflow, coerceAll, coerceTo, defineScalar, isNumericKind, lenient, strict, typeSql,
  unexpectedInputType,
} from './function-support.js'
import { fitsPrecision, MAX_DECIMAL_PRECISION, pow10, rescale } from './decimal-support.js'
import { INTEGRAL_RANGE, isIntegralKind, widerNumericType } from './numeric-types.js'
import { compareValues } from './value-ordering.js'
import { SparkRandom } from './spark-random.js'

const D = DoubleType

/** A DOUBLE → DOUBLE function (arguments implicitly cast to DOUBLE). */
function doubleFunction(name: string, arity: number, body: (...x: number[]) => number | null): ScalarFunctionDefinition {
  return defineScalar(name, arity, (args) => strict(coerceAll(name, args, [D, D]), D, (a) => body(...(a as number[]))))
}

/** Spark's logarithms return null at or below the asymptote (x ≤ 0). */
const logOf = (f: (x: number) => number) => (x: number): number | null => (x <= 0 ? null : f(x))

export const sqrtFunction = doubleFunction('sqrt', 1, Math.sqrt)
export const cbrtFunction = doubleFunction('cbrt', 1, Math.cbrt)
export const expFunction = doubleFunction('exp', 1, Math.exp)
export const expm1Function = doubleFunction('expm1', 1, Math.expm1)
export const lnFunction = doubleFunction('ln', 1, logOf(Math.log))
export const log10Function = doubleFunction('log10', 1, logOf(Math.log10))
export const log2Function = doubleFunction('log2', 1, logOf(Math.log2))
export const log1pFunction = doubleFunction('log1p', 1, (x) => (x <= -1 ? null : Math.log1p(x)))
export const powFunction = doubleFunction('pow', 2, (x, y) => x ** y)
export const hypotFunction = doubleFunction('hypot', 2, Math.hypot)
export const atan2Function = doubleFunction('atan2', 2, Math.atan2)
const numericSignum = doubleFunction('signum', 1, (x) => (Number.isNaN(x) ? NaN : Math.sign(x)))
/** `signum(x)`: -1.0, 0.0 or 1.0 (NaN for NaN); of an ANSI interval, the sign of its months or microseconds. */
export const signumFunction = defineScalar('signum', 1, (args) => {
  const t = args.types[0]!
  if (isAnsiIntervalType(t)) return strict([t], D, (a) => Number(Math.sign(Number(a[0] as number | bigint))) + 0)
  return numericSignum.resolve(args)
})
export const degreesFunction = doubleFunction('degrees', 1, (x) => (x * 180) / Math.PI)
export const radiansFunction = doubleFunction('radians', 1, (x) => (x * Math.PI) / 180)
export const rintFunction = doubleFunction('rint', 1, (x) => {
  const r = Math.round(x)
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r
})
const trigonometric = ['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh'] as const
export const trigonometricFunctions = trigonometric.map((name) => doubleFunction(name, 1, Math[name]))
export const cotFunction = doubleFunction('cot', 1, (x) => 1 / Math.tan(x))

/** `log(x)` is the natural log; `log(base, x)` the log of x in base; null when either is ≤ 0. */
export const logFunction = defineScalar('log', [1, 2], (args) =>
  strict(coerceAll('log', args, [D, D]), D, (a) => {
    if (a.length === 1) return (a[0] as number) <= 0 ? null : Math.log(a[0] as number)
    const [base, x] = a as number[]
    return base! <= 0 || x! <= 0 ? null : Math.log(x!) / Math.log(base!)
  }))

export const piFunction = defineScalar('pi', 0, () => lenient([], D, () => Math.PI, false))
export const eFunction = defineScalar('e', 0, () => lenient([], D, () => Math.E, false))

function numericArg(name: string, args: FunctionArgs, index: number): DataType {
  const t = args.types[index]!
  if (t.kind === 'null') return D
  if (t.kind === 'string') return coerceTo(name, index, t, D, args.context.ansi)
  if (!isNumericKind(t)) throw unexpectedInputType(name, index, '"NUMERIC"', t)
  return t
}

/** Checks an integral result against its type's range (ANSI: ARITHMETIC_OVERFLOW; else wraps like Java). */
function checkIntegral(name: string, kind: string, value: bigint, ansi: boolean): bigint {
  const [min, max] = INTEGRAL_RANGE[kind]!
  if (value >= min && value <= max) return value
  if (ansi) throw arithmeticOverflow(name, `${typeSql({ kind } as DataType)} value ${value}`)
  const bits = kind === 'byte' ? 8 : kind === 'short' ? 16 : kind === 'integer' ? 32 : 64
  return BigInt.asIntN(bits, value)
}

const toInternal = (kind: string, v: bigint): unknown => (kind === 'long' ? v : Number(v))
const fromInternal = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt(v as number))

/** `abs(x)`: same type; ANSI raises ARITHMETIC_OVERFLOW for the minimum integral value. */
export const absFunction = defineScalar('abs', 1, (args) => {
  const given = args.types[0]!
  if (isAnsiIntervalType(given)) {
    // Spark's Abs of an interval: the same type; the minimum value has no absolute value.
    const negate = negateInterval(given.kind === 'year_month_interval' ? 'ym' : 'dt')
    return strict([given], given, (a) => ((a[0] as number | bigint) < 0 ? negate(a[0]) : a[0]))
  }
  const t = numericArg('abs', args, 0)
  if (isIntegralKind(t.kind)) {
    return strict([t], t, (a) => {
      const v = fromInternal(a[0])
      return toInternal(t.kind, checkIntegral('abs', t.kind, v < 0n ? -v : v, args.context.ansi))
    })
  }
  if (t.kind === 'decimal') return strict([t], t, (a) => ((a[0] as bigint) < 0n ? -(a[0] as bigint) : a[0]))
  return strict([t], t, (a) => Math.abs(a[0] as number))
})

/** `positive(x)`: x itself (numbers; strings as DOUBLE). */
export const positiveFunction = defineScalar('positive', 1, (args) => {
  const t = numericArg('positive', args, 0)
  return strict([t], t, (a) => a[0])
})

/** Exact decimal digits of a double as Java's `Double.toString` → BigDecimal would see them. */
function doubleToDecimal(x: number): { unscaled: bigint; scale: number } {
  const [mantissa, exponentText] = String(x).split('e')
  const exponent = exponentText === undefined ? 0 : Number(exponentText)
  const [whole, fraction = ''] = mantissa!.split('.')
  const unscaled = BigInt(whole! + fraction)
  let scale = fraction.length - exponent
  if (scale < 0) return { unscaled: unscaled * pow10(-scale), scale: 0 }
  if (whole!.startsWith('-') && unscaled === 0n) scale = 0
  return { unscaled, scale }
}

/**
 * `round(x, d)` (HALF_UP) and `bround(x, d)` (HALF_EVEN): integral types keep their type
 * (ANSI overflow check); doubles round their shortest decimal text, as Spark's
 * `BigDecimal(double)`; DECIMAL(p, s) becomes DECIMAL(p - s + 1 + min(s, d), min(s, d))
 * (DECIMAL(max(p - s + 1, 1 - d), 0) for d < 0).
 */
function roundFunction(name: string, mode: 'half_up' | 'half_even'): ScalarFunctionDefinition {
  return defineScalar(name, [1, 2], (args) => {
    const t = numericArg(name, args, 0)
    let scale = 0
    if (args.types.length === 2) {
      coerceTo(name, 1, args.types[1]!, IntegerType, args.context.ansi)
      const constant = args.constants[1]
      if (typeof constant !== 'number' && typeof constant !== 'bigint') {
        throw new AnalysisError('DATATYPE_MISMATCH.NON_FOLDABLE_INPUT',
          `Cannot resolve "${name}(...)": the input \`scale\` should be a foldable "INT" expression.`, { inputName: '`scale`', functionName: name })
      }
      scale = Number(constant)
    }
    const inputTypes = args.types.length === 2 ? [t, IntegerType] : [t]
    if (isIntegralKind(t.kind)) {
      return strict(inputTypes, t, (a) => {
        if (scale >= 0) return a[0]
        const divisor = pow10(-scale)
        const rounded = rescale(fromInternal(a[0]), 0, scale, mode) // rescale to a negative scale rounds to 10^-scale
        return toInternal(t.kind, checkIntegral(name, t.kind, rounded * divisor, args.context.ansi))
      })
    }
    if (t.kind === 'decimal') {
      const integralDigits = t.precision - t.scale + 1
      const resultType = scale < 0
        ? DecimalType(Math.min(MAX_DECIMAL_PRECISION, Math.max(integralDigits, -scale + 1)), 0)
        : DecimalType(Math.min(MAX_DECIMAL_PRECISION, integralDigits + Math.min(t.scale, scale)), Math.min(t.scale, scale))
      return strict(inputTypes, resultType, (a) => {
        const rounded = scale < 0
          ? rescale(a[0] as bigint, t.scale, scale, mode) * pow10(-scale)
          : rescale(a[0] as bigint, t.scale, resultType.scale, mode)
        if (fitsPrecision(rounded, resultType.precision)) return rounded
        if (args.context.ansi) throw arithmeticOverflow(name, `${typeSql(resultType)} value`)
        return null
      })
    }
    const factor = scale >= 0 && scale <= 15 ? 10 ** scale : 0
    return strict(inputTypes, t, (a) => {
      const x = a[0] as number
      if (!Number.isFinite(x)) return x
      if (factor !== 0) {
        // Fast path away from ties: the nearest double of the rounded decimal either way.
        const y = Math.abs(x) * factor
        const fraction = y - Math.floor(y)
        if (y < 1e9 && Math.abs(fraction - 0.5) > 1e-6) {
          const rounded = Math.sign(x) * (fraction > 0.5 ? Math.ceil(y) : Math.floor(y)) / factor
          return t.kind === 'float' ? Math.fround(rounded) : rounded === 0 ? 0 : rounded
        }
      }
      const { unscaled, scale: s } = doubleToDecimal(x)
      if (s <= scale) return x
      const rounded = rescale(unscaled, s, scale, mode)
      const value = scale >= 0 ? Number(`${rounded}e-${scale}`) : Number(rounded * pow10(-scale))
      return t.kind === 'float' ? Math.fround(value) : value
    })
  })
}

export const roundFunctionDefinition = roundFunction('round', 'half_up')
export const broundFunction = roundFunction('bround', 'half_even')

/** `ceil(x)`/`floor(x)`: BIGINT for integral and floating input, DECIMAL(p - s + 1, 0) for decimals. */
function ceilOrFloor(name: string, up: boolean): ScalarFunctionDefinition {
  return defineScalar(name, 1, (args) => {
    const t = numericArg(name, args, 0)
    if (isIntegralKind(t.kind)) return strict([LongType], LongType, (a) => a[0])
    if (t.kind === 'decimal') {
      const resultType = DecimalType(Math.min(MAX_DECIMAL_PRECISION, t.precision - t.scale + 1), 0)
      return strict([t], resultType, (a) => {
        const divisor = pow10(t.scale)
        const v = a[0] as bigint
        let q = v / divisor
        const r = v % divisor
        if (r !== 0n && (up ? v > 0n : v < 0n)) q += up ? 1n : -1n
        return q
      })
    }
    return strict([D], LongType, (a) => {
      const x = (up ? Math.ceil : Math.floor)(a[0] as number)
      if (Number.isNaN(x)) return 0n
      if (x >= 2 ** 63) return 2n ** 63n - 1n
      if (x <= -(2 ** 63)) return -(2n ** 63n)
      return BigInt(x)
    })
  })
}

export const ceilFunction = ceilOrFloor('ceil', true)
export const floorFunction = ceilOrFloor('floor', false)

/** The common type of all arguments (numbers widen; otherwise all must have the same type). */
export function commonType(name: string, types: readonly DataType[]): DataType {
  let result: DataType = { kind: 'null' }
  for (const t of types) {
    if (result.kind === 'null') { result = t; continue }
    if (t.kind === 'null') continue
    const wider = widerNumericType(result, t)
    if (wider !== null) { result = wider; continue }
    // TIME(p) and ANSI intervals widen within their kind (TIME(3) with TIME(6) is TIME(6)).
    if (result.kind === t.kind && (t.kind === 'time' || isAnsiIntervalType(t))) { result = findWiderType(result, t)!; continue }
    if (result.kind === t.kind || (result.kind === 'string' && (t.kind === 'date' || t.kind === 'timestamp')) ||
      (t.kind === 'string' && (result.kind === 'date' || result.kind === 'timestamp'))) {
      if (t.kind === 'timestamp' || (t.kind === 'date' && result.kind === 'string')) result = t
      continue
    }
    if ((result.kind === 'date' && t.kind === 'timestamp') || (result.kind === 'timestamp' && t.kind === 'date')) {
      result = { kind: 'timestamp' }
      continue
    }
    throw new AnalysisError('DATATYPE_MISMATCH.DATA_DIFF_TYPES',
      `Cannot resolve "${name}(...)" due to data type mismatch: Input to \`${name}\` should all be the same type, but it's [${types.map((x) => `"${typeSql(x)}"`).join(', ')}].`,
      { functionName: `\`${name}\``, dataType: types.map((x) => typeSql(x)).join(', ') })
  }
  return result
}

/** `greatest(a, b, ...)`/`least`: the extreme non-null argument; null when all are null. */
function extremeOf(name: string, sign: 1 | -1): ScalarFunctionDefinition {
  return defineScalar(name, [2, Infinity], (args) => {
    const t = commonType(name, args.types)
    return lenient(args.types.map(() => t), t, (a) => {
      let best: unknown = null
      for (const v of a) if (v !== null && (best === null || compareValues(v, best) * sign > 0)) best = v
      return best
    }, args.nullable.every((n) => n))
  })
}

export const greatestFunction = extremeOf('greatest', 1)
export const leastFunction = extremeOf('least', -1)

function divideByZero(): ExecutionError {
  return new ExecutionError('DIVIDE_BY_ZERO',
    'Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.',
    { config: '"spark.sql.ansi.enabled"' })
}

/** `mod(a, b)` (Java's remainder, sign of a) and `pmod(a, b)` (non-negative for positive b); b = 0: DIVIDE_BY_ZERO (ANSI) or null. */
function remainderFunction(name: string, positive: boolean): ScalarFunctionDefinition {
  return defineScalar(name, 2, (args): ResolvedScalarFunction => {
    const t = widerNumericType(numericArg(name, args, 0), numericArg(name, args, 1))!
    const ansi = args.context.ansi
    if (t.kind === 'float' || t.kind === 'double') {
      return strict([t, t], t, (a) => {
        const [x, y] = a as number[]
        if (y === 0 && ansi) throw divideByZero()
        if (y === 0) return null
        const r = x! % y!
        return positive && r < 0 ? (r + y!) % y! : r
      })
    }
    return strict([t, t], t, (a) => {
      const x = fromInternal(a[0])
      const y = fromInternal(a[1])
      if (y === 0n) {
        if (ansi) throw divideByZero()
        return null
      }
      let r = x % y
      if (positive && r < 0n) r = (r + y) % y
      return t.kind === 'long' || t.kind === 'decimal' ? r : Number(r)
    })
  })
}

export const modFunction = remainderFunction('mod', false)
export const pmodFunction = remainderFunction('pmod', true)

function randomSeed(args: FunctionArgs): bigint {
  const seedValue = args.constants[0]
  if (args.types.length === 0 || seedValue === null) return BigInt(Math.floor(Math.random() * 2 ** 53))
  if (typeof seedValue !== 'number' && typeof seedValue !== 'bigint') {
    throw new AnalysisError('DATATYPE_MISMATCH.NON_FOLDABLE_INPUT', 'The seed of rand/randn must be a constant INT or BIGINT.', { inputName: '`seed`' })
  }
  return BigInt(seedValue)
}

/**
 * `rand([seed])`/`random`: uniform doubles in [0, 1), the same sequence as Spark's
 * XORShiftRandom for partition 0 (Spark seeds each partition with seed + index).
 * Nondeterministic: the compiler must not fold it.
 */
export const randFunction = defineScalar('rand', [0, 1], (args) => {
  const generator = new SparkRandom(randomSeed(args))
  return lenient(args.types.length === 1 ? [LongType] : [], D, () => generator.nextDouble(), false)
})

/** `randn([seed])`: standard normal doubles, as Spark's (java.util.Random#nextGaussian). */
export const randnFunction = defineScalar('randn', [0, 1], (args) => {
  const generator = new SparkRandom(randomSeed(args))
  return lenient(args.types.length === 1 ? [LongType] : [], D, () => generator.nextGaussian(), false)
})

/** `factorial(n)`: n! for 0 ≤ n ≤ 20, else null. */
export const factorialFunction = defineScalar('factorial', 1, (args) =>
  strict(coerceAll('factorial', args, [IntegerType]), LongType, (a) => {
    const n = a[0] as number
    if (n < 0 || n > 20) return null
    let f = 1n
    for (let i = 2n; i <= BigInt(n); i++) f *= i
    return f
  }))

/** `bin(x)`: the binary digits of a BIGINT (two's complement for negatives). */
export const binFunction = defineScalar('bin', 1, (args) =>
  strict(coerceAll('bin', args, [LongType]), StringType, (a) => BigInt.asUintN(64, a[0] as bigint).toString(2)))

/**
 * `conv(num, fromBase, toBase)`: converts digits between bases 2..36, as unsigned
 * 64-bit (a negative `toBase` prints signed). Overflow: ARITHMETIC_OVERFLOW (ANSI) or
 * the all-ones value. Invalid digits end the number, as Spark; bad bases give null.
 */
export const convFunction = defineScalar('conv', 3, (args) =>
  strict(coerceAll('conv', args, [StringType, IntegerType, IntegerType]), StringType, (a) => {
    const text = (a[0] as string).trim()
    const from = a[1] as number
    const to = a[2] as number
    if (from < 2 || from > 36 || Math.abs(to) < 2 || Math.abs(to) > 36) return null
    const negative = text.startsWith('-')
    const digits = negative ? text.slice(1) : text
    let value = 0n
    const limit = 2n ** 64n
    let any = false
    for (const c of digits.toLowerCase()) {
      const d = parseInt(c, 36)
      if (Number.isNaN(d) || d >= from) break
      any = true
      value = value * BigInt(from) + BigInt(d)
      if (value >= limit) {
        if (args.context.ansi) throw arithmeticOverflow('conv', `conv of '${a[0]}'`)
        return to < 0 ? '-1' : (limit - 1n).toString(to).toUpperCase()
      }
    }
    if (!any) return null
    if (negative) value = BigInt.asUintN(64, -value)
    if (to < 0) {
      const signed = BigInt.asIntN(64, value)
      return (signed < 0n ? `-${(-signed).toString(-to)}` : signed.toString(-to)).toUpperCase()
    }
    return value.toString(to).toUpperCase()
  }))

export const mathFunctions: ScalarFunctionDefinition[] = [
  absFunction, positiveFunction, roundFunctionDefinition, broundFunction, sqrtFunction, cbrtFunction,
  powFunction, aliasScalar('power', powFunction), expFunction, expm1Function, lnFunction, logFunction, log10Function,
  log2Function, log1pFunction, floorFunction, ceilFunction, aliasScalar('ceiling', ceilFunction),
  signumFunction, aliasScalar('sign', signumFunction), greatestFunction, leastFunction, modFunction, pmodFunction,
  randFunction, aliasScalar('random', randFunction), randnFunction, piFunction, eFunction, hypotFunction, atan2Function,
  degreesFunction, radiansFunction, rintFunction, ...trigonometricFunctions, cotFunction, factorialFunction, binFunction, convFunction,
]
