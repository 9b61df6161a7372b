import type { Expr } from '../expr/expr.js'
import { BooleanType, DoubleType, StringType, isAnsiIntervalType, type DataType } from '../types/data-type.js'
import { sqlTypeString } from '../types/type-strings.js'
import { compareValues } from '../functions/value-ordering.js'
import { makeNode, type CompiledNode } from './compiled-node.js'
import type { ExprCompiler } from './compile-expr.js'
import { findWiderType, findWiderTypeOfAll, stringPromotionTarget } from './type-coercion.js'
import { binaryDiffTypes, typeMismatch } from './operator-errors.js'

/** The common type a comparison's operands are cast to. */
export function comparisonType(c: ExprCompiler, left: DataType, right: DataType): DataType | undefined {
  const ansi = c.context.ansi
  if (left.kind === 'string' && right.kind !== 'string') return ansi ? stringPromotionTarget(right) : legacyStringComparison(right)
  if (right.kind === 'string' && left.kind !== 'string') return ansi ? stringPromotionTarget(left) : legacyStringComparison(left)
  return findWiderType(left, right, !ansi)
}

/** Non-ANSI Spark compares a string with a value of another type in that type (with a decimal: as doubles). */
function legacyStringComparison(other: DataType): DataType | undefined {
  if (other.kind === 'decimal') return DoubleType
  if (isAnsiIntervalType(other)) return undefined
  if (other.kind === 'null') return StringType
  return other.kind === 'array' || other.kind === 'map' || other.kind === 'struct' ? undefined : other
}

export function compileComparison(c: ExprCompiler, op: string, argExprs: readonly Expr[], name: string): CompiledNode {
  const l = c.compile(argExprs[0]!)
  const r = c.compile(argExprs[1]!)
  const type = comparisonType(c, l.dataType, r.dataType)
  if (type === undefined) throw binaryDiffTypes(name, l.dataType, r.dataType)
  if (type.kind === 'map') {
    throw typeMismatch(name, `The \`${op}\` does not support ordering on type "${sqlTypeString(type)}"`,
      { functionName: `\`${op}\``, dataType: `"${sqlTypeString(type)}"` }, 'INVALID_ORDERING_TYPE')
  }
  const le = c.castTo(l, type).eval
  const re = c.castTo(r, type).eval
  const foldable = l.foldable && r.foldable
  if (op === '<=>') {
    return makeNode(BooleanType, false, name, foldable, (row) => {
      const a = le(row) ?? null
      const b = re(row) ?? null
      if (a === null || b === null) return a === b
      return compareValues(a, b) === 0
    })
  }
  const test = comparisonTest(op)
  const compare = primitiveCompare(type) ?? compareValues
  return makeNode(BooleanType, l.nullable || r.nullable, name, foldable, (row) => {
    const a = le(row)
    if (a === null || a === undefined) return null
    const b = re(row)
    if (b === null || b === undefined) return null
    return test(compare(a, b))
  })
}

/** A faster comparison for types whose values are plain numbers or bigints with no NaN. */
function primitiveCompare(type: DataType): ((a: unknown, b: unknown) => number) | undefined {
  switch (type.kind) {
    case 'byte': case 'short': case 'integer': case 'date': case 'timestamp': case 'timestamp_ntz':
      return (a, b) => (a as number) - (b as number)
    case 'year_month_interval': return (a, b) => (a as number) - (b as number)
    case 'long': case 'decimal': case 'day_time_interval': case 'time':
      return (a, b) => ((a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0)
  }
  return undefined
}

function comparisonTest(op: string): (cmp: number) => boolean {
  switch (op) {
    case '=': case '==': return (x) => x === 0
    case '!=': case '<>': return (x) => x !== 0
    case '<': return (x) => x < 0
    case '<=': return (x) => x <= 0
    case '>': return (x) => x > 0
    default: return (x) => x >= 0
  }
}

export function compileIn(c: ExprCompiler, argExprs: readonly Expr[], name: string): CompiledNode {
  const nodes = argExprs.map((a) => c.compile(a))
  const value = nodes[0]!
  const list = nodes.slice(1)
  let type: DataType | undefined = value.dataType
  for (const item of list) type = type === undefined ? undefined : comparisonType(c, type, item.dataType)
  if (type === undefined) type = findWiderTypeOfAll(nodes.map((n) => n.dataType), !c.context.ansi)
  if (type === undefined) {
    const types = nodes.map((n) => `"${sqlTypeString(n.dataType)}"`).join(', ')
    throw typeMismatch(name, `Input to \`in\` should all be the same type, but it's [${types}]`,
      { functionName: '`in`', dataType: `[${types}]` }, 'DATA_DIFF_TYPES')
  }
  const valueEval = c.castTo(value, type).eval
  const itemEvals = list.map((n) => c.castTo(n, type!).eval)
  const nullable = nodes.some((n) => n.nullable)
  const foldable = nodes.every((n) => n.foldable)
  return makeNode(BooleanType, nullable, name, foldable, (row) => {
    const v = valueEval(row)
    if (v === null || v === undefined) return null
    let sawNull = false
    for (const itemEval of itemEvals) {
      const item = itemEval(row)
      if (item === null || item === undefined) { sawNull = true; continue }
      if (compareValues(v, item) === 0) return true
    }
    return sawNull ? null : false
  })
}
