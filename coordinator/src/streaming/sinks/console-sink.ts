import type { Row, StructType } from '@sluice/shared'
import type { OutputMode, StreamingSink } from './streaming-sink.js'

/** Spark's console sink: prints each batch as a `Batch: N` block with a `show()` table. */
export class ConsoleSink implements StreamingSink {
  readonly description = 'org.apache.spark.sql.execution.streaming.ConsoleTable$'

  constructor(
    private readonly render: (schema: StructType, rows: readonly Row[], numRows: number, truncate: number) => string,
    private readonly numRows = 20,
    private readonly truncate = 20,
    private readonly write: (text: string) => void = (text) => process.stdout.write(text),
  ) {}

  async addBatch(batchId: number, schema: StructType, rows: readonly Row[], _mode: OutputMode): Promise<void> {
    const rule = '-------------------------------------------'
    this.write(`${rule}\nBatch: ${batchId}\n${rule}\n${this.render(schema, rows, this.numRows, this.truncate)}\n`)
  }
}
