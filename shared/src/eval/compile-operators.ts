import { Expr } from '../expr/expr.js'
import {
  BooleanType, DoubleType, LongType, isAnsiIntervalType, isIntegralType, isNumericType, type DataType,
} from '../types/data-type.js'
import { sqlTypeString } from '../types/type-strings.js'
import { makeNode, constantValue, type CompiledNode } from './compiled-node.js'
import type { ExprCompiler } from './compile-expr.js'
import { arithmeticKernel, arithmeticResultType, decimalTypeOfIntegralValue, negateKernel, type ArithmeticOperator } from './arithmetic.js'
import { integralAsDecimal, stringPromotionTarget, widerNumericType } from './type-coercion.js'
import { compileDatetimeArithmetic } from './datetime-arithmetic.js'
import { compileComparison, compileIn } from './compile-comparison.js'
import { compileLike, compileRlike } from './compile-pattern-match.js'
import { binaryDiffTypes, typeMismatch, unexpectedInputType } from './operator-errors.js'

const OPERATORS = new Set(['+', '-', '*', '/', '%', 'div', 'negative', 'positive', '=', '==', '<=>', '!=', '<>', '<', '<=', '>', '>=',
  'and', 'or', 'not', 'isnull', 'isnotnull', 'like', 'ilike', 'rlike', 'regexp', 'regexp_like', 'in', 'between', '&', '|', '^', '~', '||'])

/** True for the operators the compiler implements itself (not in the function catalog). */
export function isOperatorName(name: string): boolean {
  return OPERATORS.has(name)
}

/**
 * Compiles a built-in operator call, or returns undefined to let the function
 * catalog handle the name. `name` is Spark's output name of the call.
 */
export function compileOperator(c: ExprCompiler, op: string, argExprs: readonly Expr[], name: string): CompiledNode | undefined {
  switch (op) {
    case '+': case '-': case '*': case '/': case '%': case 'div':
      return compileArithmetic(c, op, argExprs, name)
    case 'negative': case 'positive': {
      const child = c.compile(argExprs[0]!)
      let type = child.dataType
      let node = child
      if (type.kind === 'string' || type.kind === 'null') { type = DoubleType; node = c.castTo(child, DoubleType) }
      if (!isNumericType(type) && type.kind !== 'interval' && !isAnsiIntervalType(type)) {
        throw unexpectedInputType(name, 0, '("NUMERIC" or "INTERVAL")', type, child.name)
      }
      if (op === 'positive') return { ...node, name }
      const negate = negateKernel(type, c.context.ansi)
      const evalChild = node.eval
      return makeNode(type, node.nullable, name, node.foldable, (row) => {
        const v = evalChild(row)
        return v === null || v === undefined ? null : negate(v)
      })
    }
    case '=': case '==': case '<=>': case '!=': case '<>': case '<': case '<=': case '>': case '>=':
      return compileComparison(c, op, argExprs, name)
    case 'and': case 'or': {
      const [l, r] = argExprs.map((a) => c.castTo(c.compile(a), BooleanType)) as [CompiledNode, CompiledNode]
      const le = l.eval
      const re = r.eval
      const isAnd = op === 'and'
      return makeNode(BooleanType, l.nullable || r.nullable, name, l.foldable && r.foldable, (row) => {
        const a = le(row)
        if (isAnd ? a === false : a === true) return a
        const b = re(row)
        if (isAnd ? b === false : b === true) return b
        return a === null || a === undefined || b === null || b === undefined ? null : isAnd
      })
    }
    case 'not': {
      const child = c.castTo(c.compile(argExprs[0]!), BooleanType)
      const e = child.eval
      return makeNode(BooleanType, child.nullable, name, child.foldable, (row) => {
        const v = e(row)
        return v === null || v === undefined ? null : !v
      })
    }
    case 'isnull': case 'isnotnull': {
      const child = c.compile(argExprs[0]!)
      const e = child.eval
      const wantNull = op === 'isnull'
      return makeNode(BooleanType, false, name, child.foldable, (row) => {
        const v = e(row)
        return (v === null || v === undefined) === wantNull
      })
    }
    case 'like': case 'ilike': return compileLike(c, op, argExprs, name)
    case 'rlike': case 'regexp': case 'regexp_like': return compileRlike(c, argExprs, name)
    case 'in': return compileIn(c, argExprs, name)
    case 'between': {
      const [v, lo, hi] = argExprs as [Expr, Expr, Expr]
      const node = c.compile(Expr.call('and', [Expr.call('>=', [v, lo]), Expr.call('<=', [v, hi])]))
      return { ...node, name }
    }
    case '&': case '|': case '^': return compileBitwise(c, op, argExprs, name)
    case '~': {
      const child = c.compile(argExprs[0]!)
      if (!isIntegralType(child.dataType)) throw unexpectedInputType(name, 0, '"INTEGRAL"', child.dataType, child.name)
      const e = child.eval
      const isLong = child.dataType.kind === 'long'
      return makeNode(child.dataType, child.nullable, name, child.foldable, (row) => {
        const v = e(row)
        if (v === null || v === undefined) return null
        return isLong ? ~(v as bigint) : ~(v as number)
      })
    }
    case '||': {
      const node = c.compile(Expr.call('concat', argExprs))
      return { ...node, name }
    }
  }
  return undefined
}

