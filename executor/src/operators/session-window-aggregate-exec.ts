import type { CompiledAggregate, HashAggregateExec, Row } from '@sluice/shared'
import type { TaskContext } from '../runtime/task-context.js'
import { compileAggregation } from './compile-aggregation.js'
import { encodeKey } from './group-key.js'
import { isLate } from './event-time.js'

/** One session of one key: its window [start, end), the grouping values, the aggregate buffers. */
interface Session { start: number; end: number; values: unknown[]; buffers: unknown[] }

/**
 * Aggregation over session windows (Spark's session_window): each row opens a
 * window [t, t + gap); windows of the same key that overlap merge into one session
 * (buffers merged). In a stream, a key's open sessions live in the state store and
 * new rows merge into them; append mode emits a session once the watermark passes
 * its end, update mode the sessions changed in the batch, complete mode all.
 */
export async function* runSessionWindowAggregate(plan: HashAggregateExec, input: AsyncIterable<Row[]>, context: TaskContext): AsyncIterable<Row[]> {
  const sessionIndex = plan.sessionWindowIndex!
  const { grouping, aggregates, results } = compileAggregation(plan, context.evalContext)
  const streaming = plan.stateful ? context.streaming : undefined
  const watermarks = streaming ? streaming.watermarkFor(plan.stateful!.operatorId) : { lateEventsMicros: 0, evictionMicros: 0 }

  const byKey = new Map<string, Session[]>()
  let dropped = 0
  for await (const batch of input) {
    for (const row of batch) {
      const values = grouping.map((g) => g.eval(row))
      const window = values[sessionIndex] as [number, number] | null
      if (window === null) continue
      if (streaming && streaming.outputMode !== 'complete' && isLate(window, watermarks.lateEventsMicros)) { dropped++; continue }
      const key = encodeKey(values.filter((_, i) => i !== sessionIndex))
      const sessions = byKey.get(key) ?? []
      sessions.push({ start: window[0], end: window[1], values, buffers: aggregates.map((a) => a.update(a.init(), row)) })
      byKey.set(key, sessions)
    }
  }
  const finish = (s: Session): Row => {
    const values = s.values.slice()
    values[sessionIndex] = [s.start, s.end]
    return results.map((r) => r.eval([...values, ...s.buffers.map((b, i) => aggregates[i]!.evaluate(b))]))
  }
  if (!streaming) {
    const out: Row[] = []
    for (const sessions of byKey.values()) for (const s of mergeSessions(sessions, aggregates)) out.push(finish(s))
    for (let i = 0; i < out.length; i += 4096) yield out.slice(i, i + 4096)
    return
  }
  const store = streaming.stateStore(plan.stateful!.operatorId)
  const changed: Session[] = []
  for (const [key, fresh] of byKey) {
    const stored = (structuredClone(store.get(key)) as Session[] | undefined) ?? []
    const merged = mergeSessions([...stored, ...fresh], aggregates)
    store.put(key, merged)
    const before = new Set(stored.map((s) => `${s.start}:${s.end}`))
    for (const s of merged) if (!before.has(`${s.start}:${s.end}`) || fresh.some((f) => f.start >= s.start && f.start < s.end)) changed.push(s)
  }
  const out: Row[] = []
  let total = 0
  let removed = 0
  const mode = streaming.outputMode
  for (const [key, value] of [...store.entries()]) {
    const sessions = value as Session[]
    const open: Session[] = []
    for (const s of sessions) {
      if (mode !== 'complete' && isLate([s.start, s.end], watermarks.evictionMicros)) {
        removed++
        if (mode === 'append') out.push(finish(s))
      } else {
        open.push(s)
        if (mode === 'complete') out.push(finish(s))
      }
    }
    total += open.length
    if (open.length === 0) store.remove(key)
    else if (open.length !== sessions.length) store.put(key, open)
  }
  if (mode === 'update') for (const s of changed) out.push(finish(s))
  streaming.reportStateMetrics(plan.stateful!.operatorId, {
    operatorName: 'sessionWindowStateStoreSaveExec', numRowsTotal: total, numRowsUpdated: changed.length, numRowsRemoved: removed,
    numRowsDroppedByWatermark: dropped, memoryUsedBytes: 0, allUpdatesTimeMs: 0, allRemovalsTimeMs: 0, commitTimeMs: 0,
    numShufflePartitions: plan.stateful!.numPartitions, numStateStoreInstances: 1,
  })
  for (let i = 0; i < out.length; i += 4096) yield out.slice(i, i + 4096)
}

/** Sorts sessions by start and merges those that overlap, merging their buffers. */
function mergeSessions(sessions: Session[], aggregates: readonly CompiledAggregate[]): Session[] {
  sessions.sort((a, b) => a.start - b.start)
  const merged: Session[] = []
  for (const s of sessions) {
    const last = merged.at(-1)
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end)
      last.buffers = last.buffers.map((b, i) => aggregates[i]!.merge(b, s.buffers[i]))
    } else merged.push({ ...s, buffers: [...s.buffers] })
  }
  return merged
}
