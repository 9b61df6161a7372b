import type { DataType } from '../types/data-type.js'
import { DoubleType } from '../types/data-type.js'
import { SluiceError } from '../errors/sluice-error.js'
import { arithmeticKernel, arithmeticResultType, type ArithmeticOperator } from '../eval/arithmetic.js'
import { integralAsDecimal, widerNumericType } from '../eval/type-coercion.js'
import type { FunctionArgs, ResolvedScalarFunction, ScalarFunctionDefinition } from './function-types.js'
import { defineScalar, isNumericKind, strict, unexpectedInputType } from './function-support.js'
import { isIntegralKind } from './numeric-types.js'
import { toDateFunction, toTimestampFunction } from './datetime-functions.js'

/** Operand types as Spark widens them for `op`: decimals keep their own precision, `/` on non-decimals is DOUBLE. */
function operandTypes(name: string, op: ArithmeticOperator, args: FunctionArgs): [DataType, DataType] {
  const [l, r] = args.types.map((t, i) => {
    if (t.kind === 'string') return DoubleType
    if (t.kind !== 'null' && !isNumericKind(t)) throw unexpectedInputType(name, i, '"NUMERIC"', t)
    return t
  }) as [DataType, DataType]
  const left = l.kind === 'null' ? r : l
  const right = r.kind === 'null' ? l : r
  if (left.kind === 'decimal' || right.kind === 'decimal') {
    if ((left.kind === 'decimal' || isIntegralKind(left.kind)) && (right.kind === 'decimal' || isIntegralKind(right.kind))) {
      return [left.kind === 'decimal' ? left : integralAsDecimal(left), right.kind === 'decimal' ? right : integralAsDecimal(right)]
    }
    return [DoubleType, DoubleType]
  }
  if (op === '/') return [DoubleType, DoubleType]
  const wide = widerNumericType(left, right)
  return [wide, wide]
}

/**
 * `try_add`, `try_subtract`, `try_multiply`, `try_divide`, `try_mod`: the ANSI
 * arithmetic of the compiler's kernels, with null instead of ARITHMETIC_OVERFLOW or
 * DIVIDE_BY_ZERO.
 */
function tryArithmetic(name: string, op: ArithmeticOperator): ScalarFunctionDefinition {
  return defineScalar(name, 2, (args): ResolvedScalarFunction => {
    const [lt, rt] = operandTypes(name, op, args)
    const resultType = arithmeticResultType(op, lt, rt)
    const kernel = arithmeticKernel(op, lt, rt, resultType, true)
    return strict([lt, rt], resultType, (a) => {
      try {
        return kernel(a[0], a[1])
      } catch (error) {
        if (SluiceError.isInstance(error)) return null
        throw error
      }
    })
  })
}

export const tryAddFunction = tryArithmetic('try_add', '+')
export const trySubtractFunction = tryArithmetic('try_subtract', '-')
export const tryMultiplyFunction = tryArithmetic('try_multiply', '*')
export const tryDivideFunction = tryArithmetic('try_divide', '/')
export const tryModFunction = tryArithmetic('try_mod', '%')

/** `try_to_timestamp(x[, fmt])`/`try_to_date`: null instead of CANNOT_PARSE_TIMESTAMP. */
export const tryToTimestampFunction = defineScalar('try_to_timestamp', [1, 2], (args) =>
  toTimestampFunction.resolve({ ...args, context: { ...args.context, ansi: false } }))
export const tryToDateFunction = defineScalar('try_to_date', [1, 2], (args) =>
  toDateFunction.resolve({ ...args, context: { ...args.context, ansi: false } }))

export const tryFunctions: ScalarFunctionDefinition[] = [
  tryAddFunction, trySubtractFunction, tryMultiplyFunction, tryDivideFunction, tryModFunction,
  tryToTimestampFunction, tryToDateFunction,
]
