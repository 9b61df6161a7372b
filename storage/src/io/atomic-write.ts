import { mkdir, open, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { temporaryPathBeside } from './temp-paths.js'

/** Options of {@link writeFileAtomically}. */
export interface AtomicWriteOptions {
  /** Flush the data to disk before the rename (default true). */
  readonly fsync?: boolean
  /** Create missing parent directories (default true). */
  readonly createParents?: boolean
}

/**
 * Writes `data` to `path` so that a reader sees either no file or the whole file:
 * the bytes go to a hidden temporary file in the same directory, which is then
 * renamed onto `path` (replacing any file there). On failure the temporary file is
 * removed and the error rethrown.
 *
 * @example
 * await writeFileAtomically('out/part-00000.json', '{"a":1}\n')
 */
export async function writeFileAtomically(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  if (options.createParents ?? true) await mkdir(dirname(path), { recursive: true })
  await withTemporaryFile(path, async (temporaryPath) => {
    const handle = await open(temporaryPath, 'wx')
    try {
      await handle.writeFile(data)
      if (options.fsync ?? true) await handle.sync()
    } finally {
      await handle.close()
    }
  }, options)
}

/**
 * Runs `produce` with a temporary path beside `path`, then renames the temporary
 * file onto `path`. Use it for writers that need to stream into a file themselves.
 */
export async function withTemporaryFile<T>(
  path: string,
  produce: (temporaryPath: string) => Promise<T>,
  options: AtomicWriteOptions = {},
): Promise<T> {
  if (options.createParents ?? true) await mkdir(dirname(path), { recursive: true })
  const temporaryPath = temporaryPathBeside(path)
  try {
    const result = await produce(temporaryPath)
    await rename(temporaryPath, path)
    return result
  } catch (error) {
    await rm(temporaryPath, { force: true })
    throw error
  }
}
