import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { SupersededAttempt } from '@sluice/shared'

/** Folders of a sink's own logs: never data files. */
const LOG_FOLDERS = new Set(['_spark_metadata', '_delta_log'])

/**
 * Deletes the data files under `folder` (partition subfolders included, hidden
 * temporaries too) of a batch's superseded attempts: files whose name carries one of
 * their `filesJobId`s, as `-<jobId>.` (the file sink's `part-00000-<jobId>.c000.json`
 * and its `.part-…-<jobId>.c000.json.<uuid>.tmp`) or `-<jobId>-` (Delta's
 * `part-00000-<jobId>-c000.snappy.parquet`). A job id ends in `-t<task>-a<attempt>`,
 * so no other attempt's or batch's name matches. Call it after the batch's commit
 * (readers follow the manifest or the log, which never lists these files): an
 * executor killed mid-task could not delete them. Without superseded attempts it
 * returns at once, without listing the folder. Best effort: a file that cannot be
 * deleted stays (unlisted). Returns the paths deleted.
 */
export async function deleteSupersededFiles(folder: string, attempts: readonly SupersededAttempt[] | undefined): Promise<string[]> {
  const markers = (attempts ?? []).flatMap((a) => (a.filesJobId === undefined ? [] : [`-${a.filesJobId}.`, `-${a.filesJobId}-`]))
  if (markers.length === 0) return []
  const deleted: string[] = []
  const walk = async (dir: string): Promise<void> => {
    let entries
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        if (!LOG_FOLDERS.has(entry.name)) await walk(path)
      } else if (markers.some((marker) => entry.name.includes(marker))) {
        try {
          await rm(path, { force: true })
          deleted.push(path)
        } catch {
          // Unlisted either way: a reader never sees it.
        }
      }
    }
  }
  await walk(folder)
  return deleted.sort()
}
