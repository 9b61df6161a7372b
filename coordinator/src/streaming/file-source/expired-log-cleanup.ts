import type { CheckpointStore } from '../../checkpoint/checkpoint-store.js'

/**
 * When a compactible log (the file source's `sources/<i>/`, the file sink's
 * `_spark_metadata/`) deletes batch files that a later `N.compact` covers, as
 * Spark's CompactibleFileStreamLog.deleteExpiredLog.
 */
export interface LogCleanupPolicy {
  /** `spark.sql.streaming.fileSource.log.deletion` / `fileSink.log.deletion` (default true). */
  readonly deleteExpiredLog: boolean
  /** `spark.sql.streaming.fileSource.log.cleanupDelay` / `fileSink.log.cleanupDelay` (default 10 minutes), ms. */
  readonly cleanupDelayMs: number
  /** `spark.sql.streaming.minBatchesToRetain` (default 100). */
  readonly minBatchesToRetain: number
}

/** Spark's defaults: deletion on, a 10-minute cleanup delay, 100 batches retained. */
export const DEFAULT_LOG_CLEANUP_POLICY: LogCleanupPolicy = Object.freeze({ deleteExpiredLog: true, cleanupDelayMs: 10 * 60 * 1000, minBatchesToRetain: 100 })

const LOG_FILE_NAME = /^(\d+)(\.compact)?$/

/**
 * After batch `currentBatchId` is written: the batch files below this id may be
 * deleted, or null when none may. It is the compaction batch at or before
 * `currentBatchId + 1 - minBatchesToRetain`, so the compaction that covers the
 * oldest retained batch is kept.
 */
export function minCompactionBatchIdToKeep(currentBatchId: number, compactInterval: number, minBatchesToRetain: number): number | null {
  const minBatchId = currentBatchId + 1 - minBatchesToRetain
  if (compactInterval > minBatchId) return null
  return minBatchId - (minBatchId % compactInterval) - 1
}

/**
 * Deletes the batch files of the log in `folder` below `minCompactionBatchIdToKeep`
 * that were last modified at least `cleanupDelayMs` before `nowMs`; a younger file
 * stays until a later batch finds it expired (Spark runs this after every batch).
 * A store that cannot tell modification times keeps every file. Returns the names deleted.
 */
export async function deleteExpiredLogFiles(
  store: CheckpointStore, folder: string, currentBatchId: number, compactInterval: number, policy: LogCleanupPolicy, nowMs = Date.now(),
): Promise<string[]> {
  if (!policy.deleteExpiredLog || store.lastModifiedMs === undefined) return []
  const keepFrom = minCompactionBatchIdToKeep(currentBatchId, compactInterval, policy.minBatchesToRetain)
  if (keepFrom === null) return []
  const expiredAtMs = nowMs - policy.cleanupDelayMs
  const deleted: string[] = []
  for (const name of await store.list(folder)) {
    const match = LOG_FILE_NAME.exec(name)
    if (match === null || Number(match[1]) >= keepFrom) continue
    const entry = folder === '' ? name : `${folder}/${name}`
    const modifiedMs = await store.lastModifiedMs(entry)
    if (modifiedMs === null || modifiedMs > expiredAtMs) continue
    await store.delete(entry)
    deleted.push(name)
  }
  return deleted.sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
}
