import { randomUUID } from 'node:crypto'
import { AnalysisError, type StructType } from '@sluice/shared'
import { decodeDeltaPath, type DeltaAction, type DeltaAddFile, type DeltaProtocol } from './delta-actions.js'
import { checkCommitConflicts } from './delta-conflicts.js'
import { readCommitActions, writeCommitIfAbsent } from './delta-log-store.js'
import { maybeWriteCheckpoint } from './delta-checkpoint-policy.js'
import type { DeltaWritePlan } from './delta-write-plan.js'
import type { DeltaSaveMode, DeltaWriteResult } from './delta-writer.js'

const MODE_NAMES: Record<DeltaSaveMode, string> = { append: 'Append', overwrite: 'Overwrite', error: 'ErrorIfExists', ignore: 'Ignore' }
const containsNtz = (type: StructType['fields'][number]['dataType']): boolean =>
  type.kind === 'timestamp_ntz' ||
  (type.kind === 'array' && containsNtz(type.elementType)) ||
  (type.kind === 'map' && (containsNtz(type.keyType) || containsNtz(type.valueType))) ||
  (type.kind === 'struct' && type.fields.some((f) => containsNtz(f.dataType)))

/**
 * The protocol action the commit needs: (1, 2) for a new table, or the table
 * features (3, 7, timestampNtz) when the schema holds TIMESTAMP_NTZ and the table
 * lacks the feature; undefined when the current protocol suffices.
 */
function protocolFor(schema: StructType, current: DeltaProtocol | undefined): DeltaProtocol | undefined {
  const needsNtz = schema.fields.some((f) => containsNtz(f.dataType))
  if (!needsNtz) return current ? undefined : { minReaderVersion: 1, minWriterVersion: 2 }
  if (current?.readerFeatures?.includes('timestampNtz')) return undefined
  const writerFeatures = new Set(current?.writerFeatures ?? [])
  // Legacy writer version 2 implies these two features.
  if (current && current.minWriterVersion >= 2 && current.minWriterVersion < 7) ['appendOnly', 'invariants'].forEach((f) => writerFeatures.add(f))
  writerFeatures.add('timestampNtz')
  return {
    minReaderVersion: 3,
    minWriterVersion: 7,
    readerFeatures: [...new Set([...(current?.readerFeatures ?? []), 'timestampNtz'])],
    writerFeatures: [...writerFeatures],
  }
}

/** A table with `delta.appendOnly` refuses commits that remove files. */
export function checkNotAppendOnly(plan: DeltaWritePlan): void {
  if (plan.configuration['delta.appendOnly'] !== 'true') return
  throw new AnalysisError('DELTA_CANNOT_MODIFY_APPEND_ONLY', `This table is configured to only allow appends. If you would like to permit updates or deletes, use 'ALTER TABLE ${plan.tablePath} SET TBLPROPERTIES (delta.appendOnly=false)'.`, { table_name: plan.tablePath, config: 'delta.appendOnly' })
}

/**
 * Phase two, on the coordinator: one commit of the plan's metadata, txn, `removes` and
 * `addedFiles`, `_delta_log/NNNNNNNNNNNNNNNNNNNN.json` created only if absent. A lost race
 * is retried on top of the winner unless its actions conflict (then a DELTA_CONCURRENT_* /
 * DELTA_METADATA_CHANGED error). Every `delta.checkpointInterval` versions (10) a Parquet
 * checkpoint follows.
 */
export async function commitDeltaWrite(
  plan: DeltaWritePlan,
  addedFiles: readonly DeltaAddFile[],
  removes: readonly DeltaAddFile[],
  numOutputRows: number,
  replaceWherePredicate?: string,
): Promise<DeltaWriteResult> {
  const { tablePath, options, readVersion, schema, partitionBy, configuration, metadata, snapshot } = plan
  if (removes.length > 0) checkNotAppendOnly(plan)
  const overwrite = options.mode === 'overwrite'
  const dataChange = options.dataChange !== false
  const now = Date.now()
  const numOutputBytes = addedFiles.reduce((sum, f) => sum + f.size, 0)
  const operationParameters = options.operationParameters ?? {
    mode: MODE_NAMES[options.mode], partitionBy: JSON.stringify(partitionBy), ...(replaceWherePredicate !== undefined ? { predicate: JSON.stringify([replaceWherePredicate]) } : {}),
  }
  const actions: DeltaAction[] = [{
    commitInfo: {
      timestamp: now,
      operation: options.operation ?? 'WRITE',
      operationParameters,
      ...(readVersion >= 0 ? { readVersion } : {}),
      isolationLevel: 'Serializable',
      isBlindAppend: removes.length === 0 && !overwrite,
      operationMetrics: { numFiles: String(addedFiles.length), numOutputRows: String(numOutputRows), numOutputBytes: String(numOutputBytes), ...(removes.length > 0 ? { numRemovedFiles: String(removes.length) } : {}) },
      ...(options.userMetadata !== undefined ? { userMetadata: options.userMetadata } : {}),
      engineInfo: 'Sluice',
      txnId: randomUUID(),
    },
  }]
  const protocol = protocolFor(schema, snapshot?.protocol)
  if (protocol) actions.push({ protocol })
  if (metadata) actions.push({ metaData: metadata })
  if (options.txn) actions.push({ txn: { appId: options.txn.appId, version: options.txn.version, lastUpdated: now } })
  for (const file of removes) {
    actions.push({ remove: { path: file.path, deletionTimestamp: now, dataChange, extendedFileMetadata: true, partitionValues: file.partitionValues, size: file.size } })
  }
  for (const add of addedFiles) actions.push({ add })

  const footprint = { tablePath, readWholeTable: overwrite, removedPaths: new Set(removes.map((f) => decodeDeltaPath(f.path))), appId: options.txn?.appId }
  await options.beforeCommit?.()
  const maxAttempts = options.maxAttempts ?? 100
  let version = readVersion + 1
  for (let attempt = 0; ; attempt++) {
    if (await writeCommitIfAbsent(tablePath, version, actions)) break
    if (attempt + 1 >= maxAttempts) {
      throw new AnalysisError('DELTA_MAX_COMMIT_RETRIES_EXCEEDED', `This commit to ${tablePath} has failed as it has been tried ${maxAttempts} times but did not succeed.`, { numAttempts: String(maxAttempts) })
    }
    checkCommitConflicts(footprint, version, await readCommitActions(tablePath, version))
    version++
  }
  await maybeWriteCheckpoint(tablePath, version, configuration)
  return { committed: true, version, addedFiles, removedFiles: removes.length, numOutputRows }
}

