import { BooleanType, DoubleType, NullType } from '../types/data-type.js'
import { ExecutionError } from '../errors/sluice-error.js'
import type { ScalarFunctionDefinition } from './function-types.js'
import { aliasScalar, coerceTo, defineScalar, lenient, strict, unexpectedInputType } from './function-support.js'
import { commonType } from './math-functions.js'
import { isIntegralKind } from './numeric-types.js'
import { valuesEqual } from './value-ordering.js'

/**
 * Conditional and null functions. NOTE for the compiler: Spark evaluates `coalesce`,
 * `nvl`, `ifnull`, `nvl2` and `if` lazily (`coalesce(null, 1, 1/0)` is 1 in ANSI
 * mode); `invoke` here receives already evaluated arguments, so lazy evaluation needs
 * the compiler to short-circuit these names itself.
 */

/** `coalesce(a, b, ...)`: the first non-null argument, in the arguments' common type. */
export const coalesceFunction = defineScalar('coalesce', [1, Infinity], (args) => {
  const t = commonType('coalesce', args.types)
  return lenient(args.types.map(() => t), t, (a) => {
    for (const v of a) if (v !== null) return v
    return null
  }, args.nullable.every((n) => n))
})

function twoWayCoalesce(name: string): ScalarFunctionDefinition {
  return defineScalar(name, 2, (args) => {
    const t = commonType(name, args.types)
    return lenient([t, t], t, (a) => (a[0] !== null ? a[0] : a[1]), args.nullable.every((n) => n))
  })
}

export const nvlFunction = twoWayCoalesce('nvl')
export const ifnullFunction = twoWayCoalesce('ifnull')

/** `nvl2(x, a, b)`: a when x is not null, else b. */
export const nvl2Function = defineScalar('nvl2', 3, (args) => {
  const t = commonType('nvl2', args.types.slice(1))
  return lenient([args.types[0]!, t, t], t, (a) => (a[0] !== null ? a[1] : a[2]))
})

/** `nullif(a, b)`: null when a = b, else a. */
export const nullifFunction = defineScalar('nullif', 2, (args) => {
  const t = commonType('nullif', args.types)
  return lenient([t, t], t, (a) => (a[0] !== null && a[1] !== null && valuesEqual(a[0], a[1]) ? null : a[0]))
})

/** `if(cond, a, b)`/`iff`: a when cond is true, else (false or null) b. */
export const ifFunction = defineScalar('if', 3, (args) => {
  const condition = args.types[0]!
  if (condition.kind !== 'boolean' && condition.kind !== 'null') throw unexpectedInputType('if', 0, '"BOOLEAN"', condition)
  const t = commonType('if', args.types.slice(1))
  return lenient([BooleanType, t, t], t, (a) => (a[0] === true ? a[1] : a[2]))
})

export const isnullFunction = defineScalar('isnull', 1, () => lenient(undefined, BooleanType, (a) => a[0] === null, false))
export const isnotnullFunction = defineScalar('isnotnull', 1, () => lenient(undefined, BooleanType, (a) => a[0] !== null, false))

/** `isnan(x)`: true for NaN; false for null. */
export const isnanFunction = defineScalar('isnan', 1, (args) =>
  lenient([coerceTo('isnan', 0, args.types[0]!, DoubleType, args.context.ansi)], BooleanType, (a) => typeof a[0] === 'number' && Number.isNaN(a[0]), false))

/** `nanvl(a, b)`: b when a is NaN, else a (DOUBLE). */
export const nanvlFunction = defineScalar('nanvl', 2, (args) => {
  const t = args.types.some((x) => x.kind === 'double' || isIntegralKind(x.kind) || x.kind === 'decimal' || x.kind === 'string') ? DoubleType : commonType('nanvl', args.types)
  return lenient([t, t], t, (a) => (a[0] === null ? null : typeof a[0] === 'number' && Number.isNaN(a[0]) ? a[1] : a[0]))
})

/** `equal_null(a, b)`: `a <=> b`, true when both are null. */
export const equalNullFunction = defineScalar('equal_null', 2, (args) => {
  const t = commonType('equal_null', args.types)
  return lenient([t, t], BooleanType, (a) => (a[0] === null || a[1] === null ? a[0] === a[1] : valuesEqual(a[0], a[1])), false)
})

/** `zeroifnull(x)`: 0 for null. `nullifzero(x)`: null for 0. */
export const zeroifnullFunction = defineScalar('zeroifnull', 1, (args) => {
  const t = args.types[0]!.kind === 'null' || args.types[0]!.kind === 'string' ? DoubleType : commonType('zeroifnull', args.types)
  const zero = t.kind === 'long' || t.kind === 'decimal' ? 0n : 0
  return lenient([t], t, (a) => (a[0] === null ? zero : a[0]), false)
})
export const nullifzeroFunction = defineScalar('nullifzero', 1, (args) => {
  const t = args.types[0]!.kind === 'null' || args.types[0]!.kind === 'string' ? DoubleType : commonType('nullifzero', args.types)
  return strict([t], t, (a) => (a[0] === 0 || a[0] === 0n ? null : a[0]))
})

/** `raise_error(message)`: fails the query with USER_RAISED_EXCEPTION. */
export const raiseErrorFunction = defineScalar('raise_error', 1, (args) =>
  lenient([coerceTo('raise_error', 0, args.types[0]!, { kind: 'string' }, args.context.ansi)], NullType, (a) => {
    throw new ExecutionError('USER_RAISED_EXCEPTION', String(a[0]), { errorMessage: String(a[0]) })
  }))

/** `assert_true(cond[, message])`: null when cond is true, else fails with USER_RAISED_EXCEPTION. */
export const assertTrueFunction = defineScalar('assert_true', [1, 2], (args) =>
  lenient(args.types.length === 2 ? [BooleanType, { kind: 'string' }] : [BooleanType], NullType, (a) => {
    if (a[0] === true) return null
    const message = a.length > 1 && a[1] !== null ? String(a[1]) : `'${String(a[0])}' is not true!`
    throw new ExecutionError('USER_RAISED_EXCEPTION', message, { errorMessage: message })
  }))

/**
 * The catalog's conditional functions. `coalesce`, `nvl`, `ifnull`, `nvl2`, `if`,
 * `iff` and `nullif` are the expression compiler's built-ins (lazy evaluation);
 * their definitions here serve direct callers and tests.
 */
export const conditionalFunctions: ScalarFunctionDefinition[] = [
  isnullFunction, isnotnullFunction, isnanFunction, nanvlFunction, equalNullFunction, zeroifnullFunction, nullifzeroFunction,
  raiseErrorFunction, assertTrueFunction,
]

/** Definitions the compiler builds itself (lazily); exported for direct use. */
export const lazyConditionalFunctions: ScalarFunctionDefinition[] = [
  coalesceFunction, nvlFunction, ifnullFunction, nvl2Function, nullifFunction, ifFunction, aliasScalar('iff', ifFunction),
]
