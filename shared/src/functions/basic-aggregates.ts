import type { DataType } from '../types/data-type.js'
import { ArrayType, BooleanType, DayTimeIntervalType, DecimalType, DoubleType, LongType, YearMonthIntervalType } from '../types/data-type.js'
import { intervalOverflow } from '../eval/interval-kernels.js'
import { AnalysisError } from '../errors/sluice-error.js'
import type { AggregateFunctionDefinition, FunctionArgs, ResolvedAggregateFunction } from './function-types.js'
import {
  aliasAggregate, arithmeticOverflow, defineAggregate, isNumericKind, typeSql, unexpectedInputType,
} from './function-support.js'
import { distinctAggregate } from './distinct-aggregate.js'
import { compareValues, isOrderable, valueKey } from './value-ordering.js'
import { divideHalfUp, fitsPrecision, MAX_DECIMAL_PRECISION, pow10 } from './decimal-support.js'

const LONG_MIN = -(2n ** 63n)
const LONG_MAX = 2n ** 63n - 1n

/** Defines an aggregate whose DISTINCT form is the generic `distinctAggregate` wrapper. */
function aggregate(
  name: string,
  arity: number | readonly [number, number],
  resolve: (args: FunctionArgs) => ResolvedAggregateFunction,
): AggregateFunctionDefinition {
  return defineAggregate(name, arity, (args, distinct) => {
    const resolved = resolve(args)
    return distinct ? distinctAggregate(resolved) : resolved
  })
}

/** `count(1)` counts rows; `count(x, ...)` counts rows where every argument is non-null. Result BIGINT, never null. */
export const countAggregate = aggregate('count', [1, Infinity], () => ({
  dataType: LongType,
  nullable: false,
  init: () => 0,
  update: (buffer, args) => (args.every((a) => a !== null) ? (buffer as number) + 1 : buffer),
  merge: (left, right) => (left as number) + (right as number),
  evaluate: (buffer) => BigInt(buffer as number),
}))

/** `count_if(predicate)`: rows where the predicate is true. */
export const countIfAggregate = aggregate('count_if', 1, (args) => {
  if (args.types[0]!.kind !== 'boolean' && args.types[0]!.kind !== 'null') {
    throw unexpectedInputType('count_if', 0, '"BOOLEAN"', args.types[0]!)
  }
  return {
    inputTypes: [BooleanType],
    dataType: LongType,
    nullable: false,
    init: () => 0,
    update: (buffer, a) => (a[0] === true ? (buffer as number) + 1 : buffer),
    merge: (left, right) => (left as number) + (right as number),
    evaluate: (buffer) => BigInt(buffer as number),
  }
})

/**
 * `sum(x)`: integral types → BIGINT (ANSI: ARITHMETIC_OVERFLOW beyond 64 bits, else
 * wraps as Java does), float/double/string → DOUBLE, DECIMAL(p, s) → DECIMAL(p + 10, s)
 * (overflow beyond 38 digits: error in ANSI mode, null otherwise). Null when no non-null input.
 */
export const sumAggregate = aggregate('sum', 1, (args) => {
  const t = args.types[0]!
  const ansi = args.context.ansi
  if (t.kind === 'byte' || t.kind === 'short' || t.kind === 'integer' || t.kind === 'long') {
    const add = (a: bigint, b: bigint): bigint => {
      const s = a + b
      if (s < LONG_MIN || s > LONG_MAX) {
        if (ansi) throw arithmeticOverflow('sum', `${a} + ${b}`)
        return BigInt.asIntN(64, s)
      }
      return s
    }
    return {
      inputTypes: [LongType], dataType: LongType, nullable: true,
      init: () => null,
      update: (buffer, a) => (a[0] === null ? buffer : buffer === null ? a[0] as bigint : add(buffer as bigint, a[0] as bigint)),
      merge: (l, r) => (l === null ? r : r === null ? l : add(l as bigint, r as bigint)),
      evaluate: (buffer) => buffer,
    }
  }
  if (t.kind === 'decimal') {
    const resultType = DecimalType(Math.min(MAX_DECIMAL_PRECISION, t.precision + 10), t.scale)
    const checked = (v: bigint): bigint | null => {
      if (fitsPrecision(v, resultType.precision)) return v
      if (ansi) throw arithmeticOverflow('sum', `sum of ${typeSql(resultType)}`)
      return null
    }
    return {
      inputTypes: [t], dataType: resultType, nullable: true,
      init: () => null,
      update: (buffer, a) => (a[0] === null ? buffer : buffer === null ? a[0] : (buffer as bigint) + (a[0] as bigint)),
      merge: (l, r) => (l === null ? r : r === null ? l : (l as bigint) + (r as bigint)),
      evaluate: (buffer) => (buffer === null ? null : checked(buffer as bigint)),
    }
  }
  if (isNumericKind(t) || t.kind === 'string' || t.kind === 'null') {
    return {
      inputTypes: [DoubleType], dataType: DoubleType, nullable: true,
      init: () => null,
      update: (buffer, a) => (a[0] === null ? buffer : buffer === null ? a[0] : (buffer as number) + (a[0] as number)),
      merge: (l, r) => (l === null ? r : r === null ? l : (l as number) + (r as number)),
      evaluate: (buffer) => buffer,
    }
  }
  if (t.kind === 'year_month_interval' || t.kind === 'day_time_interval') return intervalSum(t)
  throw unexpectedInputType('sum', 0, '"NUMERIC" or "ANSI INTERVAL"', t)
})

