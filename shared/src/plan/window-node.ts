import type { Expr, SortOrderExpr } from '../expr/expr.js'
import type { LogicalPlan } from './logical-plan.js'

/**
 * Spark's logical Window: the input's columns followed by one column per window
 * expression (each `Alias(WindowExpr, name)`), all sharing one partitioning and
 * ordering. Made by the planner's ExtractWindowExpressions from window expressions
 * in select lists; users never build it.
 */
export interface WindowNode {
  readonly kind: 'Window'
  readonly input: LogicalPlan
  readonly windowExprs: readonly Expr[]
  readonly partitionSpec: readonly Expr[]
  readonly orderSpec: readonly SortOrderExpr[]
  /** The name the user gave each window expression (its alias or Spark's generated name), for errors. */
  readonly columnNames?: readonly string[]
}

export function windowNode(input: LogicalPlan, windowExprs: readonly Expr[], partitionSpec: readonly Expr[], orderSpec: readonly SortOrderExpr[],
  columnNames?: readonly string[]): WindowNode {
  return Object.freeze({
    kind: 'Window', input, windowExprs: Object.freeze([...windowExprs]),
    partitionSpec: Object.freeze([...partitionSpec]), orderSpec: Object.freeze([...orderSpec]),
    ...(columnNames === undefined ? {} : { columnNames: Object.freeze([...columnNames]) }),
  })
}
