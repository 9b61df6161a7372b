import { AnalysisError } from '../errors/sluice-error.js'
import type { Expr } from '../expr/expr.js'
import { exprSqlText } from './expr-output-name.js'

/**
 * A window expression where Spark allows none (a join condition, ORDER BY of a Sort: Spark's
 * ExtractWindowExpressions only rewrites Project and Aggregate): CheckAnalysis's
 * UNSUPPORTED_EXPR_FOR_OPERATOR, the expression quoted as toSQLExpr does.
 */
export function windowExpressionNotAllowed(e: Expr): AnalysisError {
  const sql = `"${exprSqlText(e)}"`
  return new AnalysisError('UNSUPPORTED_EXPR_FOR_OPERATOR',
    `A query operator contains one or more unsupported expressions. Consider to rewrite it to avoid window functions, aggregate functions, and generator functions in the WHERE clause. Invalid expressions: [${sql}] SQLSTATE: 42K0E`,
    { invalidExprSqls: sql })
}

/** `row_number()` without OVER: Spark's WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE. */
export function windowFunctionWithoutOver(functionSql: string): AnalysisError {
  return new AnalysisError('WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE',
    `Window function "${functionSql}" requires an OVER clause. SQLSTATE: 42601`, { funcName: `"${functionSql}"` })
}

/** Spark's _LEGACY_ERROR_TEMP_1034: a window function in WHERE / GROUP BY. */
export function windowFunctionInClause(clauseName: string): AnalysisError {
  return new AnalysisError('_LEGACY_ERROR_TEMP_1034', `It is not allowed to use window functions inside ${clauseName} clause.`, { clauseName })
}
