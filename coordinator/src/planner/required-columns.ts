import { exprChildren, type Expr, type LogicalPlan, type RelationNode } from '@sluice/shared'

/** Lower-cased names a query reads from a relation, or 'all'. */
export type RequiredNames = ReadonlySet<string> | 'all'

/**
 * Column pruning, top-down: which names each relation must produce. Every part of a
 * column reference counts as a name (over-approximating `t.a` and `s.f`), so a
 * pruned scan never lacks a column the query uses; a `*`, a positional union or a
 * plan that outputs the relation's columns as they are needs them all.
 */
export function requiredColumnsByRelation(plan: LogicalPlan): Map<RelationNode, RequiredNames> {
  const result = new Map<RelationNode, RequiredNames>()
  visit(plan, 'all', result)
  return result
}

function visit(plan: LogicalPlan, required: RequiredNames, result: Map<RelationNode, RequiredNames>): void {
  switch (plan.kind) {
    case 'Relation': {
      const previous = result.get(plan)
      result.set(plan, previous === undefined ? required : union(previous, required))
      return
    }
    case 'LocalRelation': case 'TableRef': return
    case 'Project': return visit(plan.input, namesOf(plan.exprs), result)
    case 'Aggregate': return visit(plan.input, namesOf([...plan.grouping, ...plan.aggregates]), result)
    case 'Filter': return visit(plan.input, union(required, namesOf([plan.condition])), result)
    case 'Sort': return visit(plan.input, union(required, namesOf(plan.orders)), result)
    case 'Limit': case 'SubqueryAlias': case 'DropColumns': case 'RenameColumns':
      return visit(plan.input, plan.kind === 'RenameColumns' && required !== 'all'
        ? union(required, new Set(plan.renames.map((r) => r.from.toLowerCase()))) : required, result)
    case 'RenameAllColumns': case 'FillNulls': case 'DropNulls': case 'Describe': case 'Pivot': case 'Distinct': return visit(plan.input, 'all', result)
    case 'WithColumns': return visit(plan.input, union(required, namesOf(plan.columns.map((c) => c.expr))), result)
    case 'Window': return visit(plan.input, union(required, namesOf([...plan.windowExprs, ...plan.partitionSpec, ...plan.orderSpec])), result)
    case 'Deduplicate':
      return visit(plan.input, plan.keys === undefined ? 'all' : union(required, new Set(plan.keys.map((k) => k.toLowerCase()))), result)
    case 'WithWatermark': return visit(plan.input, union(required, new Set([plan.eventTime.toLowerCase()])), result)
    case 'Union': for (const input of plan.inputs) visit(input, 'all', result); return
    case 'SetOperation': visit(plan.left, 'all', result); visit(plan.right, 'all', result); return
    case 'Join': {
      const names = union(required, union(namesOf(plan.condition ? [plan.condition] : []), new Set((plan.using ?? []).map((u) => u.toLowerCase()))))
      visit(plan.left, names, result)
      visit(plan.right, names, result)
      return
    }
  }
}

function namesOf(exprs: readonly Expr[]): RequiredNames {
  const names = new Set<string>()
  const walk = (e: Expr): boolean => {
    // A subquery may read any outer column (a correlated reference): no pruning below it.
    if (e.kind === 'Star' || e.kind === 'Subquery') return true
    if (e.kind === 'Column') for (const part of e.nameParts) names.add(part.toLowerCase())
    return exprChildren(e).some(walk)
  }
  for (const e of exprs) if (walk(e)) return 'all'
  return names
}

function union(a: RequiredNames, b: RequiredNames): RequiredNames {
  if (a === 'all' || b === 'all') return 'all'
  return new Set([...a, ...b])
}
