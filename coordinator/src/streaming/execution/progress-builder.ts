import { microsToIsoUtc } from '@sluice/shared'
import type { TaskResult } from '@sluice/executor'
import type { OffsetJson } from '../../checkpoint/index.js'
import type { StreamingSourceRuntime } from '../sources/streaming-source.js'
import type { StateOperatorProgress, StreamingQueryProgress } from './progress-types.js'

/** Phase durations of one batch, ms (Spark's durationMs keys). */
export interface BatchTimings {
  addBatch?: number
  commitOffsets?: number
  getBatch?: number
  latestOffset?: number
  queryPlanning?: number
  triggerExecution?: number
  walCommit?: number
}

export interface ProgressInput {
  readonly id: string
  readonly runId: string
  readonly name: string | null
  readonly batch: { readonly batchId: number; readonly start: readonly (OffsetJson | null)[]; readonly end: readonly (OffsetJson | null)[] }
  readonly timings: BatchTimings
  readonly result: TaskResult
  readonly triggerStartEpochMs: number
  readonly previousTriggerStartEpochMs: number | undefined
  readonly sources: readonly StreamingSourceRuntime[]
  readonly sinkDescription: string
  readonly watermarkMs: number
}

/**
 * A StreamingQueryProgress as Spark's ProgressReporter makes it: rates rounded to
 * one decimal, inputRowsPerSecond over the time since the previous trigger started,
 * processedRowsPerSecond over this batch's duration, offsets as parsed JSON.
 */
export function buildProgress(input: ProgressInput): StreamingQueryProgress {
  const duration = Math.max(1, Math.round(input.timings.triggerExecution ?? 0))
  const rows = input.result.numInputRows
  const sinceLast = input.previousTriggerStartEpochMs === undefined ? 0 : input.triggerStartEpochMs - input.previousTriggerStartEpochMs
  const inputRate = sinceLast > 0 ? round1((rows * 1000) / sinceLast) : 0
  const processedRate = round1((rows * 1000) / duration)
  const durationMs: Record<string, number> = {}
  for (const key of Object.keys(input.timings).sort()) durationMs[key] = Math.round(input.timings[key as keyof BatchTimings] ?? 0)
  const eventTime: Record<string, string> = {}
  const stats = input.result.eventTime
  if (stats.length > 0) {
    const count = stats.reduce((a, s) => a + s.count, 0)
    eventTime['avg'] = microsToIsoUtc(stats.reduce((a, s) => a + s.sum, 0) / count)
    eventTime['max'] = microsToIsoUtc(Math.max(...stats.map((s) => s.max)))
    eventTime['min'] = microsToIsoUtc(Math.min(...stats.map((s) => s.min)))
  }
  if (stats.length > 0 || input.watermarkMs > 0) eventTime['watermark'] = microsToIsoUtc(input.watermarkMs * 1000)
  const stateOperators: StateOperatorProgress[] = [...input.result.stateOperators]
    .sort((a, b) => a.operatorId - b.operatorId)
    .map(({ metrics: m }) => ({
      operatorName: m.operatorName, numRowsTotal: m.numRowsTotal, numRowsUpdated: m.numRowsUpdated, allUpdatesTimeMs: m.allUpdatesTimeMs,
      numRowsRemoved: m.numRowsRemoved, allRemovalsTimeMs: m.allRemovalsTimeMs, commitTimeMs: m.commitTimeMs, memoryUsedBytes: m.memoryUsedBytes,
      numRowsDroppedByWatermark: m.numRowsDroppedByWatermark, numShufflePartitions: m.numShufflePartitions, numStateStoreInstances: m.numStateStoreInstances,
    }))
  return {
    id: input.id,
    runId: input.runId,
    name: input.name,
    timestamp: new Date(input.triggerStartEpochMs).toISOString(),
    batchId: input.batch.batchId,
    batchDuration: duration,
    numInputRows: rows,
    inputRowsPerSecond: inputRate,
    processedRowsPerSecond: processedRate,
    durationMs,
    eventTime,
    stateOperators,
    sources: input.sources.map((source, i) => ({
      description: source.description,
      startOffset: parseOffset(input.batch.start[i] ?? null),
      endOffset: parseOffset(input.batch.end[i] ?? null),
      latestOffset: parseOffset(input.batch.end[i] ?? null),
      // NOTE: with several sources the executor reports one input count; it is given to each source's share only when there is one source.
      numInputRows: input.sources.length === 1 ? rows : 0,
      inputRowsPerSecond: input.sources.length === 1 ? inputRate : 0,
      processedRowsPerSecond: input.sources.length === 1 ? processedRate : 0,
    })),
    sink: { description: input.sinkDescription, numOutputRows: input.result.numOutputRows ?? input.result.rows.length },
  }
}

function parseOffset(offset: OffsetJson | null): unknown {
  if (offset === null) return null
  try { return JSON.parse(offset) } catch { return offset }
}

/** Spark's HALF_UP rounding to one decimal. */
function round1(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 10) / 10 : 0
}
