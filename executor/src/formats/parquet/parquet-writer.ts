import { writeFile } from 'node:fs/promises'
import { parquetWriteBuffer } from 'hyparquet-writer'
import type { ColumnSource } from 'hyparquet-writer'
import type { CompressionCodec } from 'hyparquet'
import { AnalysisError, ExecutionError, schemaToJson, type Row, type StructType } from '@sluice/shared'
import type { WrittenFile } from '../file-format.js'
import { computeColumnStatistics } from './column-stats.js'
import { sparkToParquetSchema } from './parquet-schema.js'
import { internalToWriterConverter } from './parquet-values.js'

/** The footer key under which Spark keeps the Spark schema (JSON) of a Parquet file. */
export const SPARK_ROW_METADATA_KEY = 'org.apache.spark.sql.parquet.row.metadata'

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
 */
export function encodeParquet(schema: StructType, rows: readonly Row[], options: Readonly<Record<string, string>> = {}): Uint8Array {
  const parquetSchema = sparkToParquetSchema(schema)
  const columnData: ColumnSource[] = schema.fields.map((field, index) => {
    const convert = internalToWriterConverter(field.dataType)
    const data = new Array<unknown>(rows.length)
    for (let r = 0; r < rows.length; r++) {
      const value = rows[r]![index] ?? null
      data[r] = convert && value !== null ? convert(value) : value
    }
    return { name: field.name, data: data as ColumnSource['data'] }
  })
  const rowGroupRows = Number(options['parquet.rowgroup.rows'] ?? DEFAULT_PARQUET_ROW_GROUP_ROWS)
  try {
    const buffer = parquetWriteBuffer({
      columnData,
      schema: parquetSchema as Parameters<typeof parquetWriteBuffer>[0]["schema"],
      codec: parquetCodecFromOptions(options),
      rowGroupSize: rowGroupRows > 0 ? rowGroupRows : DEFAULT_PARQUET_ROW_GROUP_ROWS,
      createdBy: 'Sluice (hyparquet-writer)',
      // What Spark writes, so Spark reads back the exact types (byte, short, timestamp_ntz, metadata).
      kvMetadata: [{ key: SPARK_ROW_METADATA_KEY, value: schemaToJson(schema) }],
    })
    return new Uint8Array(buffer)
  } catch (error) {
    if (error instanceof AnalysisError) throw error
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
