import type { Row, StructType } from '@sluice/shared'
import type { OutputMode, StreamingSink } from './streaming-sink.js'

/**
 * Spark's memory sink: the result table in memory, queryable as a temporary table
 * named after the query. Complete mode replaces it each batch; the other modes append.
 */
export class MemorySink implements StreamingSink {
  readonly description = 'MemorySink'
  #rows: Row[] = []
  #lastBatchId = -1

  constructor(public schema: StructType) {}

  async addBatch(batchId: number, _schema: StructType, rows: readonly Row[], outputMode: OutputMode): Promise<void> {
    if (batchId <= this.#lastBatchId) return
    this.#rows = outputMode === 'complete' ? [...rows] : this.#rows.concat(rows)
    this.#lastBatchId = batchId
  }

  /** A snapshot of the table's rows. */
  rows(): readonly Row[] {
    return this.#rows
  }
}
