import type { DeduplicateExec, Row } from '@sluice/shared'
import type { TaskContext } from '../runtime/task-context.js'
import { encodeKey, groupKey } from './group-key.js'
import { eventTimeMicros, isLate } from './event-time.js'

/**
 * Keeps the first row of each key. Batch: a hash set. Streaming: keys seen in
 * earlier batches live in the state store; with a watermark, rows older than it
 * are dropped and keys whose event time (plus the delay, within-watermark) has
 * passed it are evicted.
 */
export async function* runDeduplicate(plan: DeduplicateExec, input: AsyncIterable<Row[]>, context: TaskContext): AsyncIterable<Row[]> {
  const keyIndexes = plan.keyIndexes
  const keyOf = (row: Row): unknown[] => keyIndexes.map((i) => row[i])
  const streaming = context.streaming
  if (!plan.stateful || !streaming) {
    const seen = new Set<unknown>()
    for await (const batch of input) {
      const out: Row[] = []
      for (const row of batch) {
        const key = groupKey(keyOf(row))
        if (!seen.has(key)) { seen.add(key); out.push(row) }
      }
      if (out.length > 0) yield out
    }
    return
  }
  const store = streaming.stateStore(plan.stateful.operatorId)
  const { lateEventsMicros, evictionMicros } = streaming.watermarkFor(plan.stateful.operatorId)
  const eventTime = plan.eventTimeIndex
  const delay = plan.withinWatermark ? plan.watermarkDelayMicros ?? 0 : 0
  let dropped = 0
  let updated = 0
  const started = performance.now()
  const out: Row[] = []
  for await (const batch of input) {
    for (const row of batch) {
      const time = eventTime === undefined ? null : eventTimeMicros(row[eventTime])
      if (time !== null && isLate(time, lateEventsMicros)) { dropped++; continue }
      const key = encodeKey(keyOf(row))
      if (store.get(key) !== undefined) continue
      store.put(key, time === null ? true : time + delay)
      updated++
      out.push(row)
    }
  }
  let removed = 0
  let total = 0
  if (eventTime !== undefined && evictionMicros > 0) {
    const expired: string[] = []
    for (const [key, value] of store.entries()) {
      if (typeof value === 'number' && isLate(value, evictionMicros)) expired.push(key)
      else total++
    }
    for (const key of expired) store.remove(key)
    removed = expired.length
  } else {
    for (const _ of store.entries()) total++
  }
  streaming.reportStateMetrics(plan.stateful.operatorId, {
    operatorName: plan.withinWatermark ? 'dedupeWithinWatermark' : 'dedupe',
    numRowsTotal: total, numRowsUpdated: updated, numRowsRemoved: removed, numRowsDroppedByWatermark: dropped,
    memoryUsedBytes: 0, allUpdatesTimeMs: Math.round(performance.now() - started), allRemovalsTimeMs: 0, commitTimeMs: 0,
    numShufflePartitions: plan.stateful.numPartitions, numStateStoreInstances: 1,
  })
  for (let i = 0; i < out.length; i += 4096) yield out.slice(i, i + 4096)
}
