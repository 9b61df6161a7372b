import { AnalysisError, ExecutionError } from '../errors/sluice-error.js'
import type { Expr } from '../expr/expr.js'
import { exprSqlText } from './expr-output-name.js'

/**
 * A subquery expression where the planner rewrites none into a join (a join condition, ORDER BY,
 * GROUP BY, a DataFrame expression): Spark's UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_IN_EXISTS_SUBQUERY
 * for IN/EXISTS; a scalar subquery there is a Sluice limitation.
 */
export function subqueryNotAllowedHere(e: Expr): AnalysisError {
  const sql = exprSqlText(e)
  if (e.kind === 'Subquery' && e.subqueryType === 'scalar') {
    return new AnalysisError('UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY',
      `Unsupported subquery expression: Sluice plans scalar subqueries in SELECT lists, WHERE and HAVING only: ${sql}.`)
  }
  return new AnalysisError('UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_IN_EXISTS_SUBQUERY',
    `Unsupported subquery expression: IN/EXISTS predicate subqueries can only be used in filters, joins, aggregations, window functions, projections, and UPDATE/MERGE/DELETE commands: ${sql}. SQLSTATE: 0A000`,
    { treeNode: sql })
}

/** Spark's SCALAR_SUBQUERY_TOO_MANY_ROWS, raised while the query runs. */
export function scalarSubqueryTooManyRows(): ExecutionError {
  return new ExecutionError('SCALAR_SUBQUERY_TOO_MANY_ROWS', 'More than one row returned by a subquery used as an expression. SQLSTATE: 21000')
}

/** INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN. */
export function scalarSubqueryWidth(width: number): AnalysisError {
  return new AnalysisError('INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN',
    `Invalid subquery: Scalar subquery must return only one column, but got ${width}. SQLSTATE: 42823`, { number: String(width) })
}

/** DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH: `(a, b) IN (SELECT x ...)`. */
export function inSubqueryLengthMismatch(sql: string, left: readonly string[], right: readonly string[]): AnalysisError {
  return new AnalysisError('DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH',
    `Cannot resolve "${sql}" due to data type mismatch: The number of columns in the left hand side of an IN subquery does not match the number of columns in the output of subquery. Left hand side columns(length: ${left.length}): [${left.join(', ')}], right hand side columns(length: ${right.length}): [${right.join(', ')}]. SQLSTATE: 42K09`,
    { sqlExpr: `"${sql}"`, leftLength: String(left.length), rightLength: String(right.length) })
}

/** UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE: a non-equality correlation under an aggregate. */
export function correlatedColumnNotAllowedInPredicate(predicateSql: string): AnalysisError {
  return new AnalysisError('UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE',
    `Unsupported subquery expression: Correlated column is not allowed in predicate: ${predicateSql}. SQLSTATE: 0A000`, { treeNode: predicateSql })
}

/** UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.ACCESSING_OUTER_QUERY_COLUMN_IS_NOT_ALLOWED: an outer reference where it cannot be pulled up (below a LIMIT). */
export function outerReferenceNotAllowed(planSql: string): AnalysisError {
  return new AnalysisError('UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.ACCESSING_OUTER_QUERY_COLUMN_IS_NOT_ALLOWED',
    `Unsupported subquery expression: Accessing outer query column is not allowed in this location: ${planSql}. SQLSTATE: 0A000`, { treeNode: planSql })
}
