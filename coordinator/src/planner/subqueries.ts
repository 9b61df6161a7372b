import {
  Expr, Plan, StructType, anyExpr, exprChildren, exprOutputName, isAggregateFunctionName, subqueryExpr, transformExpr,
  type AggregateNode, type LogicalPlan, type PhysicalPlan, type SubqueryExpr,
} from '@sluice/shared'
import type { Planned } from './planned.js'
import { columnRef } from './bind-columns.js'
import { splitConjuncts } from './conditions.js'
import { filterBySubquery, subqueryColumn, type SubqueryPlanner } from './subquery-joins.js'

/** The query planner as the subquery rewrites use it: `preplanned` makes a placeholder leaf plan to a planned input. */
export interface SubqueryHost extends SubqueryPlanner {
  readonly preplanned: Map<LogicalPlan, Planned>
}

const isSubquery = (e: Expr): e is SubqueryExpr => e.kind === 'Subquery'
const containsSubquery = (e: Expr): boolean => anyExpr(e, isSubquery)

/** Whether a node's own expressions hold subqueries (in WHERE, HAVING or a select list). */
export function hasSubqueryExpressions(node: LogicalPlan): boolean {
  switch (node.kind) {
    case 'Filter': return containsSubquery(node.condition)
    case 'Project': return node.exprs.some(containsSubquery)
    case 'Aggregate': return node.aggregates.some(containsSubquery)
    default: return false
  }
}

/**
 * Plans a Filter, Project or Aggregate whose expressions hold subqueries, as Spark's optimizer rewrites
 * them into joins (RewritePredicateSubquery, RewriteCorrelatedScalarSubquery): the input is planned,
 * each subquery joined to it, and the node planned over the joined rows with the subqueries replaced
 * by the columns the joins added (which a Filter then drops).
 */
export async function planWithSubqueries(host: SubqueryHost, node: LogicalPlan): Promise<Planned> {
  switch (node.kind) {
    case 'Filter':
      if (node.input.kind === 'Aggregate' && anyExpr(node.condition, isAggregateCall)) return planHaving(host, node.input, node.condition)
      return planFilter(host, await host.plan(node.input), node.condition)
    case 'Project': return planProject(host, await host.plan(node.input), node.exprs)
    case 'Aggregate': return planAggregate(host, node)
    default: return host.plan(node)
  }
}

/** WHERE: `[NOT] EXISTS` / `[NOT] IN` conjuncts filter by semi / anti joins; the rest by a Filter over the added columns. */
async function planFilter(host: SubqueryHost, input: Planned, condition: Expr): Promise<Planned> {
  let current = input
  const rest: Expr[] = []
  for (const conjunct of splitConjuncts(condition)) {
    const predicate = predicateSubquery(conjunct)
    if (predicate !== undefined) current = await filterBySubquery(host, current, predicate.subquery, predicate.negated)
    else rest.push(conjunct)
  }
  if (rest.length === 0) return current
  const attached = await attachSubqueryColumns(host, current, [rest.reduce((a, b) => Expr.call('and', [a, b]))])
  const filtered = await host.plan(Plan.filter(placeholder(host, attached.input), attached.exprs[0]!))
  return keepFirstColumns(filtered, input.exec.schema.fields.length)
}

/** A select list: each subquery adds a column the projection reads; unaliased items keep Spark's names. */
async function planProject(host: SubqueryHost, input: Planned, exprs: readonly Expr[], nameSources: readonly Expr[] = exprs): Promise<Planned> {
  const attached = await attachSubqueryColumns(host, input, exprs)
  const named = attached.exprs.map((e, i) => {
    const source = nameSources[i]!
    return source.kind !== 'Alias' && containsSubquery(source) ? Expr.alias(e, nameWithOuterReferences(source, attached.outerReferences, host)) : e
  })
  return host.plan(Plan.project(placeholder(host, attached.input), named))
}

/** Spark's name of an item holding subqueries, which lists the outer columns each reads (`scalarsubquery(k)`). */
function nameWithOuterReferences(e: Expr, outerReferences: ReadonlyMap<LogicalPlan, readonly string[]>, host: SubqueryHost): string {
  const withReferences = transformExpr(e, (n) => (isSubquery(n)
    ? subqueryExpr(n.subqueryType, n.plan, n.values, outerReferences.get(n.plan) ?? []) : undefined))
  return exprOutputName(withReferences, host.evalContext.timeZone)
}

/**
 * An aggregate whose select list holds subqueries: the parts without subqueries are computed by the
 * aggregate (as hidden columns), the subqueries joined to its result, the select list projected over both.
 */
async function planAggregate(host: SubqueryHost, node: AggregateNode): Promise<Planned> {
  const hidden: Expr[] = []
  const outputs = node.aggregates.map((o) => {
    if (!containsSubquery(o)) return o
    const lifted = liftAggregateParts(o.kind === 'Alias' ? o.child : o, hidden)
    return o.kind === 'Alias' ? Expr.alias(lifted, o.name) : lifted
  })
  const plain = outputs.filter((o) => !containsSubquery(o))
  const aggregated = await host.plan(Plan.aggregate(node.input, node.grouping, [...plain, ...hidden], node.groupingSets))
  let next = 0
  const schema = aggregated.exec.schema
  const projected = outputs.map((o) => (containsSubquery(o) ? o : Expr.alias(columnRef(schema, next++), schema.fields[next - 1]!.name)))
  return planProject(host, aggregated, projected, node.aggregates)
}

