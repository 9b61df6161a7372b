import { randomUUID } from 'node:crypto'
import { AnalysisError, schemaToJson, type Row, type StructType } from '@sluice/shared'
import { decodeDeltaPath, type DeltaAction, type DeltaAddFile, type DeltaMetadata, type DeltaProtocol } from './delta-actions.js'
import { checkCommitConflicts } from './delta-conflicts.js'
import { metadataMismatch, notADeltaTable, unsupportedWriteFeature } from './delta-errors.js'
import { readCommitActions, writeCommitIfAbsent } from './delta-log-store.js'
import { writeDataFiles } from './delta-data-files.js'
import { asNullable, checkNoDuplicateColumns, checkNotNull, findField, mergeWriteSchema } from './delta-write-schema.js'
import { conformRows } from './delta-conform-rows.js'
import { checkRowsMatch, compileReplaceWhere, filesToReplace } from './delta-replace-where.js'

import { loadSnapshot, type DeltaSnapshot } from './delta-snapshot.js'
import { maybeWriteCheckpoint } from './delta-checkpoint-policy.js'

/** Save modes of `df.write.format("delta").mode(...)`. */
export type DeltaSaveMode = 'append' | 'overwrite' | 'error' | 'ignore'

/** One write of rows into a Delta table. */
export interface DeltaWriteOptions {
  /** Rows of `schema` (internal values). */
  readonly rows: readonly Row[]
  readonly schema: StructType
  readonly mode: DeltaSaveMode
  /** Partition columns; must match the table's when it exists (unless the schema is overwritten). */
  readonly partitionBy?: readonly string[]
  /** Idempotent write: skipped when the table's txn version for `appId` is already ≥ `version`. */
  readonly txn?: { readonly appId: string; readonly version: number }
  /** commitInfo.operation; 'WRITE' by default. */
  readonly operation?: string
  /** commitInfo.operationParameters; Spark's for WRITE by default. */
  readonly operationParameters?: Readonly<Record<string, unknown>>
  /** Add columns the table lacks (`option("mergeSchema", true)`). */
  readonly mergeSchema?: boolean
  /** Replace schema and partitioning on overwrite (`option("overwriteSchema", true)`). */
  readonly overwriteSchema?: boolean
  /** Table properties for a new table (`delta.checkpointInterval`, `delta.appendOnly`, …). */
  readonly configuration?: Readonly<Record<string, string>>
  /** `option("replaceWhere", predicate)` on overwrite: replace only the rows it matches; every written row must match it. */
  readonly replaceWhere?: string
  /** `option("dataChange", false)`: the files only rearrange data (adds and removes carry dataChange=false; no metadata change). */
  readonly dataChange?: boolean
  /** `option("userMetadata", text)`: stored as commitInfo.userMetadata. */
  readonly userMetadata?: string
  /** Session time zone for evaluating `replaceWhere` (UTC by default). */
  readonly timeZone?: string
  /** Most rows per data file; 0 or absent for no limit. */
  readonly maxRecordsPerFile?: number
  /** Whether to commit a version that adds and removes nothing on an existing table (false: skip it). */
  readonly commitEmpty?: boolean
  /** Most commit attempts when losing races to non-conflicting commits. */
  readonly maxAttempts?: number
  /** Called after the data files are written, right before the first commit attempt (tests use it to stage races). */
  readonly beforeCommit?: () => Promise<void>
}

/** What a write did. */
export interface DeltaWriteResult {
  /** Whether a new version was committed. */
  readonly committed: boolean
  /** The committed version, or the version read when nothing was committed (-1: no table). */
  readonly version: number
  readonly addedFiles: readonly DeltaAddFile[]
  readonly removedFiles: number
  readonly numOutputRows: number
  /** Why nothing was committed: 'txn' (batch already in the table), 'ignore' (mode ignore, table exists), 'empty'. */
  readonly skipped?: 'txn' | 'ignore' | 'empty'
}

const MODE_NAMES: Record<DeltaSaveMode, string> = { append: 'Append', overwrite: 'Overwrite', error: 'ErrorIfExists', ignore: 'Ignore' }
const SUPPORTED_WRITER_FEATURES = new Set(['appendOnly', 'invariants', 'timestampNtz'])

