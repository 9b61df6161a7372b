import { readFile, writeFile } from 'node:fs/promises'
import { ExecutionError, avroSchemaFor, type Row, type StructType } from '@sluice/shared'
import type { FileFormat, FileReadOptions, WrittenFile } from '../file-format.js'
import { computeColumnStatistics } from '../parquet/column-stats.js'
import { avroCodecFromOptions, decodeAvroContainer, encodeAvroContainer } from './avro-container.js'
import { avroToSparkType, type AvroSchema } from './avro-schema.js'
import { avroToInternalConverter, internalToAvroConverter } from './avro-values.js'

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path)
  } catch (error) {
    throw new ExecutionError('FAILED_READ_FILE', `Encountered an error while reading file ${path}: ${(error as Error).message}.`, { path }, error)
  }
}

/** Reads the records of an Avro container file as rows of `options.schema` (fields matched by name). */
export async function* readAvroFile(path: string, options: FileReadOptions): AsyncGenerator<Row[]> {
  const { schema: writerSchema, blocks } = decodeAvroContainer(await readBytes(path), path)
  const convert = avroToInternalConverter(writerSchema, options.schema)
  for (const records of blocks) {
    const rows = records.map((record) => convert(record) as Row)
    if (options.requiredColumns) {
      for (const row of rows) for (let i = 0; i < row.length; i++) if (!options.requiredColumns.has(i)) row[i] = null
    }
    if (rows.length > 0) yield rows
  }
}

/** Writes rows as an Avro container file with spark-avro's schema for `schema`. Option `compression`: snappy (default), deflate, uncompressed. */
export async function writeAvroFile(path: string, schema: StructType, rows: readonly Row[], options: Readonly<Record<string, string>> = {}): Promise<WrittenFile> {
  const avroSchema = avroSchemaFor(schema, options['recordname'] ?? 'topLevelRecord', options['recordnamespace'] ?? '')
  const convert = internalToAvroConverter(schema, avroSchema)
  let bytes: Buffer
  try {
    bytes = encodeAvroContainer(avroSchema, rows.map((row) => convert(row)), avroCodecFromOptions(options))
  } catch (error) {
    if (error instanceof ExecutionError) throw error
    throw new ExecutionError('TASK_WRITE_FAILED', `Task failed while writing rows to ${path}: ${(error as Error).message}.`, { path }, error)
  }
  await writeFile(path, bytes, { flag: 'wx' })
  return { path, size: bytes.length, numRows: rows.length, stats: computeColumnStatistics(schema, rows) }
}

/** The Spark schema of an Avro file's writer schema. */
export async function avroFileSchema(path: string): Promise<StructType> {
  const { schema } = decodeAvroContainer(await readBytes(path), path)
  return avroToSparkType(schema as AvroSchema).dataType as StructType
}

/** `format("avro")`: Avro object container files as spark-avro writes them. */
export const avroFileFormat: FileFormat = {
  name: 'avro',
  extension: '.avro',
  read: (path, options) => readAvroFile(path, options),
  write: (path, schema, rows, options) => writeAvroFile(path, schema, rows, options),
  inferSchema: async (paths) => {
    if (paths.length === 0) {
      const { AnalysisError } = await import('@sluice/shared')
      throw new AnalysisError('UNABLE_TO_INFER_SCHEMA', 'Unable to infer schema for Avro. It must be specified manually.', { format: 'Avro' })
    }
    return avroFileSchema(paths[0]!)
  },
}
