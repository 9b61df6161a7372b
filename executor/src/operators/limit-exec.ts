import type { LimitExec, Row } from '@sluice/shared'
import type { TaskContext } from '../runtime/task-context.js'

const EMITTED = 'emitted'

/**
 * The first `limit` rows; stops pulling its input once it has them. A streaming
 * limit over appended rows keeps the count emitted in earlier batches as state,
 * so the whole stream yields at most `limit` rows (Spark's StreamingGlobalLimitExec).
 */
export async function* runLimit(plan: LimitExec, input: AsyncIterable<Row[]>, context?: TaskContext): AsyncIterable<Row[]> {
  const streaming = context?.streaming
  const store = plan.stateful && streaming ? streaming.stateStore(plan.stateful.operatorId) : undefined
  const before = (store?.get(EMITTED) as number | undefined) ?? 0
  let remaining = plan.limit - before
  const started = performance.now()
  try {
    if (remaining <= 0) return
    for await (const batch of input) {
      if (batch.length >= remaining) {
        yield batch.slice(0, remaining)
        remaining = 0
        return
      }
      remaining -= batch.length
      yield batch
    }
  } finally {
    if (store && plan.stateful && streaming) {
      const emitted = plan.limit - Math.max(0, remaining)
      if (emitted !== before) store.put(EMITTED, emitted)
      streaming.reportStateMetrics(plan.stateful.operatorId, {
        operatorName: 'globalLimit', numRowsTotal: 1, numRowsUpdated: emitted !== before ? 1 : 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0,
        memoryUsedBytes: 0, allUpdatesTimeMs: Math.round(performance.now() - started), allRemovalsTimeMs: 0, commitTimeMs: 0,
        numShufflePartitions: plan.stateful.numPartitions, numStateStoreInstances: 1,
      })
    }
  }
}