/** The snapshot of the latest version, or null when `tablePath` holds no Delta table. */
export async function tryLoadSnapshot(tablePath: string): Promise<DeltaSnapshot | null> {
  try {
    return await loadSnapshot(tablePath)
  } catch (error) {
    if ((error as { errorClass?: string }).errorClass === notADeltaTable(tablePath).errorClass) return null
    throw error
  }
}

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

function checkWritable(tablePath: string, protocol: DeltaProtocol): void {
  if (protocol.minWriterVersion > 2 && protocol.minWriterVersion !== 7) throw unsupportedWriteFeature(tablePath, [`writerVersion ${protocol.minWriterVersion}`])
  const unknown = (protocol.writerFeatures ?? []).filter((f) => !SUPPORTED_WRITER_FEATURES.has(f))
  if (unknown.length > 0) throw unsupportedWriteFeature(tablePath, unknown)
}

/** The schema, input-column sources and partitioning of a new table, or of one whose schema is overwritten. */
function newLayout(options: DeltaWriteOptions): { schema: StructType; sources: number[]; partitionBy: string[] } {
  const partitionBy = (options.partitionBy ?? []).map((c) => options.schema.fields[findField(options.schema.fields, c)]?.name ?? c)
  return { schema: asNullable(options.schema), sources: options.schema.fields.map((_, i) => i), partitionBy }
}

/**
 * Delta's `ImplicitMetadataOperation.updateMetadata` on an existing table: the data's
 * schema merged into the table's; a changed schema needs mergeSchema, and a
 * partitionBy that differs from the table's fails, both with Delta's mismatch text.
 */
function mergedLayout(snapshot: DeltaSnapshot, options: DeltaWriteOptions, overwrite: boolean): { schema: StructType; sources: number[]; partitionBy: string[] } {
  const { schema, sources } = mergeWriteSchema(snapshot.schema, options.schema)
  const isNewSchema = schemaToJson(schema) !== schemaToJson(snapshot.schema)
  const given = (options.partitionBy ?? []).map((c) => schema.fields[findField(schema.fields, c)]?.name ?? c)
  const table = snapshot.partitionColumns
  const isNewPartitioning = given.length > 0 && (given.length !== table.length || given.some((c, i) => c.toLowerCase() !== table[i]!.toLowerCase()))
  if ((isNewSchema && options.mergeSchema !== true) || isNewPartitioning) {
    throw metadataMismatch({
      tableId: snapshot.metadata.id,
      ...(isNewSchema ? { schema: { table: snapshot.schema, data: asNullable(options.schema) } } : {}),
      ...(isNewPartitioning ? { partitioning: { table, given } } : {}),
      overwrite,
    })
  }
  return { schema, sources, partitionBy: [...table] }
}

function dataChangeFalse(operation: string): AnalysisError {
  return new AnalysisError('DELTA_DATA_CHANGE_FALSE', `Cannot change table metadata because the 'dataChange' option is set to false. Attempted operation: '${operation}'.`, { op: operation })
}

/**
 * Writes `rows` into the Delta table at `tablePath` as one commit: Parquet files
 * (partition folders `k=v`), then `_delta_log/NNNNNNNNNNNNNNNNNNNN.json` created
 * only if absent. A lost race is retried on top of the winner unless its actions
 * conflict (then a DELTA_CONCURRENT_* / DELTA_METADATA_CHANGED error). Every
 * `delta.checkpointInterval` versions (10) a Parquet checkpoint follows.
 */
