import type { Row, StructType } from '@sluice/shared'
import type { OutputMode, StreamingSink } from './streaming-sink.js'

/**
 * `foreachBatch(fn)`: user code called with each batch. It runs on the client side
 * of the boundary (in embedded mode, the user's process) since a function cannot
 * be sent to an executor. At-least-once: a re-run batch calls `fn` again with the
 * same id, so `fn` should write idempotently by batch id (Delta's txnAppId/txnVersion).
 */
export class ForeachBatchSink implements StreamingSink {
  readonly description = 'ForeachBatchSink'
  constructor(private readonly callback: (schema: StructType, rows: readonly Row[], batchId: number) => Promise<void> | void) {}
  async addBatch(batchId: number, schema: StructType, rows: readonly Row[], _mode: OutputMode): Promise<void> {
    await this.callback(schema, rows, batchId)
  }
}

/** `foreach(writer)`: Spark's ForeachWriter (open, process, close) over the batch's rows, partition 0. */
export interface ForeachWriter<R> {
  open?(partitionId: number, epochId: number): boolean | Promise<boolean>
  process(row: R): void | Promise<void>
  close?(error: unknown): void | Promise<void>
}

export class ForeachSink implements StreamingSink {
  readonly description = 'ForeachSink'
  constructor(private readonly writer: ForeachWriter<Record<string, unknown>>, private readonly toObject: (row: Row, schema: StructType) => Record<string, unknown>) {}
  async addBatch(batchId: number, schema: StructType, rows: readonly Row[], _mode: OutputMode): Promise<void> {
    const open = this.writer.open ? await this.writer.open(0, batchId) : true
    let failure: unknown = null
    try {
      if (open) for (const row of rows) await this.writer.process(this.toObject(row, schema))
    } catch (error) {
      failure = error
    }
    await this.writer.close?.(failure)
    if (failure !== null) throw failure
  }
}
