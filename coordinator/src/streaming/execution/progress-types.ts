/** Spark's StreamingQueryProgress, field for field (see FORMATS.md §4). */
export interface StreamingQueryProgress {
  readonly id: string
  readonly runId: string
  readonly name: string | null
  /** Trigger start, `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`. */
  readonly timestamp: string
  readonly batchId: number
  readonly batchDuration: number
  readonly numInputRows: number
  readonly inputRowsPerSecond: number
  readonly processedRowsPerSecond: number
  readonly durationMs: Readonly<Record<string, number>>
  readonly eventTime: Readonly<Record<string, string>>
  readonly stateOperators: readonly StateOperatorProgress[]
  readonly sources: readonly SourceProgress[]
  readonly sink: SinkProgress
  readonly observedMetrics?: Readonly<Record<string, unknown>>
}

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
  readonly customMetrics?: Readonly<Record<string, number>>
}

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

export interface SinkProgress {
  readonly description: string
  readonly numOutputRows: number
  readonly metrics?: Readonly<Record<string, string>>
}

/** Spark's StreamingQueryStatus. */
export interface StreamingQueryStatus {
  readonly message: string
  readonly isDataAvailable: boolean
  readonly isTriggerActive: boolean
}

/** Listener events with Spark's fields. */
export interface QueryStartedEvent { readonly id: string; readonly runId: string; readonly name: string | null; readonly timestamp: string }
export interface QueryProgressEvent { readonly progress: StreamingQueryProgress }
export interface QueryIdleEvent { readonly id: string; readonly runId: string; readonly timestamp: string }
export interface QueryTerminatedEvent { readonly id: string; readonly runId: string; readonly exception: string | null; readonly errorClassOnException: string | null }

/** Spark's StreamingQueryListener; every method optional. */
export interface StreamingQueryListener {
  onQueryStarted?(event: QueryStartedEvent): void
  onQueryProgress?(event: QueryProgressEvent): void
  onQueryIdle?(event: QueryIdleEvent): void
  onQueryTerminated?(event: QueryTerminatedEvent): void
}
