import type { Expr } from './expr.js'
import type { LogicalPlan } from '../plan/logical-plan.js'

/**
 * A query used as an expression (Spark's SubqueryExpression): a scalar `(SELECT ...)`,
 * `EXISTS (SELECT ...)` or `values IN (SELECT ...)`. Its plan may reference columns of
 * the enclosing query (a correlated subquery); the planner turns it into a join.
 */
export interface SubqueryExpr {
  readonly kind: 'Subquery'
  readonly subqueryType: 'scalar' | 'exists' | 'in'
  readonly plan: LogicalPlan
  /** IN: the values compared with the subquery's columns, one per column (`(a, b) IN (SELECT x, y ...)`). */
  readonly values: readonly Expr[]
}

export function subqueryExpr(subqueryType: SubqueryExpr['subqueryType'], plan: LogicalPlan, values: readonly Expr[] = []): SubqueryExpr {
  return Object.freeze({ kind: 'Subquery', subqueryType, plan, values: Object.freeze([...values]) })
}

/** Spark's name of an unaliased subquery expression: `scalarsubquery()`, `exists()`, `(a IN (listquery()))`. */
export function subquerySqlText(e: SubqueryExpr, text: (x: Expr) => string): string {
  switch (e.subqueryType) {
    case 'scalar': return 'scalarsubquery()'
    case 'exists': return 'exists()'
    case 'in': {
      const values = e.values.length === 1 ? text(e.values[0]!) : `(${e.values.map(text).join(', ')})`
      return `(${values} IN (listquery()))`
    }
  }
}
