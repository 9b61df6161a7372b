import type { Row, StructType } from '@sluice/shared'
import { writeDeltaBatch, type DeltaWriteResult } from './delta-writer.js'

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
 * `DeltaSink.addBatch`: commits micro-batch `batchId` of query `queryId` as one
 * table version with `txn(appId = queryId, version = batchId)`. A batch whose
 * txn version is already in the table is skipped (idempotent replay after a
 * restart); complete mode removes every current file first; an append batch
 * without rows commits nothing. Returns whether it committed.
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
  const raw = options as Readonly<Record<string, unknown>>
  const option = (name: string): unknown => raw[name] ?? raw[name.toLowerCase()]
  const mergeSchema = option('mergeSchema') === true || String(option('mergeSchema')).toLowerCase() === 'true'
  const maxRecords = Number(option('maxRecordsPerFile') ?? 0)
  const configuration = typeof raw['configuration'] === 'object' ? (raw['configuration'] as Record<string, string>) : undefined
  const complete = outputMode === 'complete'
  if (!complete && rows.length === 0) {
    return { committed: false, version: -1, addedFiles: [], removedFiles: 0, numOutputRows: 0, skipped: 'empty' }
  }
  return writeDeltaBatch(tablePath, {
    rows,
    schema,
    mode: complete ? 'overwrite' : 'append',
    overwriteSchema: complete,
    partitionBy,
    txn: { appId: queryId, version: batchId },
    operation: 'STREAMING UPDATE',
    operationParameters: { outputMode: complete ? 'Complete' : 'Append', queryId, epochId: String(batchId) },
    mergeSchema,
    configuration,
    maxRecordsPerFile: Number.isFinite(maxRecords) && maxRecords > 0 ? maxRecords : undefined,
  })
}
