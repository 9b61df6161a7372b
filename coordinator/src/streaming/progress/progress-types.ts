/**
 * Spark's progress objects (`org.apache.spark.sql.streaming` progress.scala), field
 * for field. Longs are `number` (ms, counts). Offsets are the sources' JSON text.
 * `progressToJson` renders them as Spark does.
 */

/** One stateful operator's state store activity in a batch. */
export interface StateOperatorProgress {
  readonly operatorName: string
  readonly numRowsTotal: number
  readonly numRowsUpdated: number
  readonly allUpdatesTimeMs: number
  readonly numRowsRemoved: number
  readonly allRemovalsTimeMs: number
  readonly commitTimeMs: number
  readonly memoryUsedBytes: number
  readonly numRowsDroppedByWatermark: number
  readonly numShufflePartitions: number
  readonly numStateStoreInstances: number
  /** Rendered with sorted keys; omitted when empty or absent. */
  readonly customMetrics?: Readonly<Record<string, number>>
}

/**
 * One source's part of a batch. Offsets are JSON text as logged (rendered parsed
 * when valid JSON, else as a string, as Spark's tryParse), or an already-parsed
 * value; null when none.
 */
export interface SourceProgress {
  readonly description: string
  readonly startOffset: unknown
  readonly endOffset: unknown
  readonly latestOffset: unknown
  readonly numInputRows: number
  readonly inputRowsPerSecond: number
  readonly processedRowsPerSecond: number
  readonly metrics?: Readonly<Record<string, string>>
}

/** The sink's part of a batch. `numOutputRows` is -1 when the sink cannot count. */
export interface SinkProgress {
  readonly description: string
  readonly numOutputRows: number
  readonly metrics?: Readonly<Record<string, string>>
}

/** One trigger's progress (Spark's StreamingQueryProgress). */
export interface StreamingQueryProgress {
  readonly id: string
  readonly runId: string
  readonly name: string | null
  /** Trigger start, `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` in UTC. */
  readonly timestamp: string
  readonly batchId: number
  /** ms from trigger start to trigger end. */
  readonly batchDuration: number
  /** Phase name → ms: triggerExecution, latestOffset, walCommit, queryPlanning, getBatch, addBatch, commitOffsets. */
  readonly durationMs: Readonly<Record<string, number>>
  /** avg, max, min, watermark as ISO-8601 UTC strings (only those known). */
  readonly eventTime: Readonly<Record<string, string>>
  readonly stateOperators: readonly StateOperatorProgress[]
  readonly sources: readonly SourceProgress[]
  readonly sink: SinkProgress
  /** Named observed metrics → a row rendered as a JSON object. */
  readonly observedMetrics?: Readonly<Record<string, unknown>>
  /** Sum over sources. */
  readonly numInputRows: number
  readonly inputRowsPerSecond: number
  readonly processedRowsPerSecond: number
}

/** What a query is doing right now (Spark's StreamingQueryStatus). */
export interface StreamingQueryStatus {
  readonly message: string
  readonly isDataAvailable: boolean
  readonly isTriggerActive: boolean
}

/** Spark's status messages, for `status.message`. */
export const StreamingStatusMessage = Object.freeze({
  INITIALIZING: 'Initializing StreamExecution',
  INITIALIZING_SOURCES: 'Initializing sources',
  WAITING_FOR_DATA: 'Waiting for data to arrive',
  WAITING_FOR_TRIGGER: 'Waiting for next trigger',
  PROCESSING_NEW_DATA: 'Processing new data',
  NO_NEW_DATA: 'No new data but cleaning up state',
  WRITING_OFFSETS: 'Writing offsets to log',
  STOPPED: 'Stopped',
  gettingOffsetsFrom: (source: string): string => `Getting offsets from ${source}`,
})

/** Formats epoch ms as Spark's progress timestamps: `2016-12-05T20:54:20.827Z`. */
export function formatProgressTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString()
}
