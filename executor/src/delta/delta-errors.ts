import { AnalysisError, ExecutionError, SluiceError, GrpcStatus, treeString, type StructType } from '@sluice/shared'

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

/** A write whose schema or partitioning differs from the table's without mergeSchema / overwriteSchema: Delta's text, part by part. */
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
  return new AnalysisError('DELTA_METADATA_MISMATCH', parts.join('\n'), { tableId: mismatch.tableId })
}
