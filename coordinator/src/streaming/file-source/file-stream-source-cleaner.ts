import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Spark's `cleanSource` option. */
export type CleanSourceMode = 'off' | 'archive' | 'delete'

/** A local path from a logged file path: `file:///a/b`, `file:/a/b` or `/a/b`. */
export function localPathOf(filePath: string): string {
  if (filePath.startsWith('file://')) return fileURLToPath(filePath)
  if (filePath.startsWith('file:')) return filePath.slice('file:'.length)
  return filePath
}

/**
 * Archives or deletes the files of committed batches (Spark's
 * FileStreamSourceCleaner). Archive moves `/in/a/x.json` to
 * `<sourceArchiveDir>/in/a/x.json`: the file's full path below the archive folder,
 * as Spark does, so names from different folders never collide. Failures are
 * reported to `onWarning` and never fail the query (Spark logs a warning).
 */
export class FileStreamSourceCleaner {
  constructor(
    readonly mode: Exclude<CleanSourceMode, 'off'>,
    readonly sourceArchiveDir: string | undefined,
    private readonly onWarning: (message: string, error: unknown) => void = (message, error) => console.warn(message, error),
  ) {
    if (mode === 'archive' && (sourceArchiveDir === undefined || sourceArchiveDir === '')) {
      throw new Error("cleanSource 'archive' requires the option sourceArchiveDir")
    }
  }

  /** Where `filePath` goes when archived. */
  archivePathOf(filePath: string): string {
    const local = path.resolve(localPathOf(filePath))
    return path.join(path.resolve(this.sourceArchiveDir!), local.replace(/^[a-zA-Z]:/, ''))
  }

  async clean(filePaths: readonly string[]): Promise<void> {
    for (const filePath of filePaths) {
      const local = localPathOf(filePath)
      try {
        if (this.mode === 'delete') {
          await fs.rm(local, { force: true })
        } else {
          const target = this.archivePathOf(filePath)
          await fs.mkdir(path.dirname(target), { recursive: true })
          await fs.rename(local, target)
        }
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') continue // already cleaned before a restart
        this.onWarning(`Failed to ${this.mode} the source file ${local}; it is left in place.`, error)
      }
    }
  }
}
