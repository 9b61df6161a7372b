import { Expr, transformExpr } from '../expr/expr.js'
import { fieldAccessKey } from '../eval/expr-output-name.js'
import type { TokenStream } from './token-stream.js'

/**
 * The parameter names of a lambda starting at the current token, or undefined when
 * none starts here. Spark's grammar (SqlBaseParser `#lambda`): `x -> body` or
 * `(x, y, ...) -> body` with at least two names in parentheses (`(x) -> body` is not a lambda).
 */
export function lambdaParamsAhead(s: TokenStream): string[] | undefined {
  const isName = (k: number): boolean => s.peek(k).kind === 'ident' || s.peek(k).kind === 'quotedIdent'
  if (isName(0) && s.isOp('->', 1)) return [s.peek().text]
  if (!s.isOp('(')) return undefined
  const names: string[] = []
  let k = 1
  for (;;) {
    if (!isName(k)) return undefined
    names.push(s.peek(k).text)
    if (s.isOp(',', k + 1)) { k += 2; continue }
    if (s.isOp(')', k + 1) && s.isOp('->', k + 2) && names.length >= 2) return names
    return undefined
  }
}

/** Skips the parameter list and arrow of the lambda `lambdaParamsAhead` found. */
export function skipLambdaHead(s: TokenStream, params: readonly string[]): void {
  const tokens = params.length === 1 && !s.isOp('(') ? 2 : params.length * 2 + 2
  for (let i = 0; i < tokens; i++) s.next()
}

/**
 * Binds the lambda's parameters in `body`: a column whose first name part is a
 * parameter (case-insensitively, as Spark's default resolver; the compiler re-checks the
 * spelling when `spark.sql.caseSensitive` is true) becomes the lambda variable, and its
 * further parts struct field accesses (`acc.sum`). Columns of
 * inner lambdas were bound first, so the innermost declaration wins and a
 * parameter shadows an input column of the same name, as Spark's ResolveLambdaVariables.
 */
export function bindLambdaParams(params: readonly string[], body: Expr): Expr {
  const byName = new Map(params.map((p) => [p.toLowerCase(), p]))
  return Expr.lambda(params, transformExpr(body, (node) => {
    if (node.kind !== 'Column') return undefined
    const param = byName.get(node.nameParts[0]!.toLowerCase())
    if (param === undefined) return undefined
    return node.nameParts.slice(1).reduce<Expr>((e, field) => Expr.extract(e, fieldAccessKey(field)), Expr.lambdaVariable(param, node.nameParts[0]!))
  }))
}