/** HAVING with subqueries: its parts without subqueries become hidden aggregate columns, filtered then dropped. */
async function planHaving(host: SubqueryHost, aggregate: AggregateNode, condition: Expr): Promise<Planned> {
  const aliases = new Map<string, Expr>()
  for (const e of aggregate.aggregates) if (e.kind === 'Alias') aliases.set(e.name.toLowerCase(), e.child)
  const resolved = transformExpr(condition, (n) => (n.kind === 'Column' && n.nameParts.length === 1 ? aliases.get(n.nameParts[0]!.toLowerCase()) : undefined))
  const hidden: Expr[] = []
  const lifted = liftAggregateParts(resolved, hidden)
  const aggregated = await host.plan(Plan.aggregate(aggregate.input, aggregate.grouping, [...aggregate.aggregates, ...hidden], aggregate.groupingSets))
  const filtered = await planFilter(host, aggregated, lifted)
  return keepFirstColumns(filtered, aggregate.aggregates.length)
}

/** Replaces each largest part of `e` without a subquery (other than a literal) by a hidden aggregate output column. */
function liftAggregateParts(e: Expr, hidden: Expr[]): Expr {
  return transformExpr(e, (n) => {
    if (containsSubquery(n) || n.kind === 'Literal') return undefined
    const name = `__agg_${hidden.length}`
    hidden.push(Expr.alias(n, name))
    return Expr.column(name)
  })
}

/**
 * Replaces every subquery in `exprs` by a column joined to `input` (outermost subqueries first, in
 * order); `NOT (x IN (...))` becomes the null-aware existence join, as Spark's rewrite matches it first.
 */
async function attachSubqueryColumns(host: SubqueryHost, input: Planned, exprs: readonly Expr[]):
  Promise<{ input: Planned; exprs: Expr[]; outerReferences: ReadonlyMap<LogicalPlan, readonly string[]> }> {
  const found: { node: Expr; subquery: SubqueryExpr; negated: boolean }[] = []
  const collect = (e: Expr): void => {
    if (e.kind === 'Call' && e.name === 'not' && e.args[0]?.kind === 'Subquery' && e.args[0].subqueryType === 'in') {
      found.push({ node: e, subquery: e.args[0], negated: true })
      return
    }
    if (isSubquery(e)) { found.push({ node: e, subquery: e, negated: false }); return }
    for (const child of exprChildren(e)) collect(child)
  }
  exprs.forEach(collect)
  let current = input
  const replacements = new Map<Expr, Expr>()
  const outerReferences = new Map<LogicalPlan, readonly string[]>()
  for (const [i, f] of found.entries()) {
    const name = `__${f.subquery.subqueryType === 'scalar' ? 'scalarsubquery' : 'exists'}_${current.exec.schema.fields.length}_${i}`
    const column = await subqueryColumn(host, current, f.subquery, f.negated, name)
    current = column.planned
    replacements.set(f.node, column.value)
    outerReferences.set(f.subquery.plan, column.outerReferences)
  }
  return { input: current, exprs: exprs.map((e) => transformExpr(e, (n) => replacements.get(n))), outerReferences }
}

/** `EXISTS (...)`, `NOT EXISTS (...)`, `x IN (...)`, `x NOT IN (...)` as a whole conjunct. */
function predicateSubquery(e: Expr): { subquery: SubqueryExpr; negated: boolean } | undefined {
  const negated = e.kind === 'Call' && e.name === 'not'
  const inner = negated ? e.args[0] : e
  if (inner === undefined || !isSubquery(inner) || inner.subqueryType === 'scalar') return undefined
  return { subquery: inner, negated }
}

/** A leaf plan that plans to `planned`, so the planner can put a node over rows already planned. */
function placeholder(host: SubqueryHost, planned: Planned): LogicalPlan {
  const leaf = Plan.localRelation(StructType(planned.exec.schema.fields), [])
  host.preplanned.set(leaf, planned)
  return leaf
}

/** Drops the columns the joins added, keeping the first `width`. */
function keepFirstColumns(planned: Planned, width: number): Planned {
  const schema = planned.exec.schema
  if (schema.fields.length === width) return planned
  const exec: PhysicalPlan = {
    kind: 'Project', input: planned.exec, schema: StructType(schema.fields.slice(0, width)),
    exprs: schema.fields.slice(0, width).map((_, i) => columnRef(schema, i)),
  }
  return { ...planned, exec, qualifiers: planned.qualifiers.slice(0, width), eventTime: new Set([...planned.eventTime].filter((i) => i < width)) }
}

const isAggregateCall = (e: Expr): boolean => e.kind === 'Call' && isAggregateFunctionName(e.name)
