import type { CompressionCodec } from 'hyparquet'
import { writeMetadata } from 'hyparquet-writer/src/metadata.js'
import { AnalysisError, ExecutionError, schemaToJson, type Row, type StructType } from '@sluice/shared'
import { ColumnChunkWriter, type FooterMetadata, type RowGroup } from './parquet-column-chunk.js'
import { leafColumnsOf, shredColumns } from './parquet-leaf-columns.js'
import { physicalValuesFor } from './parquet-physical-values.js'
import { sparkToParquetSchema } from './parquet-schema.js'
import { PageBuffer } from './page-buffer.js'

/** The footer key under which Spark keeps the Spark schema (JSON) of a Parquet file. */
export const SPARK_ROW_METADATA_KEY = 'org.apache.spark.sql.parquet.row.metadata'

/** "PAR1", little-endian: the first and last four bytes of a Parquet file. */
const PARQUET_MAGIC = 0x31524150
// parquet-mr's VersionParser form (`<app> version <semver> (build <id>)`): readers that can parse
// the writer trust its binary statistics (PARQUET-251 distrusts only unparsable or old parquet-mr ones).
const CREATED_BY = 'sluice version 0.1.0 (build column-native)'

export interface ParquetFileWriterOptions {
  readonly codec: CompressionCodec
  readonly rowGroupRows: number
  /** A row group also closes once its columns hold this many bytes (parquet-mr's `parquet.block.size`). */
  readonly rowGroupBytes: number
}

/** Rows shredded and encoded at a time, so the row group's size is checked between them. */
const APPEND_SLICE_ROWS = 4096

/**
 * A Parquet file built in memory as batches of rows arrive, the way Spark lays it out.
 * Column-native: each batch is shredded straight from the row arrays into levels and
 * values and encoded at once (so rows die young), dictionary-encoded while it pays as
 * parquet-mr decides, one v1 data page per column chunk; hyparquet-writer serializes
 * the Thrift page headers and footer.
 */
export class ParquetFileWriter {
  private readonly elements: FooterMetadata['schema']
  private readonly columns: ColumnChunkWriter[]
  private readonly leaves
  private readonly out = new PageBuffer(1 << 20)
  private readonly page = new PageBuffer()
  private readonly rowGroups: RowGroup[] = []
  private groupRows = 0
  private totalRows = 0

  constructor(private readonly schema: StructType, private readonly options: ParquetFileWriterOptions) {
    const elements = sparkToParquetSchema(schema)
    this.elements = elements as FooterMetadata['schema']
    this.leaves = leafColumnsOf(schema, elements)
    this.columns = this.leaves.map((leaf) => new ColumnChunkWriter(leaf, physicalValuesFor(leaf.dataType, leaf.element)))
    this.out.appendUint32(PARQUET_MAGIC)
  }

  get numRows(): number {
    return this.totalRows
  }

  /** Encodes `rows`, closing a row group each `rowGroupRows` rows or `rowGroupBytes` bytes. */
  append(rows: readonly Row[]): void {
    try {
      let start = 0
      while (start < rows.length) {
        const end = Math.min(rows.length, start + APPEND_SLICE_ROWS, start + this.options.rowGroupRows - this.groupRows)
        const shredded = shredColumns(this.leaves, rows, start, end)
        for (let i = 0; i < this.columns.length; i++) this.columns[i]!.add(shredded[i]!)
        this.groupRows += end - start
        this.totalRows += end - start
        if (this.groupRows === this.options.rowGroupRows || this.bufferedBytes() >= this.options.rowGroupBytes) this.closeRowGroup()
        start = end
      }
    } catch (error) {
      throw asWriteError(error)
    }
  }

  /** Closes the last row group, writes the footer and returns the whole file. */
  finish(): Uint8Array {
    try {
      if (this.groupRows > 0) this.closeRowGroup()
      writeMetadata(this.out, {
        version: 1,
        schema: this.elements,
        num_rows: BigInt(this.totalRows),
        row_groups: this.rowGroups,
        // What Spark writes, so Spark reads back the exact types (byte, short, timestamp_ntz, metadata).
        key_value_metadata: [{ key: SPARK_ROW_METADATA_KEY, value: schemaToJson(this.schema) }],
        created_by: CREATED_BY,
        metadata_length: 0,
      })
      this.out.appendUint32(PARQUET_MAGIC)
      return this.out.written()
    } catch (error) {
      throw asWriteError(error)
    }
  }

  private bufferedBytes(): number {
    let bytes = 0
    for (const column of this.columns) bytes += column.bufferedBytes()
    return bytes
  }

  private closeRowGroup(): void {
    const groupStart = this.out.offset
    const chunks = this.columns.map((column) => column.writeChunk(this.out, this.options.codec, this.page))
    this.rowGroups.push({
      columns: chunks,
      total_byte_size: chunks.reduce((sum, chunk) => sum + chunk.meta_data!.total_uncompressed_size, 0n),
      num_rows: BigInt(this.groupRows),
      file_offset: BigInt(groupStart),
      total_compressed_size: BigInt(this.out.offset - groupStart),
    })
    this.groupRows = 0
  }
}

function asWriteError(error: unknown): Error {
  if (error instanceof AnalysisError || error instanceof ExecutionError) return error
  return new ExecutionError('TASK_WRITE_FAILED', `Task failed while writing rows to Parquet: ${(error as Error).message}.`, {}, error)
}
