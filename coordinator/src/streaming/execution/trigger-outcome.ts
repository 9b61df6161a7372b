import { microsToIsoUtc } from '@sluice/shared'
import type { TaskResult } from '@sluice/shared'
import type { OffsetJson } from '../../checkpoint/index.js'
import type { TriggerOutcome } from '../progress/progress-reporter.js'
import type { StateOperatorProgress } from '../progress/progress-types.js'

/** What the loop knows about the query, the same for every trigger. */
export interface QueryDescription {
  /** The query's sources in source-index order (their descriptions name them in progress). */
  readonly sources: readonly { readonly description: string }[]
  readonly sinkDescription: string
  /** The plan has a withWatermark (Spark then reports `eventTime.watermark` in every progress). */
  readonly hasWatermark: boolean
}

/** One trigger's offsets: start (committed), end (this batch's), latest (what the sources said). */
export interface TriggerOffsets {
  readonly start: readonly (OffsetJson | null)[]
  readonly end: readonly (OffsetJson | null)[]
  readonly latest: readonly (OffsetJson | null)[]
}

/**
 * The outcome of a trigger that ran batch `batchId`, as Spark's ProgressContext
 * extracts it (`extractExecutionStats`): rows per source, the first watermark
 * operator's event-time max/min/avg when the batch had data, `watermark` (the
 * batch's) whenever the plan has one, state operators in operator-id order (pre-order, as
 * `executedPlan.collect { case p: StateStoreWriter => ... }`).
 */
export function executedOutcome(
  query: QueryDescription, batchId: number, offsets: TriggerOffsets, hasNewData: boolean, watermarkMs: number, result: TaskResult,
): TriggerOutcome {
  const eventTime: Record<string, string> = hasNewData ? eventTimeStats(result.eventTime) : {}
  if (query.hasWatermark) eventTime['watermark'] = microsToIsoUtc(watermarkMs * 1000)
  const stateOperators: StateOperatorProgress[] = [...result.stateOperators]
    .sort((a, b) => a.operatorId - b.operatorId)
    .map(({ metrics: m }) => ({
      operatorName: m.operatorName, numRowsTotal: m.numRowsTotal, numRowsUpdated: m.numRowsUpdated, allUpdatesTimeMs: m.allUpdatesTimeMs,
      numRowsRemoved: m.numRowsRemoved, allRemovalsTimeMs: m.allRemovalsTimeMs, commitTimeMs: m.commitTimeMs, memoryUsedBytes: m.memoryUsedBytes,
      numRowsDroppedByWatermark: m.numRowsDroppedByWatermark, numShufflePartitions: m.numShufflePartitions, numStateStoreInstances: m.numStateStoreInstances,
    }))
  return {
    batchId, hasNewData, hasExecuted: true,
    sources: sourceInfos(query, offsets, (i) => (hasNewData ? result.numInputRowsBySource[i] ?? 0 : 0)),
    sink: { description: query.sinkDescription, numOutputRows: result.numOutputRows ?? result.rows.length },
    stateOperators,
    eventTime,
  }
}

/**
 * The outcome of a trigger that ran nothing, as Spark's `finishNoExecutionTrigger`:
 * the last executed batch's outcome with what belongs to that batch reset (no input
 * rows, 0 output rows, state operators with no updated or dropped rows, only the
 * watermark of event time); `last` null when nothing ran yet in this run.
 */
export function idleOutcome(query: QueryDescription, batchId: number, offsets: TriggerOffsets, watermarkMs: number, last: TriggerOutcome | null): TriggerOutcome {
  const eventTime: Record<string, string> = {}
  if (last?.eventTime?.['watermark'] !== undefined) eventTime['watermark'] = microsToIsoUtc(watermarkMs * 1000)
  return {
    batchId, hasNewData: false, hasExecuted: false,
    sources: sourceInfos(query, offsets, () => 0),
    sink: { description: query.sinkDescription, numOutputRows: last === null ? -1 : 0 },
    stateOperators: (last?.stateOperators ?? []).map((op) => ({ ...op, numRowsUpdated: 0, numRowsDroppedByWatermark: 0 })),
    eventTime,
  }
}

function sourceInfos(query: QueryDescription, offsets: TriggerOffsets, rows: (sourceIndex: number) => number): TriggerOutcome['sources'] {
  return query.sources.map((source, i) => ({
    description: source.description,
    startOffset: offsets.start[i] ?? null,
    endOffset: offsets.end[i] ?? null,
    latestOffset: offsets.latest[i] ?? null,
    numInputRows: rows(i),
  }))
}

/** max/min/avg of the first watermark operator (by id) that saw rows; the statistics of split tasks are merged first. */
function eventTimeStats(stats: TaskResult['eventTime']): Record<string, string> {
  const byWatermark = new Map<number, { max: number; min: number; sum: number; count: number }>()
  for (const s of stats) {
    const seen = byWatermark.get(s.watermarkId)
    byWatermark.set(s.watermarkId, seen === undefined ? { ...s } : {
      max: Math.max(seen.max, s.max), min: Math.min(seen.min, s.min), sum: seen.sum + s.sum, count: seen.count + s.count,
    })
  }
  const first = [...byWatermark.entries()].sort(([a], [b]) => a - b).find(([, s]) => s.count > 0)?.[1]
  if (first === undefined) return {}
  return { avg: microsToIsoUtc(first.sum / first.count), max: microsToIsoUtc(first.max), min: microsToIsoUtc(first.min) }
}
