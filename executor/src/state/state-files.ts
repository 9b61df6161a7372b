import { randomUUID } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'

/** One file of a store's folder: `N.delta` or `N.snapshot`. */
export interface StateFile {
  readonly version: number
  readonly isSnapshot: boolean
  readonly path: string
}

const STATE_FILE_NAME = /^(\d+)\.(delta|snapshot)$/

/** The store's delta and snapshot files, sorted by version with a snapshot after the delta of its version. Temp files are skipped. */
export function listStateFiles(folder: string): StateFile[] {
  let names: string[]
  try {
    names = fs.readdirSync(folder)
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return []
    throw error
  }
  const files: StateFile[] = []
  for (const name of names) {
    const match = STATE_FILE_NAME.exec(name)
    if (match === null) continue
    files.push({ version: Number(match[1]), isSnapshot: match[2] === 'snapshot', path: path.join(folder, name) })
  }
  return files.sort((a, b) => a.version - b.version || Number(a.isSnapshot) - Number(b.isSnapshot))
}

export const deltaFilePath = (folder: string, version: number): string => path.join(folder, `${version}.delta`)
export const snapshotFilePath = (folder: string, version: number): string => path.join(folder, `${version}.snapshot`)

/**
 * Writes `data` to `file` atomically: a hidden temp file beside it, fsync, rename.
 * A crash leaves either the old file (or none) or the complete new one, plus at worst
 * a `.<name>.<uuid>.tmp` that listings ignore. Replaces an existing file: a re-run
 * of a batch rewrites the same version with the same content.
 */
export function writeFileAtomically(file: string, data: Buffer, fsync = true): void {
  const folder = path.dirname(file)
  fs.mkdirSync(folder, { recursive: true })
  const temp = path.join(folder, `.${path.basename(file)}.${randomUUID()}.tmp`)
  const fd = fs.openSync(temp, 'wx')
  try {
    fs.writeSync(fd, data)
    if (fsync) fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  try {
    fs.renameSync(temp, file)
  } catch (error) {
    fs.rmSync(temp, { force: true })
    throw error
  }
  if (!fsync) return
  try {
    const folderFd = fs.openSync(folder, 'r')
    try {
      fs.fsyncSync(folderFd)
    } finally {
      fs.closeSync(folderFd)
    }
  } catch {
    // fsync on a folder is not supported everywhere; the file itself is synced.
  }
}
