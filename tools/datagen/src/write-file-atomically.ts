import { randomBytes } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Writes `data` under a hidden temporary name in the same directory, then renames
 * it to `path`, so a streaming reader never sees half a file. (A copy of the
 * executor's helper: tools depend on the public client only.)
 */
export async function writeFileAtomically(path: string, data: string): Promise<void> {
  const temporaryPath = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temporaryPath, data)
    await rename(temporaryPath, path)
  } catch (error) {
    await rm(temporaryPath, { force: true })
    throw error
  }
}
