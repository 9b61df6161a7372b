import type { Row, StructType } from '@sluice/shared'
import type { OutputMode, StreamingSink } from '@sluice/coordinator'

/** One micro-batch as the sink received it. */
export interface SinkBatch {
  readonly batchId: number
  readonly rows: readonly Row[]
}

/**
 * The sink of `testStream` (Spark's MemorySink as StreamTest uses it): it outlives
 * stop/start within one test, so the answer accumulates across restarts. Append
 * and update add each batch; complete replaces everything with the batch. A batch
 * id already seen is ignored (a re-run batch must not add rows twice).
 */
export class StreamTestSink implements StreamingSink {
  readonly description = 'MemorySink'
  schema: StructType = { kind: 'struct', fields: [] }
  #batches: SinkBatch[] = []
  #lastBatchId = -1

  async addBatch(batchId: number, schema: StructType, rows: readonly Row[], outputMode: OutputMode): Promise<void> {
    if (batchId <= this.#lastBatchId) return
    this.schema = schema
    const batch = { batchId, rows: [...rows] }
    this.#batches = outputMode === 'complete' ? [batch] : [...this.#batches, batch]
    this.#lastBatchId = batchId
  }

  /** The id of the last batch added, -1 before any. */
  get lastBatchId(): number {
    return this.#lastBatchId
  }

  get batches(): readonly SinkBatch[] {
    return this.#batches
  }

  /** Every row the table holds now. */
  allRows(): Row[] {
    return this.#batches.flatMap((b) => b.rows)
  }

  /** The rows of the last batch added (empty before any). */
  lastBatchRows(): readonly Row[] {
    return this.#batches.at(-1)?.rows ?? []
  }

  /** The rows of the batches after `batchId`. */
  rowsSince(batchId: number): Row[] {
    return this.#batches.filter((b) => b.batchId > batchId).flatMap((b) => b.rows)
  }
}
