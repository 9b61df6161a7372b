import type { CompiledAggregate, HashAggregateExec, Row } from '@sluice/shared'
import type { StreamingTaskContext, TaskContext } from '../runtime/task-context.js'
import { compileAggregation } from './compile-aggregation.js'
import { encodeKey, groupKey } from './group-key.js'
import { runSessionWindowAggregate } from './session-window-aggregate-exec.js'
import { isLate } from './event-time.js'

interface Group { readonly values: unknown[]; buffers: unknown[] }
interface StoredGroup { readonly g: unknown[]; readonly b: unknown[] }

/**
 * Hash aggregation. In a batch query: one pass, one output row per group (one row
 * for a global aggregate even over no input). In a streaming query (`stateful`):
 * the batch's partial groups merge into the state store and the output follows the
 * output mode: complete = every group, update = groups changed in this batch,
 * append = groups the watermark has closed (then evicted).
 */
export async function* runHashAggregate(plan: HashAggregateExec, input: AsyncIterable<Row[]>, context: TaskContext): AsyncIterable<Row[]> {
  if (plan.sessionWindowIndex !== undefined) {
    yield* runSessionWindowAggregate(plan, input, context)
    return
  }
  const { grouping, aggregates, results } = compileAggregation(plan, context.evalContext)
  const streaming = context.streaming
  const eventTime = plan.eventTimeGroupingIndex
  const lateEvents = plan.stateful && streaming ? streaming.watermarkFor(plan.stateful.operatorId).lateEventsMicros : 0

  const groups = new Map<unknown, Group>()
  // Spark drops late rows after the partial aggregation, so it counts late groups, not rows.
  const lateGroups = new Set<unknown>()
  // Complete mode keeps every group: Spark drops no late row and evicts nothing there.
  const checkLate = plan.stateful !== undefined && eventTime !== undefined && lateEvents > 0 && streaming?.outputMode !== 'complete'
  const aggregateCount = aggregates.length
  const single = grouping.length === 1 && !checkLate ? grouping[0]! : undefined
  for await (const batch of input) {
    for (const row of batch) {
      let key: unknown
      let values: unknown[] | undefined
      if (single !== undefined) {
        // NOTE: the hot path of a one-column GROUP BY: no per-row array unless the group is new.
        const v = single.eval(row)
        key = v === null || v === undefined ? null : typeof v === 'object' ? groupKey([v]) : v === 0 ? 0 : v
      } else {
        values = grouping.map((g) => g.eval(row))
        key = groupKey(values)
        if (checkLate && isLate(values[eventTime!], lateEvents)) {
          lateGroups.add(key)
          continue
        }
      }
      let group = groups.get(key)
      if (group === undefined) {
        group = { values: values ?? [single!.eval(row)], buffers: aggregates.map((a) => a.init()) }
        groups.set(key, group)
      }
      const buffers = group.buffers
      for (let i = 0; i < aggregateCount; i++) buffers[i] = aggregates[i]!.update(buffers[i], row)
    }
  }

  const finish = (values: readonly unknown[], buffers: readonly unknown[]): Row => {
    const full: Row = [...values, ...buffers.map((b, i) => aggregates[i]!.evaluate(b))]
    return results.map((r) => r.eval(full))
  }

  if (!plan.stateful || !streaming) {
    if (groups.size === 0 && plan.grouping.length === 0) groups.set('', { values: [], buffers: aggregates.map((a) => a.init()) })
    yield* chunk([...groups.values()].map((g) => finish(g.values, g.buffers)))
    return
  }
  yield* chunk(mergeIntoState(plan, streaming, groups, aggregates, finish, lateGroups.size))
}

function mergeIntoState(
  plan: HashAggregateExec,
  streaming: StreamingTaskContext,
  groups: Map<unknown, Group>,
  aggregates: readonly CompiledAggregate[],
  finish: (values: readonly unknown[], buffers: readonly unknown[]) => Row,
  dropped: number,
): Row[] {
  const started = performance.now()
  const operatorId = plan.stateful!.operatorId
  const store = streaming.stateStore(operatorId)
  const eventTime = plan.eventTimeGroupingIndex
  const eviction = streaming.watermarkFor(operatorId).evictionMicros
  if (streaming.outputMode === 'append' && eventTime === undefined) {
    // Spark's StateStoreSaveExec asserts it (the checker refuses such queries, except a streaming EXCEPT's Distinct).
    throw new Error('assertion failed: Watermark needs to be defined for streaming aggregation query in append mode')
  }
  const updated: StoredGroup[] = []
  for (const group of groups.values()) {
    const key = encodeKey(group.values)
    const previous = store.get(key) as StoredGroup | undefined
    const buffers = previous === undefined
      ? group.buffers
      : group.buffers.map((b, i) => aggregates[i]!.merge(structuredClone(previous.b[i]), b))
    const stored: StoredGroup = { g: group.values, b: buffers }
    store.put(key, stored)
    updated.push(stored)
  }
  const updateMs = performance.now() - started

  const output: Row[] = []
  const removeStarted = performance.now()
  let removed = 0
  let total = 0
  const mode = streaming.outputMode
  if (mode === 'complete') {
    for (const [, value] of store.entries()) {
      const g = value as StoredGroup
      output.push(finish(g.g, g.b))
      total++
    }
  } else {
    if (mode === 'update') for (const g of updated) output.push(finish(g.g, g.b))
    const expired: string[] = []
    for (const [key, value] of store.entries()) {
      const g = value as StoredGroup
      if (eventTime !== undefined && isLate(g.g[eventTime], eviction)) {
        expired.push(key)
        if (mode === 'append') output.push(finish(g.g, g.b))
      } else total++
    }
    for (const key of expired) store.remove(key)
    removed = expired.length
  }
  streaming.reportStateMetrics(operatorId, {
    operatorName: 'stateStoreSave',
    numRowsTotal: total,
    numRowsUpdated: updated.length,
    numRowsRemoved: removed,
    numRowsDroppedByWatermark: dropped,
    memoryUsedBytes: 0,
    allUpdatesTimeMs: Math.round(updateMs),
    allRemovalsTimeMs: Math.round(performance.now() - removeStarted),
    commitTimeMs: 0,
    numShufflePartitions: plan.stateful!.numPartitions,
    numStateStoreInstances: 1,
  })
  return output
}

function* chunk(rows: Row[]): Iterable<Row[]> {
  for (let i = 0; i < rows.length; i += 4096) yield rows.slice(i, i + 4096)
}
