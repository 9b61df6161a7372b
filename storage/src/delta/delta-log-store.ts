import { randomUUID } from 'node:crypto'
import { link, mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { DeltaAction } from './delta-actions.js'
import { corruptLog } from './delta-errors.js'

/** The `_delta_log` folder of a table. */
export const deltaLogDir = (tablePath: string): string => join(tablePath, '_delta_log')

/** `00000000000000000007.json` for version 7. */
export const commitFileName = (version: number): string => `${String(version).padStart(20, '0')}.json`

/** `00000000000000000010.checkpoint.parquet` for version 10. */
export const checkpointFileName = (version: number): string => `${String(version).padStart(20, '0')}.checkpoint.parquet`

/** What the log folder holds: commit versions and complete checkpoints (file names per version). */
export interface DeltaLogListing {
  /** Sorted ascending. */
  readonly commitVersions: readonly number[]
  /** Version → file names of a complete checkpoint (one, or all parts of a multi-part one). */
  readonly checkpoints: ReadonlyMap<number, readonly string[]>
}

/** Lists `_delta_log`; null when the folder does not exist. */
export async function listDeltaLog(tablePath: string): Promise<DeltaLogListing | null> {
  let names: string[]
  try {
    names = await readdir(deltaLogDir(tablePath))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null
    throw error
  }
  const commits: number[] = []
  const parts = new Map<number, { total: number; names: string[] }>()
  for (const name of names) {
    const commit = /^(\d{20})\.json$/.exec(name)
    if (commit) {
      commits.push(Number(commit[1]))
      continue
    }
    const single = /^(\d{20})\.checkpoint\.parquet$/.exec(name)
    if (single) {
      parts.set(Number(single[1]), { total: 1, names: [name] })
      continue
    }
    const multi = /^(\d{20})\.checkpoint\.(\d{10})\.(\d{10})\.parquet$/.exec(name)
    if (multi) {
      const version = Number(multi[1])
      const entry = parts.get(version) ?? { total: Number(multi[3]), names: [] }
      if (entry.total === Number(multi[3])) entry.names.push(name)
      parts.set(version, entry)
    }
  }
  commits.sort((a, b) => a - b)
  const checkpoints = new Map<number, readonly string[]>()
  for (const [version, entry] of parts) if (entry.names.length === entry.total) checkpoints.set(version, entry.names.sort())
  return { commitVersions: commits, checkpoints }
}

/** The actions of one commit file, in order. */
export async function readCommitActions(tablePath: string, version: number): Promise<DeltaAction[]> {
  const file = join(deltaLogDir(tablePath), commitFileName(version))
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw corruptLog(tablePath, `commit ${commitFileName(version)} cannot be read (${(error as Error).message})`)
  }
  const actions: DeltaAction[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim()
    if (line === '') continue
    try {
      actions.push(JSON.parse(line) as DeltaAction)
    } catch (error) {
      throw corruptLog(tablePath, `${commitFileName(version)} line ${i + 1} is not JSON (${(error as Error).message})`)
    }
  }
  return actions
}

/** Modification time (ms) of a commit file. */
export async function commitFileModificationTime(tablePath: string, version: number): Promise<number> {
  return (await stat(join(deltaLogDir(tablePath), commitFileName(version)))).mtimeMs
}

/**
 * Creates commit `version` with `actions` only if it does not exist yet (put-if-absent
 * by hard link of a complete temp file, so readers never see a partial commit).
 * Returns false when another writer already created that version.
 */
export async function writeCommitIfAbsent(tablePath: string, version: number, actions: readonly DeltaAction[]): Promise<boolean> {
  const dir = deltaLogDir(tablePath)
  await mkdir(dir, { recursive: true })
  const temp = join(dir, `.${commitFileName(version)}.${randomUUID()}.tmp`)
  await writeFile(temp, actions.map((a) => JSON.stringify(a)).join('\n') + '\n', { flag: 'wx' })
  try {
    await link(temp, join(dir, commitFileName(version)))
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  } finally {
    await unlink(temp).catch(() => undefined)
  }
}

/** Writes `bytes` to `file` atomically (temp file then rename), replacing what was there. */
export async function writeFileAtomically(file: string, bytes: Uint8Array | string): Promise<void> {
  const temp = `${file}.${randomUUID()}.tmp`
  await writeFile(temp, bytes)
  await rename(temp, file)
}
