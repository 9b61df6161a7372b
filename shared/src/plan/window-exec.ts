import type { Expr, SortOrderExpr } from '../expr/expr.js'
import type { StructType } from '../types/data-type.js'
import type { PhysicalPlan } from './physical-plan.js'

/**
 * Spark's WindowExec: sorts its input by partition then order keys and emits each
 * input row followed by one value per window function, evaluated over the row's
 * partition. Every expression is bound to the input schema.
 */
export interface WindowExec {
  readonly kind: 'Window'
  readonly schema: StructType
  readonly input: PhysicalPlan
  readonly partitionSpec: readonly Expr[]
  readonly orderSpec: readonly SortOrderExpr[]
  readonly functions: readonly WindowFunctionExec[]
}

/** How a window function is evaluated: a ranking or offset function, or an aggregate over the frame. */
export type WindowFunctionKind =
  | 'row_number' | 'rank' | 'dense_rank' | 'percent_rank' | 'cume_dist' | 'ntile'
  | 'lag' | 'lead' | 'nth_value' | 'aggregate'

/**
 * One window function. `function` is a Call bound to the input; constant arguments
 * are literals (lag/lead: input, offset, default cast to the input's type,
 * ignoreNulls; nth_value: input, offset, ignoreNulls; ntile: buckets).
 */
export interface WindowFunctionExec {
  readonly kind: WindowFunctionKind
  readonly function: Expr
  readonly frame: PhysicalWindowFrame
  /** Spark's SQL text of the window expression (`row_number() OVER (...)`), for errors. */
  readonly sql: string
  /** The column the user named it (alias or generated name), for errors. */
  readonly columnName?: string
}

export interface PhysicalWindowFrame {
  readonly type: 'rows' | 'range'
  readonly lower: PhysicalFrameBoundary
  readonly upper: PhysicalFrameBoundary
}

/**
 * `rows`: a row offset from the current row; `range`: the bound value of the current
 * row (its order value plus the offset, minus for a descending order), compared with
 * the order values of the partition in the sort order.
 */
export type PhysicalFrameBoundary =
  | { readonly kind: 'unboundedPreceding' }
  | { readonly kind: 'unboundedFollowing' }
  | { readonly kind: 'currentRow' }
  | { readonly kind: 'rows'; readonly offset: number }
  | { readonly kind: 'range'; readonly bound: Expr }
