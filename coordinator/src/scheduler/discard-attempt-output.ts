import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Task, TaskResult } from '@sluice/shared'

/**
 * Deletes the data files an attempt wrote whose result is not used (it was
 * superseded, or its job failed): a file sink's files by path, a Delta table's by
 * their add actions (paths relative to the table, percent-encoded). They were never
 * listed in a commit; deleting them keeps the table folder clean. Missing files are fine.
 */
export async function discardAttemptOutput(task: Task, result: TaskResult): Promise<void> {
  const paths = (result.files ?? []).map((file) => file.path)
  const table = task.sinkWrite?.delta?.tablePath
  if (table !== undefined) {
    // Delta's relative URI form is encodeURI of the path (storage/src/delta/delta-actions.ts).
    for (const add of result.deltaFiles ?? []) paths.push(join(table, decodeURIComponent(add.path)))
  }
  await Promise.all(paths.map((path) => rm(path, { force: true })))
}
