import {
  Expr, Plan, anyExpr, containsAggregate, exprOutputName, isAggregateFunctionName, transformExpr, windowExpr, windowFunctionInClause,
  windowNode, windowSpec, type AggregateNode, type LogicalPlan, type WindowExpr,
} from '@sluice/shared'
import { exprKey } from './query-planner.js'

/**
 * Spark's ExtractWindowExpressions: every window expression of a select list
 * (`Project`, `withColumn`, the outputs of an `Aggregate`) moves into `Window` nodes
 * under it, one node per partitioning and ordering, each adding a hidden `_weN`
 * column; the select list then reads those columns. Over an aggregate, what the
 * window expressions read (aggregate calls, grouping columns) becomes hidden `_wN`
 * outputs of the aggregate, as in Spark, so HAVING still sees the aggregate.
 * Window functions in WHERE or GROUP BY fail as in Spark.
 */
export function extractWindowExpressions(plan: LogicalPlan): LogicalPlan {
  const names = { windows: 0, inputs: 0 }
  const rewrite = (node: LogicalPlan): LogicalPlan => {
    if (node.kind === 'Filter' && anyExpr(node.condition, isWindow)) throw windowFunctionInClause('WHERE')
    if (node.kind === 'Filter' && node.input.kind === 'Aggregate' && node.input.aggregates.some(hasWindow)) {
      // HAVING filters the groups before the windows see them.
      const aggregate = withRewrittenChildren(node.input, rewrite) as AggregateNode
      if (aggregate.grouping.some(hasWindow)) throw windowFunctionInClause('GROUP BY')
      return extractFromAggregate(aggregate, names, (inner) => Plan.filter(inner, node.condition))
    }
    const p = withRewrittenChildren(node, rewrite)
    switch (p.kind) {
      case 'Aggregate':
        if (p.grouping.some(hasWindow)) throw windowFunctionInClause('GROUP BY')
        return p.aggregates.some(hasWindow) ? extractFromAggregate(p, names, (aggregate) => aggregate) : p
      case 'Project': {
        if (!p.exprs.some(hasWindow)) return p
        // Spark's GlobalAggregates: a select list with an aggregate outside any window is a global
        // aggregate, and its window expressions run over the one aggregated row.
        if (p.exprs.some(containsAggregate)) return extractFromAggregate(Plan.aggregate(p.input, [], p.exprs) as AggregateNode, names, (a) => a)
        const { outputs, windowed, hidden } = extractFromList(p.exprs, p.input, names)
        const project = Plan.project(windowed, outputs)
        return p.exprs.some((e) => e.kind === 'Star') ? Plan.dropColumns(project, hidden) : project
      }
      case 'WithColumns': {
        if (!p.columns.some((c) => hasWindow(c.expr))) return p
        const { outputs, windowed, hidden } = extractFromList(p.columns.map((c) => c.expr), p.input, names, p.columns.map((c) => c.name))
        return Plan.dropColumns(Plan.withColumns(windowed, p.columns.map((c, i) => ({ name: c.name, expr: unalias(outputs[i]!) }))), hidden)
      }
      default:
        return p
    }
  }
  return rewrite(plan)
}

interface Names { windows: number; inputs: number }

const isWindow = (e: Expr): e is WindowExpr => e.kind === 'Window'
const hasWindow = (e: Expr): boolean => anyExpr(e, isWindow)
const unalias = (e: Expr): Expr => (e.kind === 'Alias' ? e.child : e)

/**
 * Replaces each window expression of `exprs` by a reference to a hidden column that a
 * stack of Window nodes over `input` computes; each changed top-level expression keeps
 * the name it had.
 */
function extractFromList(exprs: readonly Expr[], input: LogicalPlan, names: Names, columnNames?: readonly string[]): { outputs: Expr[]; windowed: LogicalPlan; hidden: string[] } {
  const found = new Map<string, Entry>()
  const outputs = exprs.map((e, i) => {
    if (!hasWindow(e)) return e
    const replaced = transformExpr(e, (n) => {
      if (!isWindow(n)) return undefined
      const key = exprKey(n)
      let entry = found.get(key)
      if (entry === undefined) {
        entry = { name: `_we${names.windows++}`, expr: n, columnName: columnNames?.[i] ?? exprOutputName(e) }
        found.set(key, entry)
      }
      return Expr.column(entry.name)
    })
    return e.kind === 'Alias' ? replaced : Expr.alias(replaced, exprOutputName(e))
  })
  const entries = [...found.values()]
  return { outputs, windowed: stackWindows(input, entries), hidden: entries.map((e) => e.name) }
}