/** The types the two operands of an arithmetic operator are cast to. */
function arithmeticOperandTypes(c: ExprCompiler, op: ArithmeticOperator, l: CompiledNode, r: CompiledNode): [DataType, DataType] {
  let lt = l.dataType
  let rt = r.dataType
  const ansi = c.context.ansi
  const promote = (self: DataType, other: DataType): DataType => {
    if (!ansi || other.kind === 'string' || other.kind === 'null') return DoubleType
    return stringPromotionTarget(other) ?? DoubleType
  }
  if (lt.kind === 'string') lt = promote(lt, rt)
  if (rt.kind === 'string') rt = promote(rt, l.dataType.kind === 'string' ? lt : l.dataType)
  if (lt.kind === 'null' && rt.kind === 'null') return [DoubleType, DoubleType]
  if (lt.kind === 'null') lt = rt
  if (rt.kind === 'null') rt = lt
  if (!isNumericType(lt) || !isNumericType(rt)) return [lt, rt]
  if (lt.kind === 'decimal' || rt.kind === 'decimal') {
    if (lt.kind === 'float' || lt.kind === 'double' || rt.kind === 'float' || rt.kind === 'double') return [DoubleType, DoubleType]
    const asDecimal = (node: CompiledNode, t: DataType): DataType => {
      if (t.kind === 'decimal') return t
      const v = constantValue(node)
      return typeof v === 'number' || typeof v === 'bigint' ? decimalTypeOfIntegralValue(v) : integralAsDecimal(t)
    }
    return [asDecimal(l, lt), asDecimal(r, rt)]
  }
  if (op === '/') return [DoubleType, DoubleType]
  if (op === 'div') return [LongType, LongType]
  const wider = widerNumericType(lt, rt)
  return [wider, wider]
}

function compileArithmetic(c: ExprCompiler, op: ArithmeticOperator, argExprs: readonly Expr[], name: string): CompiledNode {
  const l = c.compile(argExprs[0]!)
  const r = c.compile(argExprs[1]!)
  const datetime = compileDatetimeArithmetic(c, op, l, r, name)
  if (datetime !== undefined) return datetime
  const [lt, rt] = arithmeticOperandTypes(c, op, l, r)
  if (!isNumericType(lt) || !isNumericType(rt)) {
    // Spark reports a string operand as the DOUBLE it was promoted to.
    const shown = (node: CompiledNode, promoted: DataType): DataType => (node.dataType.kind === 'string' ? promoted : node.dataType)
    if (lt.kind !== rt.kind) throw binaryDiffTypes(name, shown(l, lt), shown(r, rt))
    const symbol = op === 'div' ? 'div' : op
    throw typeMismatch(name, `the binary operator requires the input type ${op === '/' ? '("DOUBLE" or "DECIMAL")' : '("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")'}, not "${sqlTypeString(lt)}"`,
      { operator: symbol, inputType: `"${sqlTypeString(lt)}"` }, 'BINARY_OP_WRONG_TYPE')
  }
  const left = c.castTo(l, lt)
  const right = c.castTo(r, rt)
  const resultType = arithmeticResultType(op, lt, rt)
  const kernel = arithmeticKernel(op, lt, rt, resultType, c.context.ansi)
  const le = left.eval
  const re = right.eval
  const mayBeNull = left.nullable || right.nullable || op === '/' || op === '%' || op === 'div' || !c.context.ansi || resultType.kind === 'decimal'
  return makeNode(resultType, mayBeNull, name, left.foldable && right.foldable, (row) => {
    const a = le(row)
    if (a === null || a === undefined) return null
    const b = re(row)
    if (b === null || b === undefined) return null
    return kernel(a, b)
  })
}

function compileBitwise(c: ExprCompiler, op: string, argExprs: readonly Expr[], name: string): CompiledNode {
  const l = c.compile(argExprs[0]!)
  const r = c.compile(argExprs[1]!)
  const lt = l.dataType.kind === 'null' ? r.dataType : l.dataType
  const rt = r.dataType.kind === 'null' ? l.dataType : r.dataType
  if (!isIntegralType(lt) || !isIntegralType(rt)) {
    if (lt.kind !== rt.kind) throw binaryDiffTypes(name, l.dataType, r.dataType)
    throw typeMismatch(name, `the binary operator requires the input type "INTEGRAL", not "${sqlTypeString(lt)}"`,
      { operator: op, inputType: `"${sqlTypeString(lt)}"` }, 'BINARY_OP_WRONG_TYPE')
  }
  const type = widerNumericType(lt, rt)
  const le = c.castTo(l, type).eval
  const re = c.castTo(r, type).eval
  const isLong = type.kind === 'long'
  const apply = (a: number | bigint, b: number | bigint): number | bigint => {
    if (isLong) {
      const x = a as bigint
      const y = b as bigint
      return op === '&' ? x & y : op === '|' ? x | y : x ^ y
    }
    const x = a as number
    const y = b as number
    return op === '&' ? x & y : op === '|' ? x | y : x ^ y
  }
  return makeNode(type, l.nullable || r.nullable, name, l.foldable && r.foldable, (row) => {
    const a = le(row)
    if (a === null || a === undefined) return null
    const b = re(row)
    if (b === null || b === undefined) return null
    return apply(a as number | bigint, b as number | bigint)
  })
}
