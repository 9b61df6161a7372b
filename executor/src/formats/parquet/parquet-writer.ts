import { writeFile } from 'node:fs/promises'
import type { CompressionCodec } from 'hyparquet'
import { writeMetadata } from 'hyparquet-writer/src/metadata.js'
import { AnalysisError, ExecutionError, schemaToJson, type Row, type StructType } from '@sluice/shared'
import type { WrittenFile } from '../file-format.js'
import { computeColumnStatistics } from './column-stats.js'
import { sparkToParquetSchema } from './parquet-schema.js'
import { newChunkScratch, writeColumnChunk, type FooterMetadata, type RowGroup } from './parquet-column-chunk.js'
import { leafColumnsOf, shredColumns } from './parquet-leaf-columns.js'
import { physicalValuesFor } from './parquet-physical-values.js'
import { PageBuffer } from './page-buffer.js'

/** The footer key under which Spark keeps the Spark schema (JSON) of a Parquet file. */
export const SPARK_ROW_METADATA_KEY = 'org.apache.spark.sql.parquet.row.metadata'

/** "PAR1", little-endian: the first and last four bytes of a Parquet file. */
const PARQUET_MAGIC = 0x31524150
const CREATED_BY = 'Sluice (column-native writer; hyparquet-writer thrift)'

/** Rows per row group when the `parquet.rowgroup.rows` option does not say. */
export const DEFAULT_PARQUET_ROW_GROUP_ROWS = 100_000

const CODECS: Readonly<Record<string, CompressionCodec>> = {
  snappy: 'SNAPPY',
  none: 'UNCOMPRESSED',
  uncompressed: 'UNCOMPRESSED',
}

/** The Parquet codec that the `compression` option names (Spark's names); snappy by default. */
export function parquetCodecFromOptions(options: Readonly<Record<string, string>>): CompressionCodec {
  const name = (options['compression'] ?? options['parquet.compression'] ?? 'snappy').toLowerCase()
  const codec = CODECS[name]
  if (!codec) {
    throw new AnalysisError('CODEC_NOT_AVAILABLE', `The codec ${name} is not available for Parquet writes; use snappy or none.`, { codecName: name })
  }
  return codec
}

/**
 * Encodes `rows` (internal values of `schema`) as a Parquet file in memory, the way
 * Spark lays it out. Options: `compression` (snappy, none), `parquet.rowgroup.rows`.
 *
 * Column-native: each leaf column is shredded straight from the row arrays into levels and
 * values, dictionary-encoded when it pays (as parquet-mr decides), written as one v1 data
 * page per row group; hyparquet-writer serializes the Thrift headers and footer.
 */
export function encodeParquet(schema: StructType, rows: readonly Row[], options: Readonly<Record<string, string>> = {}): Uint8Array {
  const elements = sparkToParquetSchema(schema)
  const leaves = leafColumnsOf(schema, elements)
  const physical = leaves.map((leaf) => physicalValuesFor(leaf.dataType, leaf.element))
  const codec = parquetCodecFromOptions(options)
  const configured = Number(options['parquet.rowgroup.rows'] ?? DEFAULT_PARQUET_ROW_GROUP_ROWS)
  const rowGroupRows = configured > 0 ? configured : DEFAULT_PARQUET_ROW_GROUP_ROWS
  const out = new PageBuffer(1 << 20)
  const scratch = newChunkScratch()
  const rowGroups: RowGroup[] = []
  try {
    out.appendUint32(PARQUET_MAGIC)
    for (let start = 0; start < rows.length; start += rowGroupRows) {
      const end = Math.min(rows.length, start + rowGroupRows)
      const groupStart = out.offset
      const shredded = shredColumns(leaves, rows, start, end)
      const columns = leaves.map((leaf, i) => writeColumnChunk(out, leaf, physical[i]!, shredded[i]!, codec, scratch))
      rowGroups.push({
        columns,
        total_byte_size: columns.reduce((sum, column) => sum + column.meta_data!.total_uncompressed_size, 0n),
        num_rows: BigInt(end - start),
        file_offset: BigInt(groupStart),
        total_compressed_size: BigInt(out.offset - groupStart),
      })
    }
    writeMetadata(out, {
      version: 1,
      schema: elements as FooterMetadata['schema'],
      num_rows: BigInt(rows.length),
      row_groups: rowGroups,
      // What Spark writes, so Spark reads back the exact types (byte, short, timestamp_ntz, metadata).
      key_value_metadata: [{ key: SPARK_ROW_METADATA_KEY, value: schemaToJson(schema) }],
      created_by: CREATED_BY,
      metadata_length: 0,
    })
    out.appendUint32(PARQUET_MAGIC)
    return out.written().slice()
  } catch (error) {
    if (error instanceof AnalysisError || error instanceof ExecutionError) throw error
    throw new ExecutionError('TASK_WRITE_FAILED', `Task failed while writing rows to Parquet: ${(error as Error).message}.`, {}, error)
  }
}

/** Internal write option: do not compute the per-file column statistics a Delta add action needs. */
export const SKIP_FILE_STATISTICS = 'sluice.skipfilestatistics'

/** Writes `rows` as a new Parquet file at `path` and reports its size, row count and column statistics. */
export async function writeParquetFile(
  path: string,
  schema: StructType,
  rows: readonly Row[],
  options: Readonly<Record<string, string>> = {},
): Promise<WrittenFile> {
  const bytes = encodeParquet(schema, rows, options)
  try {
    await writeFile(path, bytes, { flag: 'wx' })
  } catch (error) {
    throw new ExecutionError('TASK_WRITE_FAILED', `Task failed while writing rows to ${path}: ${(error as Error).message}.`, { path }, error)
  }
  // Per-file statistics are for Delta's add actions; plain file sinks skip the extra pass.
  if (options[SKIP_FILE_STATISTICS] === 'true') return { path, size: bytes.length, numRows: rows.length }
  return { path, size: bytes.length, numRows: rows.length, stats: computeColumnStatistics(schema, rows) }
}
