import type { EvalContext, OperatorWatermark, PushedFilter, Row, SourceSpec, StateOperatorMetrics, StructType } from '@sluice/shared'

export type { OperatorWatermark, StateOperatorMetrics } from '@sluice/shared'

/** The part of a versioned state store an operator uses (see executor/src/state). */
export interface OperatorStateStore {
  get(key: string): unknown
  put(key: string, value: unknown): void
  remove(key: string): void
  entries(): Iterable<[string, unknown]>
}

/** What a micro-batch gives the operators of a streaming query. */
export interface StreamingTaskContext {
  readonly batchId: number
  readonly outputMode: 'append' | 'update' | 'complete'
  /** The watermark in force for this batch, microseconds (0 before any data). */
  readonly watermarkMicros: number
  /**
   * A stateful operator's input watermarks (Spark's WatermarkPropagator): late input
   * rows are judged by the previous batch's, state is evicted by this batch's.
   */
  watermarkFor(operatorId: number): OperatorWatermark
  /** Rows of each streaming source for this batch, by source index. */
  readonly inputs: ReadonlyMap<number, () => AsyncIterable<Row[]>>
  /** The state store of a stateful operator for this batch (partition 0 in embedded mode). */
  stateStore(operatorId: number): OperatorStateStore
  /** Each WatermarkExec reports the max event time it saw (micros) by watermark id. */
  reportEventTime(watermarkId: number, maxMicros: number, minMicros: number, sumMicros: number, count: number): void
  reportStateMetrics(operatorId: number, metrics: StateOperatorMetrics): void
  /** True for the extra batch that runs only to advance the watermark (no new input). */
  readonly isNoDataBatch: boolean
}

/** Everything a task needs besides its plan. */
export interface TaskContext {
  readonly evalContext: EvalContext
  /** Reads a batch source in full (files, Delta). */
  readSource(source: SourceSpec, schema: StructType, requiredColumns: readonly number[] | undefined, pushedFilters?: readonly PushedFilter[]): AsyncIterable<Row[]>
  readonly streaming?: StreamingTaskContext
}
