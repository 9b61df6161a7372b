import { compileExpr, type Row, type StreamStreamJoinExec, type StructType } from '@sluice/shared'
import type { TaskContext } from '../runtime/task-context.js'
import { encodeKey } from './group-key.js'
import { eventTimeMicros, isLate } from './event-time.js'

interface Buffered { readonly row: Row; matched: boolean; readonly time: number | null }

/**
 * Stream-stream join over state. Per batch: new left rows join the right buffer
 * and the new right rows; new right rows join the left buffer; then both sides'
 * new rows are buffered. Input rows older than the watermark are dropped (late).
 * Buffered rows whose event time is older than watermark − retention are evicted;
 * a left (right, full) outer join emits its unmatched rows padded with nulls then.
 * A left semi join emits a left row alone at its first match, never again.
 */
export async function* runStreamStreamJoin(plan: StreamStreamJoinExec, left: AsyncIterable<Row[]>, right: AsyncIterable<Row[]>, context: TaskContext): AsyncIterable<Row[]> {
  const streaming = context.streaming!
  const store = streaming.stateStore(plan.stateful.operatorId)
  const started = performance.now()
  const leftKey = plan.leftKeys.map((e) => compileExpr(e, plan.left.schema, context.evalContext))
  const rightKey = plan.rightKeys.map((e) => compileExpr(e, plan.right.schema, context.evalContext))
  const joinedSchema: StructType = { kind: 'struct', fields: [...plan.left.schema.fields, ...plan.right.schema.fields] }
  const residual = plan.residual ? compileExpr(plan.residual, joinedSchema, context.evalContext) : undefined
  const { lateEventsMicros, evictionMicros } = streaming.watermarkFor(plan.stateful.operatorId)
  let dropped = 0
  const timeOf = (row: Row, index: number | undefined): number | null => (index === undefined ? null : eventTimeMicros(row[index]))
  const collect = async (input: AsyncIterable<Row[]>, index: number | undefined): Promise<Row[]> => {
    const rows: Row[] = []
    for await (const batch of input) for (const row of batch) {
      const t = timeOf(row, index)
      if (isLate(t, lateEventsMicros)) { dropped++; continue }
      rows.push(row)
    }
    return rows
  }
  const newLeft = await collect(left, plan.leftEventTimeIndex)
  const newRight = await collect(right, plan.rightEventTimeIndex)

  // The buffers, grouped by side and join key.
  const buffers = { L: new Map<string, { id: string; entry: Buffered }[]>(), R: new Map<string, { id: string; entry: Buffered }[]>() }
  let counter = 0
  for (const [id, value] of store.entries()) {
    const side = id[0] as 'L' | 'R'
    const key = id.slice(2, id.lastIndexOf('|'))
    const list = buffers[side].get(key) ?? []
    list.push({ id, entry: structuredClone(value as Buffered) })
    buffers[side].set(key, list)
    counter = Math.max(counter, Number(id.slice(id.lastIndexOf('|') + 1)) + 1)
  }
  const keyOf = (row: Row, key: typeof leftKey): string | null => {
    const values = key.map((k) => k.eval(row))
    return values.some((v) => v === null) ? null : encodeKey(values)
  }
  const out: Row[] = []
  const changed = new Set<Buffered>()
  const semi = plan.joinType === 'semi'
  const tryJoin = (l: Buffered, r: Buffered) => {
    if (semi && l.matched) return
    const joined = l.row.concat(r.row)
    if (residual && residual.eval(joined) !== true) return
    if (semi) out.push(l.row)
    if (!l.matched) { l.matched = true; changed.add(l) }
    if (!r.matched) { r.matched = true; changed.add(r) }
    if (!semi) out.push(joined)
  }
  const fresh = (row: Row, index: number | undefined): Buffered => ({ row, matched: false, time: timeOf(row, index) })
  const leftNew = newLeft.map((row) => ({ key: keyOf(row, leftKey), entry: fresh(row, plan.leftEventTimeIndex) }))
  const rightNew = newRight.map((row) => ({ key: keyOf(row, rightKey), entry: fresh(row, plan.rightEventTimeIndex) }))
  const rightNewByKey = new Map<string, Buffered[]>()
  for (const r of rightNew) if (r.key !== null) rightNewByKey.set(r.key, [...(rightNewByKey.get(r.key) ?? []), r.entry])
  for (const l of leftNew) {
    if (l.key === null) continue
    for (const r of buffers.R.get(l.key) ?? []) tryJoin(l.entry, r.entry)
    for (const r of rightNewByKey.get(l.key) ?? []) tryJoin(l.entry, r)
  }
  for (const r of rightNew) {
    if (r.key === null) continue
    for (const l of buffers.L.get(r.key) ?? []) tryJoin(l.entry, r.entry)
  }
  // Write back buffered rows (matched flags may have changed) and add the new ones.
  for (const side of ['L', 'R'] as const) for (const list of buffers[side].values()) for (const { id, entry } of list) if (changed.has(entry)) store.put(id, entry)
  let updated = 0
  const leftOuter = plan.joinType === 'left' || plan.joinType === 'full'
  const rightOuter = plan.joinType === 'right' || plan.joinType === 'full'
  for (const l of leftNew) { if (l.key !== null || leftOuter) { store.put(`L|${l.key ?? ''}|${counter++}`, l.entry); updated++ } }
  for (const r of rightNew) { if (r.key !== null || rightOuter) { store.put(`R|${r.key ?? ''}|${counter++}`, r.entry); updated++ } }

  // Evict what the watermark has closed; outer joins emit their unmatched rows.
  let removed = 0
  let total = 0
  const retention = plan.stateRetentionMicros
  const leftNulls = new Array(plan.left.schema.fields.length).fill(null)
  const rightNulls = new Array(plan.right.schema.fields.length).fill(null)
  for (const [id, value] of [...store.entries()]) {
    const entry = value as Buffered
    const expired = retention !== undefined && entry.time !== null && isLate(entry.time + retention, evictionMicros)
    if (!expired) { total++; continue }
    store.remove(id)
    removed++
    if (!entry.matched && id[0] === 'L' && leftOuter) out.push(entry.row.concat(rightNulls))
    if (!entry.matched && id[0] === 'R' && rightOuter) out.push(leftNulls.concat(entry.row))
  }
  streaming.reportStateMetrics(plan.stateful.operatorId, {
    operatorName: 'symmetricHashJoin', numRowsTotal: total, numRowsUpdated: updated, numRowsRemoved: removed,
    numRowsDroppedByWatermark: dropped, memoryUsedBytes: 0, allUpdatesTimeMs: Math.round(performance.now() - started),
    allRemovalsTimeMs: 0, commitTimeMs: 0, numShufflePartitions: plan.stateful.numPartitions, numStateStoreInstances: 1,
  })
  for (let i = 0; i < out.length; i += 4096) yield out.slice(i, i + 4096)
}