/** The exact sum of ANSI intervals as a bigint, or null before any value. */
function sumIntervals(buffer: unknown, value: unknown): unknown {
  if (value === null) return buffer
  const v = BigInt(value as number | bigint)
  return buffer === null ? v : (buffer as bigint) + v
}

/** A bigint count of months or microseconds back in the interval's range; INTERVAL_ARITHMETIC_OVERFLOW outside it. */
function intervalOfSum(total: bigint, family: 'ym' | 'dt', tryName: string): number | bigint {
  const [min, max, word] = family === 'ym' ? [-(2n ** 31n), 2n ** 31n - 1n, 'integer'] : [LONG_MIN, LONG_MAX, 'long']
  if (total < min || total > max) throw intervalOverflow(`${word} overflow`, tryName)
  return family === 'ym' ? Number(total) : total
}

/** `sum` of ANSI intervals: the same type, exact (Spark adds intervals with addExact in every mode). */
function intervalSum(t: DataType): ResolvedAggregateFunction {
  const family = t.kind === 'year_month_interval' ? 'ym' : 'dt'
  return {
    inputTypes: [t], dataType: t, nullable: true,
    init: () => null,
    update: (buffer, a) => sumIntervals(buffer, a[0]),
    merge: (l, r) => (l === null ? r : r === null ? l : (l as bigint) + (r as bigint)),
    evaluate: (buffer) => (buffer === null ? null : intervalOfSum(buffer as bigint, family, 'try_sum')),
  }
}

/** `avg` of ANSI intervals: INTERVAL YEAR TO MONTH / DAY TO SECOND, the sum divided by the count rounded HALF_UP (Spark's Divide*Interval). */
function intervalAverage(t: DataType): ResolvedAggregateFunction {
  const family = t.kind === 'year_month_interval' ? 'ym' : 'dt'
  return {
    inputTypes: [t], dataType: family === 'ym' ? YearMonthIntervalType() : DayTimeIntervalType(), nullable: true,
    init: () => ({ sum: 0n, count: 0 }),
    update(buffer, a) {
      const b = buffer as { sum: bigint; count: number }
      if (a[0] === null) return b
      b.sum += BigInt(a[0] as number | bigint)
      b.count++
      return b
    },
    merge(left, right) {
      const l = left as { sum: bigint; count: number }
      const r = right as { sum: bigint; count: number }
      return { sum: l.sum + r.sum, count: l.count + r.count }
    },
    evaluate(buffer) {
      const b = buffer as { sum: bigint; count: number }
      if (b.count === 0) return null
      intervalOfSum(b.sum, family, 'try_avg')
      return intervalOfSum(divideHalfUp(b.sum, BigInt(b.count)), family, 'try_avg')
    },
  }
}

interface AverageBuffer { sum: number | bigint; count: number }

/**
 * `avg(x)`/`mean(x)`: DOUBLE, or DECIMAL(p + 4, s + 4) for DECIMAL(p, s) input. Integral
 * input is summed exactly as a bigint, so merging partial results is exact.
 */
