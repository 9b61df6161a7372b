import type { PhysicalPlan, StatefulInfo } from '@sluice/shared'

/**
 * Gives the stateful operators of a planned query their ids as Spark's IncrementalExecution does: its
 * StateOpIdRule runs in `plan transform` (pre-order, left child before right), so the top-most stateful
 * operator is 0 and owns `state/0`; a join's id comes before those of the operators on its left, then
 * its right. The planner numbers operators as it builds them (inputs first), so the ids are replaced here.
 */
export function numberStatefulOperatorsTopDown(plan: PhysicalPlan): PhysicalPlan {
  let next = 0
  const visit = (node: PhysicalPlan): PhysicalPlan => {
    const stateful = statefulInfo(node)
    const renumbered = stateful === undefined ? node : withStateful(node, { ...stateful, operatorId: next++ })
    return withChildren(renumbered, visit)
  }
  return visit(plan)
}

function statefulInfo(node: PhysicalPlan): StatefulInfo | undefined {
  switch (node.kind) {
    case 'HashAggregate': case 'Deduplicate': case 'StreamStreamJoin': case 'Limit': return node.stateful
    default: return undefined
  }
}

function withStateful(node: PhysicalPlan, stateful: StatefulInfo): PhysicalPlan {
  switch (node.kind) {
    case 'HashAggregate': case 'Deduplicate': case 'StreamStreamJoin': case 'Limit': return { ...node, stateful }
    default: return node
  }
}

/** The node over its children mapped by `f` (in order: left before right, a union's inputs in turn). */
function withChildren(node: PhysicalPlan, f: (child: PhysicalPlan) => PhysicalPlan): PhysicalPlan {
  switch (node.kind) {
    case 'FileScan': case 'LocalScan': case 'StreamInput': return node
    case 'HashJoin': case 'NestedLoopJoin': case 'StreamStreamJoin': case 'SetOperation': {
      const left = f(node.left)
      return { ...node, left, right: f(node.right) }
    }
    case 'Union': return { ...node, inputs: node.inputs.map(f) }
    default: return { ...node, input: f(node.input) }
  }
}
