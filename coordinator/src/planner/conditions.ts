import { Expr, anyExpr, transformExpr, type DataType, type LiteralExpr, type PushedFilter, type StructType } from '@sluice/shared'

/** Predicates as the planner takes them apart: conjuncts, equi-join keys, filters a scan can use. */

const FLIPPED: Readonly<Record<string, PushedFilter['op']>> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' }

/** The conjuncts of a filter that compare a scan column with a literal of the column's type (row-group skipping). */
export function pushableFilters(condition: Expr, schema: StructType): PushedFilter[] {
  const out: PushedFilter[] = []
  for (const conjunct of splitConjuncts(condition)) {
    if (conjunct.kind !== 'Call' || conjunct.args.length !== 2 || FLIPPED[conjunct.name] === undefined) continue
    const [a, b] = conjunct.args as [Expr, Expr]
    const column = (e: Expr) => {
      const name = e.kind === 'Column' && e.nameParts.length === 1 ? e.nameParts[0]! : e.kind === 'Ref' ? e.name : undefined
      return name === undefined ? undefined : schema.fields.find((f) => f.name.toLowerCase() === name.toLowerCase())
    }
    const literal = (e: Expr, type: DataType) =>
      e.kind === 'Literal' && e.value !== null && (e.dataType.kind === type.kind || (isNumericKind(e.dataType.kind) && isNumericKind(type.kind))) ? e : undefined
    const left = column(a)
    const right = column(b)
    if (left && literal(b, left.dataType)) out.push({ column: left.name, op: conjunct.name as PushedFilter['op'], value: coerceLiteral((b as LiteralExpr).value, left.dataType) })
    else if (right && literal(a, right.dataType)) out.push({ column: right.name, op: FLIPPED[conjunct.name]!, value: coerceLiteral((a as LiteralExpr).value, right.dataType) })
  }
  return out
}

export const isNumericKind = (k: string) => k === 'byte' || k === 'short' || k === 'integer' || k === 'long' || k === 'float' || k === 'double'

/** A numeric literal in the column's representation (bigint for BIGINT columns). */
function coerceLiteral(value: unknown, type: DataType): unknown {
  if (type.kind === 'long' && typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value
  if (type.kind !== 'long' && typeof value === 'bigint' && isNumericKind(type.kind)) return Number(value)
  return value
}

export function splitConjuncts(e: Expr): Expr[] {
  if (e.kind === 'Call' && e.name === 'and') return e.args.flatMap(splitConjuncts)
  return [e]
}

export function refIndexes(e: Expr): number[] {
  const out: number[] = []
  anyExpr(e, (n) => { if (n.kind === 'Ref') out.push(n.index); return false })
  return out
}

/** True when the condition compares the two sides' event-time columns (a time-range condition). */
export function timeBound(condition: Expr, leftIndex: number, rightIndex: number): boolean {
  const refs = new Set(refIndexes(condition))
  return refs.has(leftIndex) && refs.has(rightIndex)
}

function shiftRefs(e: Expr, by: number): Expr {
  return transformExpr(e, (n) => (n.kind === 'Ref' ? Expr.ref(n.index - by, n.name, n.dataType, n.nullable) : undefined))
}

/** `l = r` with one side only on left columns and the other only on right columns. */
export function equiJoinKeys(conjunct: Expr, leftWidth: number): [Expr, Expr] | undefined {
  if (conjunct.kind !== 'Call' || conjunct.name !== '=' || conjunct.args.length !== 2) return undefined
  if (anyExpr(conjunct, (n) => n.kind === 'Column')) return undefined
  const [a, b] = conjunct.args as [Expr, Expr]
  const side = (e: Expr): 'left' | 'right' | undefined => {
    const refs = refIndexes(e)
    if (refs.length === 0) return undefined
    if (refs.every((i) => i < leftWidth)) return 'left'
    if (refs.every((i) => i >= leftWidth)) return 'right'
    return undefined
  }
  const sa = side(a)
  const sb = side(b)
  if (sa === 'left' && sb === 'right') return [a, shiftRefs(b, leftWidth)]
  if (sa === 'right' && sb === 'left') return [b, shiftRefs(a, leftWidth)]
  return undefined
}
