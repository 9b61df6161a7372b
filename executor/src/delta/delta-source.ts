import { AnalysisError } from '@sluice/shared'
import type { DeltaAddFile } from './delta-actions.js'
import { listDeltaLog, readCommitActions } from './delta-log-store.js'
import { notADeltaTable } from './delta-errors.js'

/** One data file a streaming read picks up: offset (version, index of the add within the commit). */
export interface DeltaFileChange {
  readonly version: number
  readonly index: number
  readonly add: DeltaAddFile
}

/** Options of `deltaChangesSince`. */
export interface DeltaChangesOptions {
  /** `skipChangeCommits`: ignore commits that remove data (their adds too) instead of failing. */
  readonly skipChangeCommits?: boolean
  /** Most files to return (`maxFilesPerTrigger`); whole commits are not required to fit. */
  readonly maxFiles?: number
  /** Last version to look at (inclusive); the latest by default. */
  readonly endVersion?: number
}

/**
 * The `add` actions with dataChange=true after offset (startVersion, startIndex),
 * in log order (index -1 means from the start of `startVersion`). A commit that
 * removes data fails the stream with DELTA_SOURCE_TABLE_IGNORE_CHANGES unless
 * `skipChangeCommits`, as Delta's streaming source does.
 */
export async function deltaChangesSince(tablePath: string, startVersion: number, startIndex = -1, options: DeltaChangesOptions = {}): Promise<DeltaFileChange[]> {
  const listing = await listDeltaLog(tablePath)
  if (!listing || listing.commitVersions.length === 0) throw notADeltaTable(tablePath)
  const last = Math.min(options.endVersion ?? Infinity, listing.commitVersions.at(-1)!)
  const present = new Set(listing.commitVersions)
  const limit = options.maxFiles ?? Infinity
  const out: DeltaFileChange[] = []
  for (let version = startVersion; version <= last && out.length < limit; version++) {
    if (!present.has(version)) {
      throw new AnalysisError('DELTA_FILE_NOT_FOUND_DETAILED', `The commit ${version} of ${tablePath} is missing: the stream cannot continue from version ${startVersion}.`, { version: String(version) })
    }
    const actions = await readCommitActions(tablePath, version)
    const removesData = actions.some((a) => a.remove && a.remove.dataChange !== false)
    if (removesData) {
      if (options.skipChangeCommits) continue
      throw new AnalysisError('DELTA_SOURCE_TABLE_IGNORE_CHANGES', `Detected a data update (for example ${String(actions.find((a) => a.commitInfo)?.commitInfo?.['operation'] ?? 'a delete or overwrite')}) in the source table at version ${version}. This is currently not supported. If this is going to happen regularly and you are okay to skip changes, set the option 'skipChangeCommits' to 'true'.`, {
        version: String(version), tablePath,
      })
    }
    let index = -1
    for (const action of actions) {
      if (!action.add) continue
      index++
      if (version === startVersion && index <= startIndex) continue
      if (action.add.dataChange === false) continue
      out.push({ version, index, add: action.add })
      if (out.length >= limit) break
    }
  }
  return out
}