interface Entry { readonly name: string; readonly expr: WindowExpr; readonly columnName: string }

/** One Window node per distinct (PARTITION BY, ORDER BY), the first-seen specification innermost. */
function stackWindows(input: LogicalPlan, entries: readonly Entry[]): LogicalPlan {
  const bySpec = new Map<string, Entry[]>()
  for (const entry of entries) {
    const key = exprKey(Expr.call('spec', [...entry.expr.spec.partitionBy, ...entry.expr.spec.orderBy]))
    bySpec.set(key, [...(bySpec.get(key) ?? []), entry])
  }
  let plan = input
  for (const group of bySpec.values()) {
    const spec = group[0]!.expr.spec
    plan = windowNode(plan, group.map((g) => Expr.alias(g.expr, g.name)), spec.partitionBy, spec.orderBy, group.map((g) => g.columnName))
  }
  return plan
}

/**
 * An aggregate whose outputs hold window expressions: the aggregate computes its plain
 * outputs and, as hidden `_wN` columns, every aggregate call and column the window
 * expressions read; `between` may put a HAVING filter over it; Window nodes and a
 * projection to the original outputs go on top.
 */
function extractFromAggregate(aggregate: AggregateNode, names: Names, between: (aggregate: LogicalPlan) => LogicalPlan): LogicalPlan {
  const extras: Expr[] = []
  const extraNames = new Map<string, string>()
  const extract = (e: Expr): Expr => {
    const key = exprKey(e)
    let name = extraNames.get(key)
    if (name === undefined) {
      name = `_w${names.inputs++}`
      extraNames.set(key, name)
      extras.push(Expr.alias(e, name))
    }
    return Expr.column(name)
  }
  const readsOfWindowed = (e: Expr): Expr => transformExpr(e, (n) => {
    if (isWindow(n)) {
      const fn = n.function.kind === 'Call' ? Expr.call(n.function.name, n.function.args.map(readsOfWindowed), n.function.distinct) : n.function
      return windowExpr(fn, windowSpec(n.spec.partitionBy.map(readsOfWindowed),
        n.spec.orderBy.map((o) => Expr.sortOrder(readsOfWindowed(o.child), o.ascending, o.nullsFirst)), n.spec.frame), n.specName)
    }
    if (n.kind === 'Call' && isAggregateFunctionName(n.name)) return extract(n)
    if (n.kind === 'Column') return extract(n)
    return undefined
  })
  const plain: Expr[] = []
  const plainNames = new Set<string>()
  const outputs = aggregate.aggregates.map((o) => {
    if (!hasWindow(o)) {
      const name = exprOutputName(o)
      if (plainNames.has(name.toLowerCase())) {
        // A repeated name (`SELECT k, k ... GROUP BY k`) gets a hidden one, so the projection on top reads each.
        const hidden = `_w${names.inputs++}`
        plain.push(Expr.alias(unalias(o), hidden))
        return Expr.alias(Expr.column(hidden), name)
      }
      plainNames.add(name.toLowerCase())
      plain.push(o)
      return Expr.column(name)
    }
    return Expr.alias(readsOfWindowed(unalias(o)), exprOutputName(o))
  })
  const inner = Plan.aggregate(aggregate.input, aggregate.grouping, [...plain, ...extras], aggregate.groupingSets)
  const { outputs: projected, windowed } = extractFromList(outputs, between(inner), names)
  return Plan.project(windowed, projected)
}

function withRewrittenChildren(p: LogicalPlan, rewrite: (p: LogicalPlan) => LogicalPlan): LogicalPlan {
  switch (p.kind) {
    case 'Relation': case 'LocalRelation': case 'TableRef': return p
    case 'Join': case 'SetOperation': {
      const left = rewrite(p.left)
      const right = rewrite(p.right)
      return left === p.left && right === p.right ? p : Object.freeze({ ...p, left, right })
    }
    case 'Union': {
      const inputs = p.inputs.map(rewrite)
      return inputs.every((input, i) => input === p.inputs[i]) ? p : Object.freeze({ ...p, inputs: Object.freeze(inputs) })
    }
    default: {
      const input = rewrite(p.input)
      return input === p.input ? p : Object.freeze({ ...p, input }) as LogicalPlan
    }
  }
}