export const avgAggregate = aggregate('avg', 1, (args) => {
  const t = args.types[0]!
  if (t.kind === 'decimal') {
    const resultType = DecimalType(Math.min(MAX_DECIMAL_PRECISION, t.precision + 4), Math.min(MAX_DECIMAL_PRECISION, t.scale + 4))
    const shift = pow10(resultType.scale - t.scale)
    return averageOver(t, resultType, 0n, (sum, count) => {
      const value = divideHalfUp((sum as bigint) * shift, BigInt(count))
      if (fitsPrecision(value, resultType.precision)) return value
      if (args.context.ansi) throw arithmeticOverflow('avg', `avg of ${typeSql(t)}`)
      return null
    })
  }
  if (t.kind === 'byte' || t.kind === 'short' || t.kind === 'integer' || t.kind === 'long') {
    return averageOver(LongType, DoubleType, 0n, (sum, count) => Number(sum as bigint) / count)
  }
  if (isNumericKind(t) || t.kind === 'string' || t.kind === 'null') {
    return averageOver(DoubleType, DoubleType, 0, (sum, count) => (sum as number) / count)
  }
  if (t.kind === 'year_month_interval' || t.kind === 'day_time_interval') return intervalAverage(t)
  throw unexpectedInputType('avg', 0, '"NUMERIC" or "ANSI INTERVAL"', t)
})

function averageOver(
  inputType: DataType,
  dataType: DataType,
  zero: number | bigint,
  finish: (sum: number | bigint, count: number) => unknown,
): ResolvedAggregateFunction {
  return {
    inputTypes: [inputType], dataType, nullable: true,
    init: (): AverageBuffer => ({ sum: zero, count: 0 }),
    update(buffer, a) {
      const b = buffer as AverageBuffer
      if (a[0] === null) return b
      // Mutates in place: buffers come from init() and belong to one group.
      b.sum = (b.sum as number) + (a[0] as number)
      b.count++
      return b
    },
    merge(left, right) {
      const l = left as AverageBuffer
      const r = right as AverageBuffer
      return { sum: (l.sum as number) + (r.sum as number), count: l.count + r.count }
    },
    evaluate(buffer) {
      const b = buffer as AverageBuffer
      return b.count === 0 ? null : finish(b.sum, b.count)
    },
  }
}

function extremum(name: string, sign: 1 | -1): AggregateFunctionDefinition {
  return aggregate(name, 1, (args) => {
    const t = args.types[0]!
    if (!isOrderable(t)) throw unexpectedInputType(name, 0, '"ORDERABLE"', t)
    const better = (candidate: unknown, current: unknown): boolean => compareValues(candidate, current) * sign > 0
    return {
      dataType: t, nullable: true,
      init: () => null,
      update: (buffer, a) => (a[0] === null ? buffer : buffer === null || better(a[0], buffer) ? a[0] : buffer),
      merge: (l, r) => (l === null ? r : r === null ? l : better(r, l) ? r : l),
      evaluate: (buffer) => buffer,
    }
  })
}

/** `max(x)`: the largest non-null value of any orderable type (NaN is the largest double). */
export const maxAggregate = extremum('max', 1)
/** `min(x)`: the smallest non-null value of any orderable type. */
export const minAggregate = extremum('min', -1)

interface PickBuffer { set: boolean; value: unknown }

function ignoreNullsArg(name: string, args: FunctionArgs): boolean {
  if (args.types.length < 2) return false
  const value = args.constants[1]
  if (args.types[1]!.kind !== 'boolean' || typeof value !== 'boolean') {
    throw new AnalysisError('DATATYPE_MISMATCH.NON_FOLDABLE_INPUT',
      `The second argument of ${name} (ignoreNulls) must be a constant boolean.`, { functionName: name })
  }
  return value
}

/**
 * `first(x[, ignoreNulls])`: the value of the first row seen (nondeterministic across
 * partitions, as in Spark); with ignoreNulls the first non-null value.
 */
function firstOrLast(name: string, last: boolean): AggregateFunctionDefinition {
  return aggregate(name, [1, 2], (args) => {
    const ignoreNulls = ignoreNullsArg(name, args)
    return {
      dataType: args.types[0]!, nullable: true,
      init: (): PickBuffer => ({ set: false, value: null }),
      update(buffer, a) {
        const b = buffer as PickBuffer
        if (ignoreNulls && a[0] === null) return b
        if (b.set && !last) return b
        b.set = true
        b.value = a[0]
        return b
      },
      merge(left, right) {
        const l = left as PickBuffer
        const r = right as PickBuffer
        if (!l.set) return r
        if (!r.set) return l
        return last ? r : l
      },
      evaluate: (buffer) => (buffer as PickBuffer).value,
    }
  })
}

export const firstAggregate = firstOrLast('first', false)
export const lastAggregate = firstOrLast('last', true)

