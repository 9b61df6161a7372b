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
  /**
   * The names of the outer columns the subquery reads, in order (Spark's outerAttrs, its children):
   * known once the planner has told them from the subquery's own columns; only its name uses them.
   */
  readonly outerReferences?: readonly string[]
}

export function subqueryExpr(subqueryType: SubqueryExpr['subqueryType'], plan: LogicalPlan, values: readonly Expr[] = [], outerReferences?: readonly string[]): SubqueryExpr {
  const base = { kind: 'Subquery' as const, subqueryType, plan, values: Object.freeze([...values]) }
  return Object.freeze(outerReferences === undefined ? base : { ...base, outerReferences: Object.freeze([...outerReferences]) })
}

/**
 * Spark's name of an unaliased subquery expression: `scalarsubquery()`, `exists()`, `(a IN (listquery()))`,
 * with the outer columns a correlated one reads as arguments (`scalarsubquery(k)`), as Spark's
 * Expression.sql prints a SubqueryExpression's children.
 */
export function subquerySqlText(e: SubqueryExpr, text: (x: Expr) => string): string {
  const outer = (e.outerReferences ?? []).join(', ')
  switch (e.subqueryType) {
    case 'scalar': return `scalarsubquery(${outer})`
    case 'exists': return `exists(${outer})`
    case 'in': {
      const values = e.values.length === 1 ? text(e.values[0]!) : `(${e.values.map(text).join(', ')})`
      return `(${values} IN (listquery(${outer})))`
    }
  }
}
