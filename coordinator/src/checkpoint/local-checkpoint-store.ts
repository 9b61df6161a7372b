import { randomUUID } from 'node:crypto'
import { constants as fsConstants, promises as fs } from 'node:fs'
import * as path from 'node:path'
import type { CheckpointStore } from './checkpoint-store.js'

/** Temp files are hidden (`.name.<uuid>.tmp`, as Spark's CheckpointFileManager) so listings skip them. */
export const isTemporaryCheckpointFile = (fileName: string): boolean => fileName.startsWith('.') || fileName.endsWith('.tmp')

export interface LocalCheckpointStoreOptions {
  /**
   * fsync each new entry and its folder (default true). Without it an entry
   * survives a killed process (the page cache outlives it) but not a power loss;
   * Spark's local filesystem does not fsync either. Measured here: a put costs
   * p50 ≈ 0.4 ms without fsync, 3–8 ms with it.
   */
  readonly fsync?: boolean
}

/**
 * A `CheckpointStore` on the local filesystem, in Spark's layout under `root`.
 *
 * `putIfAbsent` writes `.<name>.<uuid>.tmp`, fsyncs it, then `link`s it to the final
 * name (link fails with EEXIST instead of replacing, unlike rename), removes the
 * temp name and fsyncs the folder. A crash leaves at worst a hidden temp file,
 * which is ignored and never mistaken for an entry.
 */
export class LocalCheckpointStore implements CheckpointStore {
  readonly location: string
  private readonly fsync: boolean

  constructor(root: string, options: LocalCheckpointStoreOptions = {}) {
    this.location = path.resolve(root)
    this.fsync = options.fsync ?? true
  }

  describe(name: string): string {
    return path.join(this.location, ...name.split('/'))
  }

  async get(name: string): Promise<string | null> {
    try {
      return await fs.readFile(this.describe(name), 'utf8')
    } catch (error) {
      if (isErrorCode(error, 'ENOENT')) return null
      throw error
    }
  }

  async putIfAbsent(name: string, content: string): Promise<boolean> {
    const target = this.describe(name)
    const folder = path.dirname(target)
    await fs.mkdir(folder, { recursive: true })
    const temp = path.join(folder, `.${path.basename(target)}.${randomUUID()}.tmp`)
    const handle = await fs.open(temp, 'wx')
    try {
      await handle.writeFile(content, 'utf8')
      if (this.fsync) await handle.sync()
    } finally {
      await handle.close()
    }
    try {
      await linkNoReplace(temp, target)
    } catch (error) {
      if (isErrorCode(error, 'EEXIST')) return false
      throw error
    } finally {
      await fs.rm(temp, { force: true })
    }
    if (this.fsync) await syncFolder(folder)
    return true
  }

  async list(prefix: string): Promise<string[]> {
    try {
      const entries = await fs.readdir(this.describe(prefix), { withFileTypes: true })
      return entries.filter((e) => e.isFile() && !isTemporaryCheckpointFile(e.name)).map((e) => e.name)
    } catch (error) {
      if (isErrorCode(error, 'ENOENT') || isErrorCode(error, 'ENOTDIR')) return []
      throw error
    }
  }

  async lastModifiedMs(name: string): Promise<number | null> {
    try {
      return Math.floor((await fs.stat(this.describe(name))).mtimeMs)
    } catch (error) {
      if (isErrorCode(error, 'ENOENT')) return null
      throw error
    }
  }

  async delete(name: string): Promise<void> {
    await fs.rm(this.describe(name), { force: true })
  }
}

/**
 * Gives `temp`'s content the name `target`, failing with EEXIST when `target`
 * exists. Uses a hard link (atomic); on filesystems without hard links falls back
 * to an exclusive copy, still never replacing an entry.
 */
async function linkNoReplace(temp: string, target: string): Promise<void> {
  try {
    await fs.link(temp, target)
  } catch (error) {
    if (!isErrorCode(error, 'EPERM') && !isErrorCode(error, 'ENOTSUP') && !isErrorCode(error, 'EOPNOTSUPP') && !isErrorCode(error, 'EXDEV')) throw error
    await fs.copyFile(temp, target, fsConstants.COPYFILE_EXCL)
  }
}

/** fsync a folder so a new name in it survives a power loss (best effort where unsupported). */
export async function syncFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle | undefined
  try {
    handle = await fs.open(folder, 'r')
    await handle.sync()
  } catch {
    // Some filesystems refuse fsync on folders; the data file itself is synced.
  } finally {
    await handle?.close()
  }
}

export function isErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code
}
