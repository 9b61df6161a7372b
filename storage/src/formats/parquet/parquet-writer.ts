import { writeFile } from 'node:fs/promises'
import type { CompressionCodec } from 'hyparquet'
import { AnalysisError, ExecutionError, type Row, type StructType } from '@sluice/shared'
import type { FileWriter, WrittenFile } from '../file-format.js'
import { computeColumnStatistics } from './column-stats.js'
import { ParquetFileWriter, type ParquetFileWriterOptions } from './parquet-file-writer.js'

export { SPARK_ROW_METADATA_KEY } from './parquet-file-writer.js'

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

/** parquet-mr's default row group size in bytes (`parquet.block.size`). */
export const DEFAULT_PARQUET_BLOCK_SIZE = 128 * 1024 * 1024

/** The writer options that the `compression`, `parquet.rowgroup.rows` and `parquet.block.size` options give. */
export function parquetWriterOptions(options: Readonly<Record<string, string>>): ParquetFileWriterOptions {
  const rows = Number(options['parquet.rowgroup.rows'] ?? DEFAULT_PARQUET_ROW_GROUP_ROWS)
  const bytes = Number(options['parquet.block.size'] ?? DEFAULT_PARQUET_BLOCK_SIZE)
  return {
    codec: parquetCodecFromOptions(options),
    rowGroupRows: rows > 0 ? Math.floor(rows) : DEFAULT_PARQUET_ROW_GROUP_ROWS,
    rowGroupBytes: bytes > 0 ? bytes : DEFAULT_PARQUET_BLOCK_SIZE,
  }
}

/**
 * Encodes `rows` (internal values of `schema`) as a Parquet file in memory, the way
 * Spark lays it out. Options: `compression` (snappy, none), `parquet.rowgroup.rows`, `parquet.block.size`.
 */
export function encodeParquet(schema: StructType, rows: readonly Row[], options: Readonly<Record<string, string>> = {}): Uint8Array {
  const writer = new ParquetFileWriter(schema, parquetWriterOptions(options))
  writer.append(rows)
  return writer.finish()
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
  await writeNewFile(path, bytes)
  // Per-file statistics are for Delta's add actions; plain file sinks skip the extra pass.
  if (options[SKIP_FILE_STATISTICS] === 'true') return { path, size: bytes.length, numRows: rows.length }
  return { path, size: bytes.length, numRows: rows.length, stats: computeColumnStatistics(schema, rows) }
}

/**
 * Opens a Parquet file at `path` that takes rows batch by batch (for sinks: rows are
 * encoded as they come and the file appears, whole, at `close`). No statistics pass.
 */
export function openParquetFileWriter(path: string, schema: StructType, options: Readonly<Record<string, string>> = {}): FileWriter {
  const writer = new ParquetFileWriter(schema, parquetWriterOptions(options))
  return {
    write(rows) {
      writer.append(rows)
    },
    get numRows() {
      return writer.numRows
    },
    async close() {
      const bytes = writer.finish()
      await writeNewFile(path, bytes)
      return { path, size: bytes.length, numRows: writer.numRows }
    },
  }
}

async function writeNewFile(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFile(path, bytes, { flag: 'wx' })
  } catch (error) {
    throw new ExecutionError('TASK_WRITE_FAILED', `Task failed while writing rows to ${path}: ${(error as Error).message}.`, { path }, error)
  }
}
