import { AnalysisError, ExecutionError, SluiceError, GrpcStatus, microsToLocalDateTime, treeString, type StructType } from '@sluice/shared'

/** A reader feature of `table` that Sluice cannot honor; reading on would give wrong rows. */
export function unsupportedReadFeature(table: string, features: readonly string[]): AnalysisError {
  return new AnalysisError(
    'DELTA_UNSUPPORTED_FEATURES_FOR_READ',
    `Unsupported Delta read feature: table "${table}" requires reader table feature(s) that are unsupported by Sluice: ${features.join(', ')}.`,
    { tableNameOrPath: table, unsupported: features.join(', ') },
  )
}

/** A writer feature (or writer version) of `table` that Sluice cannot honor. */
export function unsupportedWriteFeature(table: string, features: readonly string[]): AnalysisError {
  return new AnalysisError(
    'DELTA_UNSUPPORTED_FEATURES_FOR_WRITE',
    `Unsupported Delta write feature: table "${table}" requires writer table feature(s) that are unsupported by Sluice: ${features.join(', ')}.`,
    { tableNameOrPath: table, unsupported: features.join(', ') },
  )
}

/** `path` has no Delta log. */
export function notADeltaTable(path: string): AnalysisError {
  return new AnalysisError('DELTA_MISSING_DELTA_TABLE', `\`${path}\` is not a Delta table.`, { tableName: path })
}

/** A commit that lost the race to a concurrent one it conflicts with (Spark's ConcurrentModificationException family). */
export class DeltaConcurrentModificationError extends SluiceError {
  constructor(errorClass: string, message: string, params: Record<string, string>) {
    super({ errorClass, message, params, domain: 'user', retryable: true, grpcStatus: GrpcStatus.ABORTED })
  }
}

/** A log that cannot be replayed: a missing or malformed commit file. */
export function corruptLog(path: string, detail: string): ExecutionError {
  return new ExecutionError('DELTA_LOG_CORRUPTED', `The Delta log of ${path} cannot be read: ${detail}.`, { path })
}

/** What a write's schema or partitioning disagrees on (Delta's MetadataMismatchErrorBuilder). */
export interface MetadataMismatch {
  readonly tableId: string
  readonly schema?: { readonly table: StructType; readonly data: StructType }
  readonly partitioning?: { readonly table: readonly string[]; readonly given: readonly string[] }
  readonly overwrite: boolean
}

const columnList = (names: readonly string[]): string => `[${names.map((n) => `\`${n}\``).join(', ')}]`

/**
 * A write whose schema or partitioning differs from the table's without mergeSchema /
 * overwriteSchema: Delta's text, part by part. Open-source Delta 3.x throws it from
 * MetadataMismatchErrorBuilder.finalizeAndThrow as _LEGACY_ERROR_TEMP_DELTA_0007, the
 * whole text being its one `message` parameter.
 */
export function metadataMismatch(mismatch: MetadataMismatch): AnalysisError {
  const parts: string[] = []
  if (mismatch.schema) {
    parts.push(`A schema mismatch detected when writing to the Delta table (Table ID: ${mismatch.tableId}).
To enable schema migration using DataFrameWriter or DataStreamWriter, please set:
'.option("mergeSchema", "true")'.
For other operations, set the session configuration
spark.databricks.delta.schema.autoMerge.enabled to "true". See the documentation
specific to the operation for details.

Table schema:
${treeString(mismatch.schema.table)}

Data schema:
${treeString(mismatch.schema.data)}
`)
  }
  if (mismatch.partitioning) {
    parts.push(`Partition columns do not match the partition columns of the table.
Given: ${columnList(mismatch.partitioning.given)}
Table: ${columnList(mismatch.partitioning.table)}
`)
  }
  if (mismatch.overwrite) {
    parts.push(`To overwrite your schema or change partitioning, please set:
'.option("overwriteSchema", "true")'.

Note that the schema can't be overwritten when using
'replaceWhere'.
`)
  }
  const message = parts.join('\n')
  return new AnalysisError('_LEGACY_ERROR_TEMP_DELTA_0007', message, { message })
}

/** A streamed commit that removes data while also adding some (an overwrite, update or merge). */
export function sourceIgnoreChanges(tablePath: string, version: number, example: string): AnalysisError {
  return new AnalysisError('DELTA_SOURCE_TABLE_IGNORE_CHANGES', `Detected a data update (for example ${example}) in the source table at version ${version}. This is currently not supported. If you'd like to ignore updates, set the option 'skipChangeCommits' to 'true'. If you would like the data update to be reflected, please restart this query with a fresh checkpoint directory. The source table can be found at path file:${tablePath}.`, {
    file: example, version: String(version), dataPath: `file:${tablePath}`,
  })
}

/** A streamed commit that only removes data (a delete at partition boundaries). */
export function sourceIgnoreDelete(tablePath: string, version: number, removedFile: string): AnalysisError {
  return new AnalysisError('DELTA_SOURCE_IGNORE_DELETE', `Detected deleted data (for example ${removedFile}) from streaming source at version ${version}. This is currently not supported. If you'd like to ignore deletes, set the option 'ignoreDeletes' to 'true'. The source table can be found at path file:${tablePath}.`, {
    removedFile, version: String(version), dataPath: `file:${tablePath}`,
  })
}

