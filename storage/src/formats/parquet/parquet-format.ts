import type { Row, StructType } from '@sluice/shared'
import type { FileFormat, FileReadOptions, WrittenFile } from '../file-format.js'
import { openParquetFile, parquetFileSchema, readParquetFile, type ParquetReadOptions } from './parquet-reader.js'
import { openParquetFileWriter, writeParquetFile } from './parquet-writer.js'

/** `format("parquet")`: snappy-compressed files Spark, DuckDB and Delta readers read. Reads honor `rowGroupFilter` when the options carry one. */
export const parquetFileFormat: FileFormat = {
  name: 'parquet',
  extension: '.snappy.parquet',
  read(path: string, options: FileReadOptions): AsyncIterable<Row[]> {
    return readParquetFile(path, options as ParquetReadOptions)
  },
  write(path: string, schema: StructType, rows: readonly Row[], options: Readonly<Record<string, string>>): Promise<WrittenFile> {
    return writeParquetFile(path, schema, rows, options)
  },
  openWriter: openParquetFileWriter,
  async inferSchema(paths: readonly string[]): Promise<StructType> {
    if (paths.length === 0) {
      const { AnalysisError } = await import('@sluice/shared')
      throw new AnalysisError('UNABLE_TO_INFER_SCHEMA', 'Unable to infer schema for Parquet. It must be specified manually.', { format: 'Parquet' })
    }
    return parquetFileSchema(await openParquetFile(paths[0]!))
  },
}
