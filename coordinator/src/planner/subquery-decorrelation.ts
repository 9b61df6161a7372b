import {
  Expr, Plan, anyExpr, correlatedColumnNotAllowedInPredicate, exprSqlText, outerReferenceNotAllowed, transformExpr,
  type ColumnExpr, type LogicalPlan,
} from '@sluice/shared'
import type { Planned } from './planned.js'
import { bindAllColumns } from './bind-columns.js'
import { splitConjuncts } from './conditions.js'

/** A subquery with its correlated predicates taken out, to become the condition of a join with the outer query. */
export interface DecorrelatedSubquery {
  readonly plan: LogicalPlan
  /**
   * The predicates that referenced the outer query: outer columns are `Ref`s to the outer row, inner
   * columns are `Column`s naming extra output columns of `plan` (named in `exposedColumns`).
   */
  readonly predicates: readonly Expr[]
  /** Names of the columns added to the subquery's output for the predicates (after its own columns). */
  readonly exposedColumns: ReadonlySet<string>
}

/**
 * Spark's PullupCorrelatedPredicates: the conjuncts of the subquery's WHERE / HAVING that reference
 * columns of the outer query (names the subquery's FROM does not have) are removed from it, and the
 * inner columns they read are added to the Project / Aggregate above (to an Aggregate's grouping too,
 * which Spark allows for equality predicates only) so the predicates can be evaluated on the joined row.
 * `planScope` plans a part of the subquery, to know which names its FROM provides.
 */
export async function decorrelate(subquery: LogicalPlan, outer: Planned, planScope: (plan: LogicalPlan) => Promise<Planned>): Promise<DecorrelatedSubquery> {
  const exposed = new Set<string>()

  const expose = (predicates: readonly Expr[]): { added: Expr[]; inner: Expr[]; predicates: Expr[] } => {
    const names = new Map<string, string>()
    const added: Expr[] = []
    const inner: Expr[] = []
    const rewritten = predicates.map((p) => transformExpr(p, (n) => {
      if (n.kind !== 'Column') return undefined
      const key = n.nameParts.map((part) => part.toLowerCase()).join('.')
      let name = names.get(key)
      if (name === undefined) {
        name = `__corr_${exposed.size}`
        exposed.add(name)
        names.set(key, name)
        added.push(Expr.alias(n, name))
        inner.push(n)
      }
      return Expr.column(name)
    }))
    return { added, inner, predicates: rewritten }
  }

  const pull = async (node: LogicalPlan): Promise<{ plan: LogicalPlan; predicates: Expr[] }> => {
    switch (node.kind) {
      case 'Filter': {
        const below = await pull(node.input)
        const scope = await planScope(below.plan)
        const local: Expr[] = []
        const pulled: Expr[] = []
        for (const conjunct of splitConjuncts(node.condition)) {
          const bound = bindOuterColumns(conjunct, scope, outer)
          if (bound === undefined) local.push(conjunct)
          else pulled.push(bound)
        }
        if (pulled.length === 0 && below.plan === node.input) return { plan: node, predicates: below.predicates }
        const plan = local.length === 0 ? below.plan : Plan.filter(below.plan, local.reduce((a, b) => Expr.call('and', [a, b])))
        return { plan, predicates: [...below.predicates, ...pulled] }
      }
      case 'Project': {
        const below = await pull(node.input)
        if (below.predicates.length === 0) return { plan: node, predicates: [] }
        const { added, predicates } = expose(below.predicates)
        return { plan: Plan.project(below.plan, [...node.exprs, ...added]), predicates }
      }
      case 'Aggregate': {
        const below = await pull(node.input)
        if (below.predicates.length === 0) return { plan: node, predicates: [] }
        for (const p of below.predicates) {
          if (!isInnerOuterEquality(p) || node.groupingSets !== undefined) throw correlatedColumnNotAllowedInPredicate(exprSqlText(p))
        }
        const { added, inner, predicates } = expose(below.predicates)
        return { plan: Plan.aggregate(below.plan, [...node.grouping, ...inner], [...node.aggregates, ...added]), predicates }
      }
      case 'Sort': case 'Distinct': case 'Limit': {
        const below = await pull(node.input)
        if (below.predicates.length === 0) return { plan: node, predicates: [] }
        if (node.kind === 'Limit') throw outerReferenceNotAllowed(`LIMIT ${node.limit}`)
        return { plan: node.kind === 'Sort' ? Plan.sort(below.plan, node.orders) : Plan.distinct(below.plan), predicates: below.predicates }
      }
      default:
        // A FROM relation: a table, a join, a derived table; its own correlated references are not pulled up.
        return { plan: node, predicates: [] }
    }
  }

  const { plan, predicates } = await pull(subquery)
  return { plan, predicates, exposedColumns: exposed }
}

/** The expression with the columns the scope lacks but the outer query has as `Ref`s to the outer row; undefined when there are none. */
function bindOuterColumns(e: Expr, scope: Planned, outer: Planned): Expr | undefined {
  let correlated = false
  const bound = transformExpr(e, (n) => {
    if (n.kind !== 'Column' || resolvesIn(n, scope) || !resolvesIn(n, outer)) return undefined
    correlated = true
    return bindAllColumns(n, outer.exec.schema, outer.qualifiers)
  })
  return correlated ? bound : undefined
}

/** Whether a column reference names a column of the planned relation (`q.c` by qualifier, or its first part by name). */
function resolvesIn(column: ColumnExpr, planned: Planned): boolean {
  const fields = planned.exec.schema.fields
  const [first, second] = column.nameParts.map((p) => p.toLowerCase())
  if (second !== undefined && fields.some((f, i) => planned.qualifiers[i]?.toLowerCase() === first && f.name.toLowerCase() === second)) return true
  return fields.some((f) => f.name.toLowerCase() === first)
}

/** `inner = outer` (or `<=>`) with one side only on inner columns and the other only on outer ones. */
function isInnerOuterEquality(p: Expr): boolean {
  if (p.kind !== 'Call' || (p.name !== '=' && p.name !== '<=>') || p.args.length !== 2) return false
  const onlyInner = (e: Expr) => !anyExpr(e, (n) => n.kind === 'Ref')
  const onlyOuter = (e: Expr) => !anyExpr(e, (n) => n.kind === 'Column')
  const [a, b] = p.args as [Expr, Expr]
  return (onlyInner(a) && onlyOuter(b)) || (onlyOuter(a) && onlyInner(b))
}
