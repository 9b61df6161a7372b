import type { Row, StructType } from '@sluice/shared'
import { writeDeltaBatch, type DeltaWriteOptions, type DeltaWriteResult } from './delta-writer.js'

/**
 * Options of the streaming Delta sink. Also accepted as the query's raw string
 * options (`writeStream.format("delta").option(...)`, keys lower-cased or not):
 * `mergeSchema` "true", `maxRecordsPerFile` "N".
 */
export interface DeltaSinkOptions {
  /** `option("mergeSchema", true)`. */
  readonly mergeSchema?: boolean
  /** Table properties for a table the sink creates. */
  readonly configuration?: Readonly<Record<string, string>>
  readonly maxRecordsPerFile?: number
}

/**
 * The write options of micro-batch `batchId` of query `queryId` (Delta's DeltaSink):
 * `txn(appId = queryId, version = batchId)` makes a replayed batch a no-op; complete mode
 * overwrites the table (schema included); the operation is STREAMING UPDATE.
 */
export function deltaSinkWriteOptions(
  queryId: string,
  batchId: number,
  schema: StructType,
  outputMode: 'append' | 'complete',
  partitionBy: readonly string[] = [],
  options: DeltaSinkOptions | Readonly<Record<string, string>> = {},
): Omit<DeltaWriteOptions, 'rows'> {
  const raw = options as Readonly<Record<string, unknown>>
  const option = (name: string): unknown => raw[name] ?? raw[name.toLowerCase()]
  const mergeSchema = option('mergeSchema') === true || String(option('mergeSchema')).toLowerCase() === 'true'
  const maxRecords = Number(option('maxRecordsPerFile') ?? 0)
  const configuration = typeof raw['configuration'] === 'object' ? (raw['configuration'] as Record<string, string>) : undefined
  const complete = outputMode === 'complete'
  return {
    schema,
    mode: complete ? 'overwrite' : 'append',
    overwriteSchema: complete,
    partitionBy,
    txn: { appId: queryId, version: batchId },
    operation: 'STREAMING UPDATE',
    operationParameters: { outputMode: complete ? 'Complete' : 'Append', queryId, epochId: String(batchId) },
    mergeSchema,
    ...(configuration ? { configuration } : {}),
    ...(Number.isFinite(maxRecords) && maxRecords > 0 ? { maxRecordsPerFile: maxRecords } : {}),
  }
}

/**
 * `DeltaSink.addBatch` in one process: commits micro-batch `batchId` of query `queryId`
 * as one table version (see `deltaSinkWriteOptions`). A batch whose txn version is
 * already in the table is skipped; an append batch without rows commits nothing.
 */
export async function deltaSinkAddBatch(
  tablePath: string,
  queryId: string,
  batchId: number,
  rows: readonly Row[],
  schema: StructType,
  outputMode: 'append' | 'complete',
  partitionBy: readonly string[] = [],
  options: DeltaSinkOptions | Readonly<Record<string, string>> = {},
): Promise<DeltaWriteResult> {
  if (outputMode !== 'complete' && rows.length === 0) {
    return { committed: false, version: -1, addedFiles: [], removedFiles: 0, numOutputRows: 0, skipped: 'empty' }
  }
  return writeDeltaBatch(tablePath, { ...deltaSinkWriteOptions(queryId, batchId, schema, outputMode, partitionBy, options), rows })
}