/**
 * Delta's failOnDataLossException: the commits a stream needs next were removed
 * (log cleanup) and the source's failOnDataLoss option is true (the default).
 */
export function streamDataLoss(expectedVersion: number, earliestVersion: number): ExecutionError {
  return new ExecutionError('DELTA_MISSING_FILES_UNEXPECTED_VERSION', `The stream from your Delta table was expecting process data from version ${expectedVersion},
but the earliest available version in the _delta_log directory is ${earliestVersion}. The files
in the transaction log may have been deleted due to log cleanup. In order to avoid losing
data, we recommend that you restart your stream with a new checkpoint location and to
increase your delta.logRetentionDuration setting, if you have explicitly set it below 30
days.
If you would like to ignore the missed data and continue your stream from where it left
off, you can set the .option("failOnDataLoss", "false") as part
of your readStream statement.`, { startVersion: String(expectedVersion), earliestVersion: String(earliestVersion), option: 'failOnDataLoss' })
}

/** Delta's differentDeltaTableReadByStreamingSource: the checkpoint's offsets name another table id than the table's (a re-created table). */
export function differentTableReadByStreamingSource(newTableId: string, oldTableId: string): ExecutionError {
  return new ExecutionError('DIFFERENT_DELTA_TABLE_READ_BY_STREAMING_SOURCE', `The streaming query was reading from an unexpected Delta table (id = '${newTableId}'). 
It used to read from another Delta table (id = '${oldTableId}') according to checkpoint. 
This may happen when you changed the code to read from a new table or you deleted and 
re-created a table. Please revert your change or delete your streaming query checkpoint 
to restart from scratch.`, { newTableId, oldTableId })
}

/** The table schema changed, while streaming, to one the stream's schema cannot read. */
export function sourceSchemaChanged(version: number, readSchema: StructType, dataSchema: StructType, startingOption: boolean): AnalysisError {
  const restart = startingOption
    ? `query from scratch using a new checkpoint directory. If the issue persists after
changing to a new checkpoint directory, you may need to change the existing
'startingVersion' or 'startingTimestamp' option to start from a version newer than
${version} with a new checkpoint directory.`
    : 'query from scratch using a new checkpoint directory.'
  return new AnalysisError(startingOption ? 'DELTA_SCHEMA_CHANGED_WITH_STARTING_OPTIONS' : 'DELTA_SCHEMA_CHANGED_WITH_VERSION', `Detected schema change in version ${version}:
streaming source schema: ${treeString(readSchema)}
data file schema: ${treeString(dataSchema)}
Please try restarting the query. If this issue repeats across query restarts without
making progress, you have made an incompatible schema change and need to start your
${restart}
`, { version: String(version) })
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/**
 * `yyyy-MM-dd HH:mm:ss` in the session time zone: Delta's commit time to use
 * instead (DeltaHistoryManager formats it with TimestampFormatter(sessionLocalTimeZone)).
 */
export function timestampSeconds(ms: number, timeZone = 'UTC'): string {
  const t = microsToLocalDateTime(Math.floor(ms / 1000) * 1_000_000, timeZone)
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`
}

/**
 * `java.sql.Timestamp.toString`: `2020-07-15 00:10:01.0`, `2020-07-15 00:10:01.25`.
 * Java prints it in the JVM's default zone, not the session's; Sluice's stand-in for
 * that zone is UTC (the default of its spark.sql.session.timeZone).
 */
export function javaTimestampString(ms: number): string {
  const millis = ((ms % 1000) + 1000) % 1000
  return `${timestampSeconds(ms)}.${millis === 0 ? '0' : pad(millis, 3).replace(/0+$/, '')}`
}

/** A time-travel timestamp before the table's first commit. */
export function timestampEarlierThanCommit(wanted: number, first: number, timeZone = 'UTC'): AnalysisError {
  return new AnalysisError('DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION', `The provided timestamp (${javaTimestampString(wanted)}) is before the earliest version available to this table (${javaTimestampString(first)}). Please use a timestamp after ${timestampSeconds(first, timeZone)}.`, {
    userTimestamp: javaTimestampString(wanted), commitTs: javaTimestampString(first), timestampString: timestampSeconds(first, timeZone),
  })
}

/** A time-travel (or startingTimestamp) timestamp after the table's last commit. */
export function timestampGreaterThanCommit(wanted: number, last: number, timeZone = 'UTC'): AnalysisError {
  return new AnalysisError('DELTA_TIMESTAMP_GREATER_THAN_COMMIT', `The provided timestamp (${javaTimestampString(wanted)}) is after the latest version available to this table (${javaTimestampString(last)}). Please use a timestamp before or at ${timestampSeconds(last, timeZone)}.`, {
    providedTimestamp: javaTimestampString(wanted), tableName: javaTimestampString(last), maximumTimestamp: timestampSeconds(last, timeZone),
  })
}
