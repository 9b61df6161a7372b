import { resolve } from 'node:path'
import type { Row, StructType } from '@sluice/shared'
import { deltaSinkAddBatch } from '@sluice/executor'
import type { OutputMode, StreamingSink } from './streaming-sink.js'

/**
 * Delta Lake's streaming sink: one table version per batch with data, carrying a
 * `txn` action (appId = query id, version = batch id); a batch whose id the log
 * already holds for this query is skipped, so a replay never doubles rows.
 */
export class DeltaStreamingSink implements StreamingSink {
  readonly description: string

  constructor(private readonly path: string, private readonly partitionBy: readonly string[], private readonly options: Readonly<Record<string, string>>) {
    this.description = `DeltaSink[${resolve(path)}]`
  }

  async addBatch(batchId: number, schema: StructType, rows: readonly Row[], outputMode: OutputMode, queryId: string): Promise<void> {
    if (rows.length === 0 && outputMode !== 'complete') return
    await deltaSinkAddBatch(resolve(this.path), queryId, batchId, rows, schema, outputMode === 'complete' ? 'complete' : 'append', this.partitionBy, this.options)
  }
}
