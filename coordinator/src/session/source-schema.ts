import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { AnalysisError, StringType, StructField, StructType, TimestampType, LongType, type DataType, type SourceSpec } from '@sluice/shared'
import { deltaReadTarget, discoverPartitions, getFileFormat, listDataFiles, loadSnapshot } from '@sluice/storage'

const FILE_FORMATS = new Set(['json', 'csv', 'text', 'parquet', 'avro'])

/**
 * The schema of a source: the user's when given; else what the format says
 * (inferred from files for a batch read, the log for Delta, fixed for rate and
 * socket). A streaming file source needs the user's schema, as in Spark.
 * `timeZone` (the session's) reads a Delta timestampAsOf.
 */
export async function resolveSourceSchema(source: SourceSpec, timeZone = 'UTC'): Promise<StructType> {
  if (!source.streaming && (FILE_FORMATS.has(source.format) || source.format === 'delta')) await requirePathsExist(source)
  if (source.format === 'text') return withPartitionColumns(source, source.userSchema ?? StructType([StructField('value', StringType, true)]))
  if (source.userSchema !== undefined) return withPartitionColumns(source, source.userSchema)
  switch (source.format) {
    case 'rate': case 'rate-micro-batch': return StructType([StructField('timestamp', TimestampType, true), StructField('value', LongType, true)])
    case 'socket': return StructType([
      StructField('value', StringType, true),
      ...(source.options['includetimestamp'] === 'true' ? [StructField('timestamp', TimestampType, true)] : []),
    ])
    case 'delta': {
      const { path, travel } = deltaReadTarget(source.paths[0] ?? '', source.streaming ? {} : source.options, timeZone)
      return (await loadSnapshot(path, travel)).schema
    }
  }
  if (source.streaming && FILE_FORMATS.has(source.format)) {
    throw new AnalysisError('STREAMING_SCHEMA_REQUIRED', "Schema must be specified when creating a streaming source DataFrame. If some files already exist in the directory, then depending on the file format you may be able to create a static DataFrame on that directory with 'spark.read.load(directory)' and infer schema from it.")
  }
  const format = getFileFormat(source.format)
  if (format.inferSchema === undefined) {
    throw new AnalysisError('UNABLE_TO_INFER_SCHEMA', `Unable to infer schema for ${source.format.toUpperCase()}. It must be specified manually.`)
  }
  const files = (await Promise.all(source.paths.map((p) => listDataFiles(p, source.options)))).flat()
  if (files.length === 0) {
    throw new AnalysisError('UNABLE_TO_INFER_SCHEMA', `Unable to infer schema for ${source.format.toUpperCase()} at ${source.paths.join(', ')}: no data files. It must be specified manually.`)
  }
  return withPartitionColumns(source, await format.inferSchema(files.map((f) => f.path), source.options))
}

/** Spark's PATH_NOT_FOUND for a batch source path that does not exist (globs are checked by listing). */
async function requirePathsExist(source: SourceSpec): Promise<void> {
  for (const path of source.paths) {
    if (/[*?[{]/.test(path)) continue
    try {
      await stat(source.format === 'delta' ? deltaReadTarget(path, {}).path : path)
    } catch {
      throw new AnalysisError('PATH_NOT_FOUND', `Path does not exist: ${pathToFileURL(resolve(path)).href}.`, { path })
    }
  }
}

/**
 * Spark's partition discovery: `key=value` folders under a file source's path add
 * columns (for a stream: the folders present when it starts) (typed INT, BIGINT, DOUBLE, DATE, TIMESTAMP or STRING) after the data
 * columns, unless the schema already names them.
 */
async function withPartitionColumns(source: SourceSpec, schema: StructType): Promise<StructType> {
  if (!FILE_FORMATS.has(source.format) || source.paths.length !== 1) return schema
  const files = await listDataFiles(source.paths[0]!, source.options)
  const { columns } = discoverPartitions(files, source.options['basepath'] ?? source.paths[0]!)
  const known = new Set(schema.fields.map((f) => f.name.toLowerCase()))
  const added = columns.filter((c) => !known.has(c.name.toLowerCase())).map((c) => StructField(c.name, { kind: c.dataType } as DataType, true))
  return added.length === 0 ? schema : StructType([...schema.fields, ...added])
}
