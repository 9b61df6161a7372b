import type { DataType } from '../types/data-type.js'
import { windowExpr, windowSpec, type WindowExpr } from './window-expr.js'
import { subqueryExpr, type SubqueryExpr } from './subquery-expr.js'

/**
 * Logical expressions: frozen, serializable plain objects (no closures), so a plan
 * crosses the client → coordinator → executor boundary as data. Compiled
 * evaluators live in `eval/`, apart from these nodes.
 *
 * Operators are `Call`s named by their SQL spelling, lower-case for words:
 * `+ - * / % div = <=> != < <= > >= and or not negative isnull isnotnull like rlike
 * in between ||`. Functions are `Call`s named as in Spark (`upper`, `count`,
 * `window`, ...). The function catalog (`functions/`) says which names are
 * aggregates.
 */
export type Expr =
  | ColumnExpr
  | StarExpr
  | LiteralExpr
  | AliasExpr
  | CallExpr
  | CastExpr
  | CaseWhenExpr
  | ExtractExpr
  | SortOrderExpr
  | RefExpr
  | WindowExpr
  | LambdaFunctionExpr
  | LambdaVariableExpr
  | SubqueryExpr

/** An unresolved column reference, as written: `geolocation.city` is `['geolocation', 'city']`. */
export interface ColumnExpr { readonly kind: 'Column'; readonly nameParts: readonly string[] }
/** `*` or `t.*`. */
export interface StarExpr { readonly kind: 'Star'; readonly qualifier?: string }
/** A constant in the internal representation of its type (see `types/data-type.ts`). */
export interface LiteralExpr {
  readonly kind: 'Literal'
  readonly value: unknown
  readonly dataType: DataType
  /** A struct field name in `a.b` (Spark's UnresolvedExtractValue key): names the output `a.b`, not `a[b]`. */
  readonly fieldAccess?: boolean
}
export interface AliasExpr { readonly kind: 'Alias'; readonly child: Expr; readonly name: string }
export interface CallExpr {
  readonly kind: 'Call'
  readonly name: string
  readonly args: readonly Expr[]
  /** `count(DISTINCT x)` */
  readonly distinct: boolean
}
/** `CAST(x AS t)`; `try` gives null instead of an error (`try_cast`). */
export interface CastExpr { readonly kind: 'Cast'; readonly child: Expr; readonly dataType: DataType; readonly mode: 'cast' | 'try' }
export interface CaseWhenExpr {
  readonly kind: 'CaseWhen'
  readonly branches: readonly { readonly when: Expr; readonly then: Expr }[]
  readonly otherwise?: Expr
}
/** `a[0]`, `m['k']`, `s.f` on a computed struct: `child[key]`. */
export interface ExtractExpr { readonly kind: 'Extract'; readonly child: Expr; readonly key: Expr }
/** Only inside ORDER BY / orderBy. */
export interface SortOrderExpr {
  readonly kind: 'SortOrder'
  readonly child: Expr
  readonly ascending: boolean
  readonly nullsFirst: boolean
}
/** A resolved reference to input column `index`; made by the planner, never by users. */
export interface RefExpr {
  readonly kind: 'Ref'
  readonly index: number
  readonly name: string
  readonly dataType: DataType
  readonly nullable: boolean
}

/**
 * `x -> body`, `(acc, x) -> body`: only an argument of a higher-order function
 * (`transform`, `aggregate`, ...), which binds `params` to values per element.
 * The body reads them as `LambdaVariable` nodes (bound when the lambda is built,
 * so plan rewrites of columns never capture them).
 */
export interface LambdaFunctionExpr { readonly kind: 'LambdaFunction'; readonly params: readonly string[]; readonly body: Expr }
/**
 * A parameter of the innermost enclosing lambda that declares `name` (Spark's NamedLambdaVariable).
 * `written` is the reference as the body spelled it when its case differs from `name`: bound at parse
 * case-insensitively, it is another variable or a column under `spark.sql.caseSensitive=true`.
 */
export interface LambdaVariableExpr { readonly kind: 'LambdaVariable'; readonly name: string; readonly written?: string }

const freeze = <T extends Expr>(e: T): T => Object.freeze(e)

