import type { Row, SinkWriteSpec, StructType, TaskResult } from '@sluice/shared'

export type OutputMode = 'append' | 'update' | 'complete'

/** What a sink learns about a batch before its tasks run. */
export interface SinkBatchContext {
  readonly schema: StructType
  readonly outputMode: OutputMode
  readonly queryId: string
}

/**
 * What the tasks of a batch wrote for the sink (phase one), and which attempts were
 * superseded: phase two deletes their files after the commit.
 */
export type SinkWriteResult = Pick<TaskResult, 'files' | 'deltaFiles' | 'numOutputRows' | 'supersededAttempts'>

/**
 * A streaming sink, phase two: `addBatch` makes batch `batchId`'s rows visible
 * exactly once. It must be idempotent by batch id: a batch re-run after a crash
 * (same id, same rows) must not add anything twice.
 */
export interface StreamingSink {
  /** Spark's sink description for progress (`MemorySink`, `DeltaSink[...]`, `FileSink[...]`). */
  readonly description: string
  addBatch(batchId: number, schema: StructType, rows: readonly Row[], outputMode: OutputMode, queryId: string): Promise<void>
  /**
   * Sinks whose phase one runs on the executor (file sinks, Delta): the spec the tasks
   * use to write batch `batchId`'s data files, or undefined when the batch is already
   * committed. The coordinator then calls `commitFiles` with what the tasks wrote
   * instead of `addBatch`.
   */
  executorWrite?(batchId: number, batch: SinkBatchContext): Promise<SinkWriteSpec | undefined>
  commitFiles?(batchId: number, written: SinkWriteResult): Promise<void>
  /** Called once when the query stops. */
  close?(): Promise<void>
}
