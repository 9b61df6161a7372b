import { readFile } from 'node:fs/promises'
import { parquetMetadata, parquetRead, parquetSchema, type FileMetaData } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import { ExecutionError, schemaFromJson, type Row, type StructType } from '@sluice/shared'
import type { FileReadOptions } from '../file-format.js'
import { parquetNodeToSparkType, type ParquetSchemaNode } from './parquet-schema.js'
import { SPARK_ROW_METADATA_KEY } from './parquet-writer.js'
import { internalParsers, parquetToInternalConverter, type FromParquet } from './parquet-values.js'
import { rowGroupRuledOut, type RowGroupPredicate } from './row-group-filter.js'

/** Read options of the Parquet reader: the common ones plus row-group skipping. */
export interface ParquetReadOptions extends FileReadOptions {
  /** A conjunction of simple predicates: row groups whose statistics rule it out are not read. Rows of other groups are not filtered. */
  readonly rowGroupFilter?: readonly RowGroupPredicate[]
}

/** Rows per batch the reader yields. */
export const PARQUET_READ_BATCH_ROWS = 4096

/** A Parquet file in memory with its footer parsed (decimal annotations removed so values arrive exact). */
export interface OpenedParquetFile {
  readonly path: string
  readonly buffer: ArrayBuffer
  readonly metadata: FileMetaData
}

/** Reads the file and its footer. */
export async function openParquetFile(path: string): Promise<OpenedParquetFile> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    throw new ExecutionError('FAILED_READ_FILE', `Encountered an error while reading file ${path}: ${(error as Error).message}.`, { path }, error)
  }
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  let metadata: FileMetaData
  try {
    metadata = parquetMetadata(buffer, { parsers: internalParsers })
  } catch (error) {
    throw new ExecutionError('FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER', `Could not read footer for file: ${path} (${(error as Error).message}).`, { path }, error)
  }
  // hyparquet turns decimals into floats; without the annotation it hands out the exact unscaled integers.
  for (const element of metadata.schema) {
    if (element.converted_type === 'DECIMAL' || element.logical_type?.type === 'DECIMAL') {
      element.precision ??= element.logical_type?.type === 'DECIMAL' ? element.logical_type.precision : undefined
      element.scale ??= element.logical_type?.type === 'DECIMAL' ? element.logical_type.scale : undefined
      element.converted_type = undefined
      element.logical_type = undefined
      element.precision = element.precision ?? 0
    }
  }
  return { path, buffer, metadata }
}

/** The Spark schema of a Parquet file: the one Spark (or Sluice) stored in the footer, else inferred from the Parquet types as Spark does. */
export function parquetFileSchema(file: OpenedParquetFile): StructType {
  const stored = file.metadata.key_value_metadata?.find((kv) => kv.key === SPARK_ROW_METADATA_KEY)?.value
  if (stored) {
    try {
      return schemaFromJson(stored)
    } catch {
      // A footer schema Sluice cannot parse: fall back to the Parquet types.
    }
  }
  const original = parquetMetadata(file.buffer)
  return parquetNodeToSparkType(parquetSchema(original) as unknown as ParquetSchemaNode) as StructType
}

/**
 * Reads the rows of a Parquet file in the shape of `options.schema` (columns
 * matched by name, case-insensitively when no exact match; a column the file
 * lacks reads as null), decoding only `requiredColumns` and skipping the row
 * groups that `rowGroupFilter` rules out. Batches of at most 4096 rows.
 */
export async function* readParquetFile(path: string, options: ParquetReadOptions): AsyncGenerator<Row[]> {
  const file = await openParquetFile(path)
  const { metadata } = file
  const topLevel = parquetSchema(metadata).children.map((c) => c.element.name)
  const width = options.schema.fields.length
  const wanted: { index: number; column: string; convert: FromParquet | null }[] = []
  options.schema.fields.forEach((field, index) => {
    if (options.requiredColumns && !options.requiredColumns.has(index)) return
    const column = topLevel.find((name) => name === field.name) ?? topLevel.find((name) => name.toLowerCase() === field.name.toLowerCase())
    if (column !== undefined) wanted.push({ index, column, convert: parquetToInternalConverter(field.dataType) })
  })
  let groupStart = 0
  for (const rowGroup of metadata.row_groups) {
    const numRows = Number(rowGroup.num_rows)
    const rowStart = groupStart
    groupStart += numRows
    if (numRows === 0) continue
    if (options.rowGroupFilter && options.rowGroupFilter.length > 0 && rowGroupRuledOut(rowGroup, metadata.schema, options.rowGroupFilter)) continue
    const columns = await readRowGroupColumns(file, wanted.map((w) => w.column), rowStart, rowStart + numRows)
    for (let offset = 0; offset < numRows; offset += PARQUET_READ_BATCH_ROWS) {
      const end = Math.min(numRows, offset + PARQUET_READ_BATCH_ROWS)
      const batch = new Array<Row>(end - offset)
      for (let r = offset; r < end; r++) {
        const row = new Array<unknown>(width).fill(null)
        for (let c = 0; c < wanted.length; c++) {
          const value = columns[c]![r]
          if (value === null || value === undefined) continue
          const convert = wanted[c]!.convert
          row[wanted[c]!.index] = convert ? convert(value) : value
        }
        batch[r - offset] = row
      }
      yield batch
    }
  }
}

/** Decodes the given top-level columns of rows [rowStart, rowEnd) into one array per column. */
async function readRowGroupColumns(file: OpenedParquetFile, columns: readonly string[], rowStart: number, rowEnd: number): Promise<ArrayLike<unknown>[]> {
  if (columns.length === 0) return []
  const out: unknown[][] = columns.map(() => new Array<unknown>(rowEnd - rowStart))
  const position = new Map(columns.map((name, i) => [name, i]))
  try {
    await parquetRead({
      file: file.buffer,
      metadata: file.metadata,
      columns: [...columns],
      rowStart,
      rowEnd,
      utf8: false,
      parsers: internalParsers,
      compressors,
      onChunk(chunk) {
        const target = out[position.get(chunk.columnName)!]
        if (!target) return
        const data = chunk.columnData
        for (let i = 0; i < data.length; i++) {
          const row = chunk.rowStart + i
          if (row >= rowStart && row < rowEnd) target[row - rowStart] = data[i]
        }
      },
    })
  } catch (error) {
    throw new ExecutionError('FAILED_READ_FILE', `Encountered an error while reading file ${file.path} (rows ${rowStart}..${rowEnd}): ${(error as Error).message}.`, { path: file.path }, error)
  }
  return out
}