export const Expr = Object.freeze({
  column: (...nameParts: string[]): ColumnExpr => freeze({ kind: 'Column', nameParts: Object.freeze(nameParts) }),
  star: (qualifier?: string): StarExpr => freeze(qualifier === undefined ? { kind: 'Star' } : { kind: 'Star', qualifier }),
  literal: (value: unknown, dataType: DataType): LiteralExpr => freeze({ kind: 'Literal', value, dataType }),
  alias: (child: Expr, name: string): AliasExpr => freeze({ kind: 'Alias', child, name }),
  call: (name: string, args: readonly Expr[], distinct = false): CallExpr =>
    freeze({ kind: 'Call', name, args: Object.freeze([...args]), distinct }),
  cast: (child: Expr, dataType: DataType, mode: 'cast' | 'try' = 'cast'): CastExpr =>
    freeze({ kind: 'Cast', child, dataType, mode }),
  caseWhen: (branches: readonly { when: Expr; then: Expr }[], otherwise?: Expr): CaseWhenExpr =>
    freeze(otherwise === undefined
      ? { kind: 'CaseWhen', branches: Object.freeze([...branches]) }
      : { kind: 'CaseWhen', branches: Object.freeze([...branches]), otherwise }),
  extract: (child: Expr, key: Expr): ExtractExpr => freeze({ kind: 'Extract', child, key }),
  sortOrder: (child: Expr, ascending = true, nullsFirst = ascending): SortOrderExpr =>
    freeze({ kind: 'SortOrder', child, ascending, nullsFirst }),
  ref: (index: number, name: string, dataType: DataType, nullable: boolean): RefExpr =>
    freeze({ kind: 'Ref', index, name, dataType, nullable }),
  lambda: (params: readonly string[], body: Expr): LambdaFunctionExpr =>
    freeze({ kind: 'LambdaFunction', params: Object.freeze([...params]), body }),
  lambdaVariable: (name: string, written = name): LambdaVariableExpr =>
    freeze(written === name ? { kind: 'LambdaVariable', name } : { kind: 'LambdaVariable', name, written }),
})

/** Children of a node, in order. */
export function exprChildren(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'Column': case 'Star': case 'Literal': case 'Ref': case 'LambdaVariable': return []
    case 'LambdaFunction': return [e.body]
    case 'Alias': case 'Cast': case 'SortOrder': return [e.child]
    case 'Call': return e.args
    case 'CaseWhen': return [...e.branches.flatMap((b) => [b.when, b.then]), ...(e.otherwise ? [e.otherwise] : [])]
    case 'Extract': return [e.child, e.key]
    case 'Window': return [e.function, ...e.spec.partitionBy, ...e.spec.orderBy]
    case 'Subquery': return e.values
  }
}

/** Rebuilds `e` bottom-up, replacing any node for which `rule` returns an expression. */
export function transformExpr(e: Expr, rule: (node: Expr) => Expr | undefined): Expr {
  const replaced = rule(e)
  if (replaced !== undefined) return replaced
  switch (e.kind) {
    case 'Column': case 'Star': case 'Literal': case 'Ref': case 'LambdaVariable': return e
    case 'LambdaFunction': return Expr.lambda(e.params, transformExpr(e.body, rule))
    case 'Alias': return Expr.alias(transformExpr(e.child, rule), e.name)
    case 'Cast': return Expr.cast(transformExpr(e.child, rule), e.dataType, e.mode)
    case 'SortOrder': return Expr.sortOrder(transformExpr(e.child, rule), e.ascending, e.nullsFirst)
    case 'Call': return Expr.call(e.name, e.args.map((a) => transformExpr(a, rule)), e.distinct)
    case 'CaseWhen': return Expr.caseWhen(
      e.branches.map((b) => ({ when: transformExpr(b.when, rule), then: transformExpr(b.then, rule) })),
      e.otherwise ? transformExpr(e.otherwise, rule) : undefined)
    case 'Extract': return Expr.extract(transformExpr(e.child, rule), transformExpr(e.key, rule))
    case 'Window': return windowExpr(transformExpr(e.function, rule), windowSpec(
      e.spec.partitionBy.map((p) => transformExpr(p, rule)),
      e.spec.orderBy.map((o) => transformExpr(o, rule) as SortOrderExpr), e.spec.frame), e.specName)
    case 'Subquery': return subqueryExpr(e.subqueryType, e.plan, e.values.map((v) => transformExpr(v, rule)), e.outerReferences)
  }
}

/** True if `predicate` holds for `e` or any node below it. */
export function anyExpr(e: Expr, predicate: (node: Expr) => boolean): boolean {
  return predicate(e) || exprChildren(e).some((c) => anyExpr(c, predicate))
}
