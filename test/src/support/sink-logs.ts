import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The data files a file sink committed, read from `<output>/_spark_metadata` as
 * FORMATS.md §5.1 describes it (latest `N.compact` plus later batch files, `v1`
 * header, one SinkFileStatus JSON per line, action add/delete), independently of
 * Sluice's reader. Also returns the batch ids the log holds.
 */
export async function readFileSinkManifest(outputDir: string): Promise<{ files: string[]; batchIds: number[] }> {
  const logDir = join(outputDir, '_spark_metadata')
  const names = (await readdir(logDir)).filter((name) => /^\d+(\.compact)?$/.test(name))
  const ids = names.map((name) => Number.parseInt(name, 10)).sort((a, b) => a - b)
  const compacts = names.filter((name) => name.endsWith('.compact')).map((name) => Number.parseInt(name, 10))
  const lastCompact = compacts.length > 0 ? Math.max(...compacts) : -1
  const live = new Set<string>()
  for (const id of ids) {
    if (id < lastCompact) continue
    const name = id === lastCompact ? `${id}.compact` : String(id)
    const lines = (await readFile(join(logDir, name), 'utf8')).split('\n').filter((line) => line !== '')
    if (lines[0] !== 'v1') throw new Error(`${join(logDir, name)}: header ${JSON.stringify(lines[0])}, expected v1`)
    for (const line of lines.slice(1)) {
      const status = JSON.parse(line) as { path: string; action: string }
      const path = status.path.startsWith('file:') ? fileURLToPath(status.path) : resolve(outputDir, status.path)
      if (status.action === 'add') live.add(path)
      else live.delete(path)
    }
  }
  return { files: [...live].sort(), batchIds: ids }
}

/** One parsed `_delta_log/<version>.json` commit. */
export interface DeltaCommit {
  readonly version: number
  readonly actions: readonly Record<string, unknown>[]
}

/** What the Delta log says, replayed by the test from the JSON commits alone (no checkpoint parquet). */
export interface DeltaLogReplay {
  readonly commits: readonly DeltaCommit[]
  /** Absolute paths of the files added and not removed at the latest version. */
  readonly liveFiles: readonly string[]
  /** txn (appId, version) pairs in commit order. */
  readonly txns: readonly { readonly appId: string; readonly version: number; readonly commitVersion: number }[]
}

/**
 * Replays a Delta table's `_delta_log/*.json` (FORMATS.md §6): every line must be a
 * JSON object with one action; versions must be 0, 1, 2, … without a gap.
 */
export async function replayDeltaLog(tablePath: string): Promise<DeltaLogReplay> {
  const logDir = join(tablePath, '_delta_log')
  if (!existsSync(logDir)) return { commits: [], liveFiles: [], txns: [] }
  const names = (await readdir(logDir)).filter((name) => /^\d{20}\.json$/.test(name)).sort()
  const commits: DeltaCommit[] = []
  const live = new Set<string>()
  const txns: { appId: string; version: number; commitVersion: number }[] = []
  for (const [index, name] of names.entries()) {
    const version = Number.parseInt(name, 10)
    if (version !== index) throw new Error(`${join(logDir, name)}: version ${version} where ${index} was expected (gap in the log)`)
    const actions = (await readFile(join(logDir, name), 'utf8')).split('\n').filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    for (const action of actions) {
      const add = action['add'] as { path: string } | undefined
      const remove = action['remove'] as { path: string } | undefined
      const txn = action['txn'] as { appId: string; version: number } | undefined
      if (add) live.add(resolve(tablePath, decodeURIComponent(add.path)))
      if (remove) live.delete(resolve(tablePath, decodeURIComponent(remove.path)))
      if (txn) txns.push({ appId: txn.appId, version: Number(txn.version), commitVersion: version })
    }
    commits.push({ version, actions })
  }
  return { commits, liveFiles: [...live].sort(), txns }
}
