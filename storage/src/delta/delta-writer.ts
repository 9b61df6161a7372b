import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Row, StructType } from '@sluice/shared'
import { decodeDeltaPath, type DeltaAddFile } from './delta-actions.js'
import { taskAbortedError, throwIfAborted } from '../io/task-abort.js'
import { checkNotAppendOnly, commitDeltaWrite } from './delta-commit.js'
import { conformRows } from './delta-conform-rows.js'
import { writeDataFiles, type DeltaFileNaming } from './delta-data-files.js'
import { checkRowsMatch, compileReplaceWhere, filesToReplace } from './delta-replace-where.js'
import { checkNotNull } from './delta-write-schema.js'
import { deltaFilesSpec, planDeltaWrite, type DeltaFilesSpec, type DeltaWritePlan } from './delta-write-plan.js'

export { planDeltaWrite, deltaFilesSpec, tryLoadSnapshot, type DeltaWritePlan, type DeltaFilesSpec } from './delta-write-plan.js'
export { commitDeltaWrite } from './delta-commit.js'

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

/** Phase one's options: the abort signal and how the files are named (a task attempt's job id, the first part number). */
export interface DeltaFilesWriteOptions extends DeltaFileNaming {
  readonly signal?: AbortSignal
}

/**
 * Phase one, on an executor: rows (of the input schema) into Parquet data files of the
 * table; their add actions. Aborted by `options.signal`, it deletes the files it wrote
 * and rejects with an AbortError.
 */
export async function writeDeltaFiles(spec: DeltaFilesSpec, inputRows: readonly Row[], options: DeltaFilesWriteOptions = {}): Promise<DeltaAddFile[]> {
  throwIfAborted(options.signal)
  const { rows, sources } = conformRows(inputRows, spec.inputSchema, spec.tableSchema, spec.sources)
  checkNotNull(spec.tablePath, spec.tableSchema, sources, rows)
  if (spec.replaceWhere) {
    const { predicate, timeZone } = spec.replaceWhere
    const tableRows = rows.map((row) => sources.map((s) => (s >= 0 ? row[s] ?? null : null)))
    checkRowsMatch(compileReplaceWhere(predicate, spec.tableSchema, timeZone), spec.tableSchema, tableRows, timeZone)
  }
  const adds = await writeDataFiles(spec.tablePath, spec.tableSchema, sources, spec.partitionBy, rows, spec.maxRecordsPerFile, options)
  if (options.signal?.aborted) {
    await Promise.all(adds.map((add) => rm(join(spec.tablePath, decodeDeltaPath(add.path)), { force: true })))
    throw taskAbortedError(options.signal)
  }
  return spec.dataChange ? adds : adds.map((add) => ({ ...add, dataChange: false }))
}

/** What a task's rewrite of table files (`DeltaFilesSpec.rewrite`) did. */
export interface DeltaRewrite {
  /** The add actions of the files of kept rows. */
  readonly added: DeltaAddFile[]
  /** The rewritten files (each held a row the predicate matches), to remove. */
  readonly removed: DeltaAddFile[]
  /** Rows written again. */
  readonly numRows: number
}

/**
 * Phase one of a replaceWhere overwrite, on an executor: the files of `spec.rewrite`
 * holding a row `spec.replaceWhere` matches are replaced by their other rows (Delta's
 * delete by predicate); files without one stay. Aborted by `options.signal`, it deletes
 * what it wrote.
 */
export async function rewriteDeltaFiles(spec: DeltaFilesSpec, options: DeltaFilesWriteOptions = {}): Promise<DeltaRewrite> {
  const files = spec.rewrite ?? []
  if (!spec.replaceWhere || files.length === 0) return { added: [], removed: [], numRows: 0 }
  throwIfAborted(options.signal)
  const { predicate, timeZone } = spec.replaceWhere
  const replaceWhere = compileReplaceWhere(predicate, spec.tableSchema, timeZone)
  const { removes, keptRows } = await filesToReplace(spec.tablePath, spec.tableSchema, spec.partitionBy, files, replaceWhere)
  // Kept rows are rows of the table schema; they need not match the predicate.
  const { replaceWhere: _checked, rewrite: _files, ...plain } = spec
  const added = await writeDeltaFiles({ ...plain, inputSchema: spec.tableSchema, sources: spec.tableSchema.fields.map((_, i) => i) }, keptRows, options)
  return { added, removed: removes, numRows: keptRows.length }
}

/** The result of a plan that commits nothing. */
export function uncommitted(plan: DeltaWritePlan, skipped: DeltaWriteResult['skipped']): DeltaWriteResult {
  return { committed: false, version: plan.readVersion, addedFiles: [], removedFiles: 0, numOutputRows: 0, ...(skipped ? { skipped } : {}) }
}

/**
 * Writes `rows` into the Delta table at `tablePath` as one commit: Parquet files
 * (partition folders `k=v`), then the commit (see `commitDeltaWrite`). With
 * `replaceWhere`, only the matching rows are replaced (files rewritten keep the others).
 */
export async function writeDeltaBatch(tablePath: string, options: DeltaWriteOptions): Promise<DeltaWriteResult> {
  const plan = await planDeltaWrite(tablePath, options)
  if (plan.skipped) return uncommitted(plan, plan.skipped)
  const { snapshot, schema, partitionBy } = plan
  const overwrite = options.mode === 'overwrite'
  const timeZone = options.timeZone ?? 'UTC'
  const replaceWhere = options.replaceWhere !== undefined && overwrite ? compileReplaceWhere(options.replaceWhere, schema, timeZone) : undefined
  if (replaceWhere) {
    const { rows, sources } = conformRows(options.rows, options.schema, schema, plan.sources)
    checkRowsMatch(replaceWhere, schema, rows.map((row) => sources.map((s) => (s >= 0 ? row[s] ?? null : null))), timeZone)
  }
  const replaced = replaceWhere && snapshot ? await filesToReplace(tablePath, schema, partitionBy, snapshot.files, replaceWhere) : undefined
  const removes = replaced ? replaced.removes : overwrite && snapshot ? snapshot.files : []
  if (removes.length > 0) checkNotAppendOnly(plan)
  if (options.rows.length === 0 && removes.length === 0 && !plan.metadata && options.commitEmpty !== true && !options.txn) return uncommitted(plan, 'empty')
  const spec = deltaFilesSpec(plan)
  const addedFiles = [
    ...await writeDeltaFiles(spec, options.rows),
    ...await writeDeltaFiles({ ...spec, inputSchema: schema, sources: schema.fields.map((_, i) => i) }, replaced?.keptRows ?? []),
  ]
  return commitDeltaWrite(plan, addedFiles, removes, options.rows.length + (replaced?.keptRows.length ?? 0), replaceWhere?.text)
}
