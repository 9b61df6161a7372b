import type { Expr, SortOrderExpr } from './expr.js'

/**
 * One end of a window frame. An `Offset` is a constant as Spark holds it: `n PRECEDING`
 * is `negative(n)` (SQL) or a negative literal (`rowsBetween(-1, 0)`), `n FOLLOWING` is `n`.
 */
export type FrameBoundary =
  | { readonly kind: 'UnboundedPreceding' }
  | { readonly kind: 'UnboundedFollowing' }
  | { readonly kind: 'CurrentRow' }
  | { readonly kind: 'Offset'; readonly value: Expr }

/** `ROWS|RANGE BETWEEN lower AND upper`. */
export interface WindowFrame {
  readonly type: 'rows' | 'range'
  readonly lower: FrameBoundary
  readonly upper: FrameBoundary
}

/** `OVER (PARTITION BY ... ORDER BY ... frame)`; no frame: Spark's default for the function. */
export interface WindowSpec {
  readonly partitionBy: readonly Expr[]
  readonly orderBy: readonly SortOrderExpr[]
  readonly frame?: WindowFrame
}

/**
 * `function OVER spec` (Spark's WindowExpression). `specName` is `OVER w` before the
 * SQL parser substitutes the `WINDOW w AS (...)` definition.
 */
export interface WindowExpr {
  readonly kind: 'Window'
  readonly function: Expr
  readonly spec: WindowSpec
  readonly specName?: string
}

export const UNBOUNDED_PRECEDING: FrameBoundary = Object.freeze({ kind: 'UnboundedPreceding' })
export const UNBOUNDED_FOLLOWING: FrameBoundary = Object.freeze({ kind: 'UnboundedFollowing' })
export const CURRENT_ROW: FrameBoundary = Object.freeze({ kind: 'CurrentRow' })

export function offsetBoundary(value: Expr): FrameBoundary {
  return Object.freeze({ kind: 'Offset', value })
}

export function windowFrame(type: 'rows' | 'range', lower: FrameBoundary, upper: FrameBoundary): WindowFrame {
  return Object.freeze({ type, lower, upper })
}

export function windowSpec(partitionBy: readonly Expr[], orderBy: readonly SortOrderExpr[], frame?: WindowFrame): WindowSpec {
  const base = { partitionBy: Object.freeze([...partitionBy]), orderBy: Object.freeze([...orderBy]) }
  return Object.freeze(frame === undefined ? base : { ...base, frame })
}

export function windowExpr(fn: Expr, spec: WindowSpec, specName?: string): WindowExpr {
  return Object.freeze(specName === undefined ? { kind: 'Window', function: fn, spec } : { kind: 'Window', function: fn, spec, specName })
}