export async function writeDeltaBatch(tablePath: string, options: DeltaWriteOptions): Promise<DeltaWriteResult> {
  const snapshot = await tryLoadSnapshot(tablePath)
  const readVersion = snapshot?.version ?? -1
  const nothing = (skipped: DeltaWriteResult['skipped']): DeltaWriteResult => ({ committed: false, version: readVersion, addedFiles: [], removedFiles: 0, numOutputRows: 0, skipped })
  if (snapshot) {
    if (options.mode === 'error') {
      throw new AnalysisError('DELTA_PATH_EXISTS', `Cannot write to already existent path ${tablePath} without setting OVERWRITE = 'true'.`, { path: tablePath })
    }
    if (options.mode === 'ignore') return nothing('ignore')
    checkWritable(tablePath, snapshot.protocol)
    if (options.txn && (snapshot.txnVersions.get(options.txn.appId) ?? -1) >= options.txn.version) return nothing('txn')
  }
  checkNoDuplicateColumns(options.schema)
  const overwrite = options.mode === 'overwrite'
  const dataChange = options.dataChange !== false
  const replaceSchema = !snapshot || (overwrite && options.overwriteSchema === true && options.replaceWhere === undefined)
  const layout = replaceSchema ? newLayout(options) : mergedLayout(snapshot!, options, overwrite)
  const { schema, partitionBy } = layout
  const { rows, sources } = conformRows(options.rows, options.schema, schema, layout.sources)
  for (const column of partitionBy) {
    if (findField(schema.fields, column) < 0) throw new AnalysisError('DELTA_PARTITION_COLUMN_NOT_FOUND', `Partition column \`${column}\` not found in schema [${schema.fields.map((f) => f.name).join(', ')}].`, { columnName: column })
  }
  const configuration = { ...(snapshot?.metadata.configuration ?? {}), ...(snapshot ? {} : options.configuration ?? {}) }
  const sameLayout = snapshot !== null && schemaToJson(schema) === schemaToJson(snapshot.schema) &&
    partitionBy.length === snapshot.partitionColumns.length && partitionBy.every((c, i) => c === snapshot.partitionColumns[i])
  const metadataChanged = !sameLayout || (overwrite && options.configuration !== undefined)
  if (metadataChanged && !dataChange) throw dataChangeFalse(!snapshot ? 'Create a Delta table' : replaceSchema ? 'Overwrite the Delta table schema or change the partition schema' : 'Change the Delta table schema')
  const metadata: DeltaMetadata | undefined = metadataChanged
    ? {
      id: snapshot?.metadata.id ?? randomUUID(),
      format: { provider: 'parquet', options: {} },
      schemaString: schemaToJson(schema),
      partitionColumns: partitionBy,
      configuration: overwrite && options.configuration ? { ...configuration, ...options.configuration } : configuration,
      createdTime: snapshot?.metadata.createdTime ?? Date.now(),
    }
    : undefined
  const timeZone = options.timeZone ?? 'UTC'
  const replaceWhere = options.replaceWhere !== undefined && overwrite ? compileReplaceWhere(options.replaceWhere, schema, timeZone) : undefined
  if (replaceWhere) checkRowsMatch(replaceWhere, schema, rows.map((row) => sources.map((s) => (s >= 0 ? row[s] ?? null : null))), timeZone)
  const replaced = replaceWhere && snapshot ? await filesToReplace(tablePath, schema, partitionBy, snapshot.files, replaceWhere) : undefined
  const removes = replaced ? replaced.removes : overwrite && snapshot ? snapshot.files : []
  if (removes.length > 0 && configuration['delta.appendOnly'] === 'true') {
    throw new AnalysisError('DELTA_CANNOT_MODIFY_APPEND_ONLY', `This table is configured to only allow appends. If you would like to permit updates or deletes, use 'ALTER TABLE ${tablePath} SET TBLPROPERTIES (delta.appendOnly=false)'.`, { table_name: tablePath, config: 'delta.appendOnly' })
  }
  if (rows.length === 0 && removes.length === 0 && !metadataChanged && options.commitEmpty !== true && !options.txn) return nothing('empty')

  checkNotNull(tablePath, schema, sources, rows)
  const maxRecords = options.maxRecordsPerFile ?? 0
  const addedFiles = [
    ...await writeDataFiles(tablePath, schema, sources, partitionBy, rows, maxRecords),
    ...await writeDataFiles(tablePath, schema, schema.fields.map((_, i) => i), partitionBy, replaced?.keptRows ?? [], maxRecords),
  ].map((add) => (dataChange ? add : { ...add, dataChange: false }))
  const numOutputRows = rows.length + (replaced?.keptRows.length ?? 0)
  const now = Date.now()
  const numOutputBytes = addedFiles.reduce((sum, f) => sum + f.size, 0)
  const operationParameters = options.operationParameters ?? {
    mode: MODE_NAMES[options.mode], partitionBy: JSON.stringify(partitionBy), ...(replaceWhere ? { predicate: JSON.stringify([replaceWhere.text]) } : {}),
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

