import { randomBytes } from 'node:crypto'
import { basename, dirname, join } from 'node:path'

/**
 * A fresh temporary path in the same directory as `path` (so a rename onto `path`
 * stays on one file system and is atomic). The name starts with `.` and ends in
 * `.tmp`, which file listing skips as hidden.
 */
export function temporaryPathBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
}

/** True for names that listings and readers must ignore: hidden (`.`) or internal (`_`) ones. */
export function isHiddenFileName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_')
}
