import type { Row, StructType } from '@sluice/shared'
import type { PlacedFile, SinkWriteSpec } from '@sluice/executor'

export type OutputMode = 'append' | 'update' | 'complete'

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
   * Sinks whose phase one runs on the executor (file sinks): the spec the task uses
   * to write batch `batchId`'s files, or undefined when the batch is already
   * committed. The coordinator then calls `commitFiles` instead of `addBatch`.
   */
  executorWrite?(batchId: number): Promise<SinkWriteSpec | undefined>
  commitFiles?(batchId: number, files: readonly PlacedFile[]): Promise<void>
  /** Called once when the query stops. */
  close?(): Promise<void>
}