function booleanFold(name: string, isAnd: boolean): AggregateFunctionDefinition {
  return aggregate(name, 1, (args) => {
    const t = args.types[0]!
    if (t.kind !== 'boolean' && t.kind !== 'null') throw unexpectedInputType(name, 0, '"BOOLEAN"', t)
    const combine = (l: unknown, r: unknown): unknown =>
      l === null ? r : r === null ? l : isAnd ? (l as boolean) && (r as boolean) : (l as boolean) || (r as boolean)
    return {
      inputTypes: [BooleanType], dataType: BooleanType, nullable: true,
      init: () => null,
      update: (buffer, a) => combine(buffer, a[0]),
      merge: combine,
      evaluate: (buffer) => buffer,
    }
  })
}

/** `bool_and(x)`/`every(x)`: true when every non-null value is true; null with no non-null value. */
export const boolAndAggregate = booleanFold('bool_and', true)
/** `bool_or(x)`/`any(x)`/`some(x)`: true when some value is true. */
export const boolOrAggregate = booleanFold('bool_or', false)

interface ByBuffer { value: unknown; ordering: unknown }

function extremumBy(name: string, sign: 1 | -1): AggregateFunctionDefinition {
  return aggregate(name, 2, (args) => {
    if (!isOrderable(args.types[1]!)) throw unexpectedInputType(name, 1, '"ORDERABLE"', args.types[1]!)
    const pick = (l: ByBuffer | null, r: ByBuffer | null): ByBuffer | null =>
      l === null ? r : r === null ? l : compareValues(r.ordering, l.ordering) * sign > 0 ? r : l
    return {
      dataType: args.types[0]!, nullable: true,
      init: () => null,
      update: (buffer, a) => (a[1] === null ? buffer : pick(buffer as ByBuffer | null, { value: a[0], ordering: a[1] })),
      merge: (l, r) => pick(l as ByBuffer | null, r as ByBuffer | null),
      evaluate: (buffer) => (buffer === null ? null : (buffer as ByBuffer).value),
    }
  })
}

/** `max_by(x, ord)`: the `x` of the row with the largest `ord`. */
export const maxByAggregate = extremumBy('max_by', 1)
/** `min_by(x, ord)`: the `x` of the row with the smallest `ord`. */
export const minByAggregate = extremumBy('min_by', -1)

/** `collect_list(x)`: the non-null values as an array, in input order. */
export const collectListAggregate = aggregate('collect_list', 1, (args) => ({
  dataType: ArrayType(args.types[0]!, false), nullable: false,
  init: () => [],
  update(buffer, a) {
    if (a[0] !== null) (buffer as unknown[]).push(a[0])
    return buffer
  },
  merge: (l, r) => [...(l as unknown[]), ...(r as unknown[])],
  evaluate: (buffer) => [...(buffer as unknown[])],
}))

/** `collect_set(x)`: the distinct non-null values as an array (keyed by Spark's equality). */
export const collectSetAggregate = aggregate('collect_set', 1, (args) => {
  if (args.types[0]!.kind === 'map') throw unexpectedInputType('collect_set', 0, 'non-map', args.types[0]!)
  return {
    dataType: ArrayType(args.types[0]!, false), nullable: false,
    init: () => new Map<string, unknown>(),
    update(buffer, a) {
      const set = buffer as Map<string, unknown>
      if (a[0] !== null) {
        const key = valueKey(a[0])
        if (!set.has(key)) set.set(key, a[0])
      }
      return set
    },
    merge(l, r) {
      const merged = new Map(l as Map<string, unknown>)
      for (const [k, v] of r as Map<string, unknown>) if (!merged.has(k)) merged.set(k, v)
      return merged
    },
    evaluate: (buffer) => [...(buffer as Map<string, unknown>).values()],
  }
})

export const basicAggregates: AggregateFunctionDefinition[] = [
  countAggregate, countIfAggregate, sumAggregate, avgAggregate, aliasAggregate('mean', avgAggregate),
  maxAggregate, minAggregate, firstAggregate, lastAggregate,
  aliasAggregate('first_value', firstAggregate), aliasAggregate('last_value', lastAggregate),
  aliasAggregate('any_value', firstAggregate),
  boolAndAggregate, aliasAggregate('every', boolAndAggregate),
  boolOrAggregate, aliasAggregate('any', boolOrAggregate), aliasAggregate('some', boolOrAggregate),
  maxByAggregate, minByAggregate, collectListAggregate, aliasAggregate('array_agg', collectListAggregate),
  collectSetAggregate,
]

