import { AnalysisError, physicalChildren, type PhysicalPlan } from '@sluice/shared'
import type { OperatorWatermark } from '@sluice/shared'

/**
 * Spark's PropagateWatermarkSimulator: each stateful operator's input watermark for a
 * batch whose global watermark is `originMicros`. Walking up the plan, a watermark
 * node outputs the global watermark, a stateless node the min of its inputs, and a
 * stateful node what it produces from its input: the same, except a stream-stream
 * join whose state is kept by a time range outputs (input − that range). An origin
 * of 0 gives every operator 0 (Spark skips the propagation then). A watermark node
 * that receives a watermark from below (another withWatermark, directly or through a
 * stateful operator) fails the query as Spark's simulator does.
 */
export function propagateWatermark(plan: PhysicalPlan, originMicros: number): Map<number, number> {
  const inputs = new Map<number, number>()
  if (originMicros <= 0) return inputs
  const output = (node: PhysicalPlan): number | undefined => {
    const fromChildren = physicalChildren(node).map(output).filter((w): w is number => w !== undefined)
    const input = fromChildren.length > 0 ? Math.min(...fromChildren) : undefined
    if (node.kind === 'Watermark') {
      if (input !== undefined) throw redefiningWatermark()
      return originMicros
    }
    const operatorId = statefulOperatorId(node)
    if (operatorId === undefined) return input
    inputs.set(operatorId, Math.max(input ?? 0, 0))
    if (input === undefined) return undefined
    return node.kind === 'StreamStreamJoin' && node.stateRetentionMicros !== undefined ? input - node.stateRetentionMicros : input
  }
  output(plan)
  return inputs
}

/**
 * The watermarks of each stateful operator in a batch: late events by the previous
 * batch's propagated watermark, eviction by this batch's (Spark 3.4+, with
 * spark.sql.streaming.statefulOperator.allowMultiple). Without allowMultiple, Spark's
 * UseSingleWatermarkPropagator: both are this batch's global watermark.
 */
export function operatorWatermarks(plan: PhysicalPlan, previousBatchMicros: number, batchMicros: number, allowMultiple: boolean): Record<number, OperatorWatermark> {
  const ids = statefulOperatorIds(plan)
  const out: Record<number, OperatorWatermark> = {}
  if (!allowMultiple) {
    for (const id of ids) out[id] = { lateEventsMicros: batchMicros, evictionMicros: batchMicros }
    return out
  }
  const late = propagateWatermark(plan, previousBatchMicros)
  const eviction = propagateWatermark(plan, batchMicros)
  for (const id of ids) out[id] = { lateEventsMicros: late.get(id) ?? 0, evictionMicros: eviction.get(id) ?? 0 }
  return out
}

/** Spark's PropagateWatermarkSimulator error (error class _LEGACY_ERROR_TEMP_3076, an AnalysisException). */
function redefiningWatermark(): AnalysisError {
  const config = 'spark.sql.streaming.statefulOperator.allowMultiple'
  return new AnalysisError('_LEGACY_ERROR_TEMP_3076',
    `Redefining watermark is disallowed. You can set the config '${config}' to 'false' to restore the previous behavior. Note that multiple stateful operators will be disallowed.`,
    { config })
}

function statefulOperatorId(node: PhysicalPlan): number | undefined {
  switch (node.kind) {
    case 'HashAggregate': case 'Deduplicate': case 'StreamStreamJoin': case 'Limit': return node.stateful?.operatorId
    default: return undefined
  }
}

function statefulOperatorIds(plan: PhysicalPlan): number[] {
  const id = statefulOperatorId(plan)
  return [...(id === undefined ? [] : [id]), ...physicalChildren(plan).flatMap(statefulOperatorIds)]
}
