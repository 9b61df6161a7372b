import { schemaFromJson, type StructType } from '@sluice/shared'
import type { DeltaAction, DeltaAddFile } from './delta-actions.js'
import { listDeltaLog, readCommitActions } from './delta-log-store.js'
import { notADeltaTable, sourceIgnoreChanges, sourceIgnoreDelete, sourceSchemaChanged, streamDataLoss } from './delta-errors.js'
import { findField } from './delta-write-schema.js'

/** One data file a streaming read picks up: offset (version, index of the add within the commit). */
export interface DeltaFileChange {
  readonly version: number
  readonly index: number
  readonly add: DeltaAddFile
}

/** Options of `deltaChangesSince` (the Delta source's read options). */
export interface DeltaChangesOptions {
  /** `skipChangeCommits`: ignore commits that remove data (their adds too) instead of failing. */
  readonly skipChangeCommits?: boolean
  /** `ignoreDeletes`: let commits that only remove data pass. */
  readonly ignoreDeletes?: boolean
  /** `ignoreChanges`: let commits that rewrite data pass, their added files streamed again. */
  readonly ignoreChanges?: boolean
  /** Most files to return (`maxFilesPerTrigger`); whole commits are not required to fit. */
  readonly maxFiles?: number
  /** Soft limit on the bytes of the files returned (`maxBytesPerTrigger`); at least one file is taken. */
  readonly maxBytes?: number
  /** Last version to look at (inclusive); the latest by default. */
  readonly endVersion?: number
  /** The stream's schema: a commit whose table schema it cannot read fails the stream. */
  readonly readSchema?: StructType
  /** Whether the query set startingVersion / startingTimestamp (changes the schema-change error). */
  readonly startingOption?: boolean
  /** `failOnDataLoss` (true by default): commits missing from the log fail the stream instead of being skipped. */
  readonly failOnDataLoss?: boolean
}

/** Admission by files and bytes as Delta's source does: a file is taken while capacity remains before it. */
export class AdmissionLimits {
  #files: number
  #bytes: number
  constructor(maxFiles = Infinity, maxBytes = Infinity) {
    this.#files = maxFiles
    this.#bytes = maxBytes
  }

  get hasCapacity(): boolean { return this.#files > 0 && this.#bytes > 0 }

  admit(size: number): boolean {
    if (!this.hasCapacity) return false
    this.#files--
    this.#bytes -= size
    return true
  }
}

/** Whether data written with `data` can be read as `read`: each of its columns is there with the same type. */
function readCompatible(data: StructType, read: StructType): boolean {
  const strip = (t: unknown): string => JSON.stringify(t, (k, v) => (k === 'nullable' || k === 'containsNull' || k === 'valueContainsNull' || k === 'metadata' ? undefined : v))
  return data.fields.every((f) => {
    const at = findField(read.fields, f.name)
    return at >= 0 && strip(read.fields[at]!.dataType) === strip(f.dataType)
  })
}

const operationText = (actions: readonly DeltaAction[]): string | undefined => {
  const info = actions.find((a) => a.commitInfo)?.commitInfo
  if (typeof info?.['operation'] !== 'string') return undefined
  const parameters = Object.entries((info['operationParameters'] ?? {}) as Record<string, unknown>).map(([k, v]) => `${k} -> ${String(v)}`).join(', ')
  return `${info['operation']} (Map(${parameters}))`
}

/**
 * Delta's `validateCommitAndDecideSkipping`: whether to skip a commit, failing on
 * one that removes data unless an option allows it — a commit that also adds data
 * needs ignoreChanges or skipChangeCommits, a delete-only one ignoreDeletes too.
 */
function skipCommit(tablePath: string, version: number, actions: readonly DeltaAction[], options: DeltaChangesOptions): boolean {
  const remove = actions.find((a) => a.remove && a.remove.dataChange !== false)?.remove
  const metadata = actions.find((a) => a.metaData)?.metaData
  if (metadata && options.readSchema) {
    const schema = schemaFromJson(metadata.schemaString)
    if (!readCompatible(schema, options.readSchema)) throw sourceSchemaChanged(version, options.readSchema, schema, options.startingOption === true)
  }
  if (!remove) return false
  const allowChanges = options.ignoreChanges === true || options.skipChangeCommits === true
  const seenAdd = actions.some((a) => a.add && a.add.dataChange !== false)
  if (seenAdd && !allowChanges) throw sourceIgnoreChanges(tablePath, version, operationText(actions) ?? remove.path)
  if (!seenAdd && !allowChanges && options.ignoreDeletes !== true) throw sourceIgnoreDelete(tablePath, version, remove.path)
  return options.skipChangeCommits === true
}

/**
 * The `add` actions with dataChange=true after offset (startVersion, startIndex),
 * in log order (index -1 means from the start of `startVersion`), within the
 * maxFiles / maxBytes admission limits. Commits that remove data fail the stream
 * unless ignoreDeletes / ignoreChanges / skipChangeCommits allow them. Commits
 * missing from the log (cleaned up) fail it with DELTA_MISSING_FILES_UNEXPECTED_VERSION
 * unless failOnDataLoss is false; then they are skipped (Delta's DeltaLog.getChangeLogFiles).
 */
export async function deltaChangesSince(tablePath: string, startVersion: number, startIndex = -1, options: DeltaChangesOptions = {}): Promise<DeltaFileChange[]> {
  const listing = await listDeltaLog(tablePath)
  if (!listing || listing.commitVersions.length === 0) throw notADeltaTable(tablePath)
  const last = Math.min(options.endVersion ?? Infinity, listing.commitVersions.at(-1)!)
  const limits = new AdmissionLimits(options.maxFiles, options.maxBytes)
  const out: DeltaFileChange[] = []
  let expected = startVersion
  for (const version of listing.commitVersions) {
    if (version < startVersion) continue
    if (version > last || !limits.hasCapacity) break
    if (version > expected && options.failOnDataLoss !== false) throw streamDataLoss(expected, version)
    expected = version + 1
    const actions = await readCommitActions(tablePath, version)
    if (skipCommit(tablePath, version, actions, options)) continue
    let index = -1
    for (const action of actions) {
      if (!action.add) continue
      index++
      if (version === startVersion && index <= startIndex) continue
      if (action.add.dataChange === false) continue
      if (!limits.admit(action.add.size)) break
      out.push({ version, index, add: action.add })
    }
  }
  return out
}
