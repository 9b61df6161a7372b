/** Metrics a stateful operator reports for the progress event (Spark's StateOperatorProgress). */
export interface StateOperatorMetrics {
  operatorName: string
  numRowsTotal: number
  numRowsUpdated: number
  numRowsRemoved: number
  numRowsDroppedByWatermark: number
  memoryUsedBytes: number
  allUpdatesTimeMs: number
  allRemovalsTimeMs: number
  commitTimeMs: number
  numShufflePartitions: number
  numStateStoreInstances: number
}

/** The watermarks one stateful operator uses in a batch, microseconds (0: none yet). */
export interface OperatorWatermark {
  readonly lateEventsMicros: number
  readonly evictionMicros: number
}

/** Event times one WatermarkExec saw in a task (microseconds), by watermark id. */
export interface EventTimeStats {
  readonly watermarkId: number
  readonly max: number
  readonly min: number
  readonly sum: number
  readonly count: number
}
