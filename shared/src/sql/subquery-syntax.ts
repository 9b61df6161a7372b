import type { Expr } from '../expr/expr.js'
import { subqueryExpr, type SubqueryExpr } from '../expr/subquery-expr.js'
import type { LogicalPlan } from '../plan/logical-plan.js'
import { AnalysisError } from '../errors/sluice-error.js'
import type { TokenStream } from './token-stream.js'

/** Parses a whole query where an expression holds one; the query parser provides it. */
export type NestedQueryParser = () => LogicalPlan

/** True when the tokens from `ahead` open a query in parentheses: `(SELECT ...` or `(WITH ...`. */
export function opensSubquery(s: TokenStream, ahead = 0): boolean {
  return s.isOp('(', ahead) && (s.isKeyword('SELECT', ahead + 1) || s.isKeyword('WITH', ahead + 1))
}

/** `(query)`: the stream is at the opening parenthesis. */
export function parseSubqueryPlan(s: TokenStream, parseQuery: NestedQueryParser | undefined): LogicalPlan {
  if (parseQuery === undefined) {
    throw new AnalysisError('UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY',
      'Unsupported subquery expression: a subquery needs a SQL query around it (spark.sql), not a single expression.')
  }
  s.expectOp('(')
  const plan = parseQuery()
  s.expectOp(')')
  return plan
}

/**
 * `value IN (query)`; a parenthesized list of values, `(a, b) IN (SELECT x, y ...)`, compares
 * each with one column (the expression parser reads `(a, b)` as `struct(a, b)`).
 */
export function inSubquery(value: Expr, plan: LogicalPlan): SubqueryExpr {
  const isTuple = value.kind === 'Call' && value.name === 'struct' && value.args.length > 1 && value.args.every((a) => a.kind !== 'Alias')
  return subqueryExpr('in', plan, isTuple ? value.args : [value])
}
