import type { Row, StructType } from '@sluice/shared'
import type { ClientBatchCallback } from './sink-descriptor.js'
import type { OutputMode, StreamingSink } from './streaming-sink.js'

/** Spark's sink descriptions of the sinks that run user code. */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  foreachbatch: 'ForeachBatchSink',
  foreach: 'ForeachSink',
  console: 'org.apache.spark.sql.execution.streaming.ConsoleTable$',
}

/**
 * `foreach`, `foreachBatch` and `console`: each batch's rows go to a callback in the
 * user's process (a function cannot be sent to an executor). At-least-once: a re-run
 * batch calls it again with the same id, so a callback should write idempotently by
 * batch id (Delta's txnAppId/txnVersion).
 */
export class ClientCallbackSink implements StreamingSink {
  readonly description: string

  constructor(format: string, private readonly callback: ClientBatchCallback) {
    this.description = DESCRIPTIONS[format] ?? format
  }

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

/** Runs a ForeachWriter over one batch, as Spark's ForeachWriter contract says: open, process each row, close with the error. */
export async function runForeachWriter<R>(writer: ForeachWriter<R>, rows: readonly R[], batchId: number): Promise<void> {
  const open = writer.open ? await writer.open(0, batchId) : true
  let failure: unknown = null
  try {
    if (open) for (const row of rows) await writer.process(row)
  } catch (error) {
    failure = error
  }
  await writer.close?.(failure)
  if (failure !== null) throw failure
}
