import { randomUUID } from 'node:crypto'
import { AnalysisError, schemaToJson, type DeltaFilesSpec, type StructType } from '@sluice/shared'
import type { DeltaMetadata, DeltaProtocol } from './delta-actions.js'
import { metadataMismatch, notADeltaTable, unsupportedWriteFeature } from './delta-errors.js'
import { loadSnapshot, type DeltaSnapshot } from './delta-snapshot.js'
import { asNullable, checkNoDuplicateColumns, findField, mergeWriteSchema } from './delta-write-schema.js'
import type { DeltaWriteOptions } from './delta-writer.js'

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

function checkWritable(tablePath: string, protocol: DeltaProtocol): void {
  if (protocol.minWriterVersion > 2 && protocol.minWriterVersion !== 7) throw unsupportedWriteFeature(tablePath, [`writerVersion ${protocol.minWriterVersion}`])
  const unknown = (protocol.writerFeatures ?? []).filter((f) => !SUPPORTED_WRITER_FEATURES.has(f))
  if (unknown.length > 0) throw unsupportedWriteFeature(tablePath, unknown)
}

/** The schema, input-column sources and partitioning of a new table, or of one whose schema is overwritten. */
function newLayout(options: Omit<DeltaWriteOptions, 'rows'>): { schema: StructType; sources: number[]; partitionBy: string[] } {
  const partitionBy = (options.partitionBy ?? []).map((c) => options.schema.fields[findField(options.schema.fields, c)]?.name ?? c)
  return { schema: asNullable(options.schema), sources: options.schema.fields.map((_, i) => i), partitionBy }
}

/**
 * Delta's `ImplicitMetadataOperation.updateMetadata` on an existing table: the data's
 * schema merged into the table's; a changed schema needs mergeSchema, and a
 * partitionBy that differs from the table's fails, both with Delta's mismatch text.
 */
function mergedLayout(snapshot: DeltaSnapshot, options: Omit<DeltaWriteOptions, 'rows'>, overwrite: boolean): { schema: StructType; sources: number[]; partitionBy: string[] } {
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
 * What a write will commit, decided from the latest snapshot and the data's schema before
 * any row is written: the table's (possibly merged) schema and partitioning, where each
 * table column comes from in the input rows, and the metadata action if it changes.
 * `skipped` says the write has nothing to do (txn already applied, or mode ignore).
 */
export interface DeltaWritePlan {
  readonly tablePath: string
  readonly options: Omit<DeltaWriteOptions, 'rows'>
  readonly snapshot: DeltaSnapshot | null
  readonly readVersion: number
  readonly schema: StructType
  readonly sources: readonly number[]
  readonly partitionBy: readonly string[]
  readonly configuration: Readonly<Record<string, string>>
  readonly metadata?: DeltaMetadata
  readonly skipped?: 'txn' | 'ignore'
}

export type { DeltaFilesSpec } from '@sluice/shared'

/** Phase zero of a write, on the coordinator: checks and the table layout (see DeltaWritePlan). */
export async function planDeltaWrite(tablePath: string, options: Omit<DeltaWriteOptions, 'rows'>): Promise<DeltaWritePlan> {
  const snapshot = await tryLoadSnapshot(tablePath)
  const readVersion = snapshot?.version ?? -1
  const skip = (skipped: 'txn' | 'ignore'): DeltaWritePlan => ({
    tablePath, options, snapshot, readVersion, schema: options.schema, sources: [], partitionBy: [], configuration: {}, skipped,
  })
  if (snapshot) {
    if (options.mode === 'error') {
      throw new AnalysisError('DELTA_PATH_EXISTS', `Cannot write to already existent path ${tablePath} without setting OVERWRITE = 'true'.`, { path: tablePath })
    }
    if (options.mode === 'ignore') return skip('ignore')
    checkWritable(tablePath, snapshot.protocol)
    if (options.txn && (snapshot.txnVersions.get(options.txn.appId) ?? -1) >= options.txn.version) return skip('txn')
  }
  checkNoDuplicateColumns(options.schema)
  const overwrite = options.mode === 'overwrite'
  const replaceSchema = !snapshot || (overwrite && options.overwriteSchema === true && options.replaceWhere === undefined)
  const { schema, partitionBy, sources } = replaceSchema ? newLayout(options) : mergedLayout(snapshot!, options, overwrite)
  for (const column of partitionBy) {
    if (findField(schema.fields, column) < 0) throw new AnalysisError('DELTA_PARTITION_COLUMN_NOT_FOUND', `Partition column \`${column}\` not found in schema [${schema.fields.map((f) => f.name).join(', ')}].`, { columnName: column })
  }
  const configuration = { ...(snapshot?.metadata.configuration ?? {}), ...(snapshot ? {} : options.configuration ?? {}) }
  const sameLayout = snapshot !== null && schemaToJson(schema) === schemaToJson(snapshot.schema) &&
    partitionBy.length === snapshot.partitionColumns.length && partitionBy.every((c, i) => c === snapshot.partitionColumns[i])
  const metadataChanged = !sameLayout || (overwrite && options.configuration !== undefined)
  if (metadataChanged && options.dataChange === false) {
    throw dataChangeFalse(!snapshot ? 'Create a Delta table' : replaceSchema ? 'Overwrite the Delta table schema or change the partition schema' : 'Change the Delta table schema')
  }
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
  return { tablePath, options, snapshot, readVersion, schema, sources, partitionBy, configuration, ...(metadata ? { metadata } : {}) }
}

export function deltaFilesSpec(plan: DeltaWritePlan): DeltaFilesSpec {
  return {
    tablePath: plan.tablePath,
    inputSchema: plan.options.schema,
    tableSchema: plan.schema,
    sources: plan.sources,
    partitionBy: plan.partitionBy,
    maxRecordsPerFile: plan.options.maxRecordsPerFile ?? 0,
    dataChange: plan.options.dataChange !== false,
  }
}

