import { CheckpointError, CheckpointErrorClass } from './checkpoint-error.js'
import type { CommitLog, CommitMetadata } from './commit-log.js'
import type { OffsetLog, OffsetSeq } from './offset-log.js'

/** Where a (re)started query resumes. */
export interface StreamPosition {
  /** The id of the next batch to run (the pending one when there is one). */
  readonly nextBatchId: number
  /** The last batch whose commit is logged, with its offsets (the sources' committed position). */
  readonly lastCommitted: { readonly batchId: number; readonly offsets: OffsetSeq; readonly commit: CommitMetadata } | null
  /** A batch logged in `offsets/` but not committed: re-run it with exactly these offsets and this id. */
  readonly pendingBatch?: { readonly batchId: number; readonly offsets: OffsetSeq }
  /** The offsets the next batch starts after: the offsets of batch `nextBatchId - 1`, null on a fresh start. */
  readonly startOffsets: OffsetSeq | null
  /** The watermark to use for `nextBatchId` (from the latest commit; 0 when none). */
  readonly batchWatermarkMs: number
}

/**
 * Spark's `populateStartOffsets`, over the offset and commit logs:
 *
 * ```
 * latest = offsetLog.getLatest()
 * if latest is none:                              // fresh checkpoint
 *   return { nextBatchId: 0, lastCommitted: none, startOffsets: none, watermark: 0 }
 * (N, offsetsN) = latest
 * previous = N > 0 ? offsetLog.get(N - 1) : none  // must exist when N > 0 (unless purged below)
 * commit = commitLog.getLatest()
 * if commit is none or commit.batchId == N - 1:  // batch N was logged but never committed
 *   return { nextBatchId: N, pendingBatch: (N, offsetsN), startOffsets: previous, watermark: commit?.watermark ?? 0 }
 * if commit.batchId == N:                         // batch N completed
 *   return { nextBatchId: N + 1, lastCommitted: (N, offsetsN), startOffsets: offsetsN, watermark: commit.watermark }
 * if commit.batchId < N - 1:                      // Spark logs a warning and re-runs N
 *   return same as the uncommitted case
 * commit.batchId > N:                             // commits without offsets: corrupt
 *   throw CHECKPOINT_CORRUPT
 * ```
 * Offsets of batch N-1 may be missing only when batch N is committed or purged
 * logs keep nothing older; a pending batch N > 0 without `offsets/N-1` is refused
 * because its start position is unknown.
 */
export async function recoverStreamPosition(checkpoint: { offsetLog: OffsetLog; commitLog: CommitLog }): Promise<StreamPosition> {
  const { offsetLog, commitLog } = checkpoint
  const latest = await offsetLog.getLatest()
  const latestCommit = await commitLog.getLatest()
  if (latest === null) {
    if (latestCommit !== null) throw commitsWithoutOffsets(commitLog, latestCommit.batchId)
    return { nextBatchId: 0, lastCommitted: null, startOffsets: null, batchWatermarkMs: 0 }
  }
  const { batchId: latestBatchId, entry: latestOffsets } = latest
  if (latestCommit !== null && latestCommit.batchId > latestBatchId) throw commitsWithoutOffsets(commitLog, latestCommit.batchId)
  if (latestCommit !== null && latestCommit.batchId === latestBatchId) {
    return {
      nextBatchId: latestBatchId + 1,
      lastCommitted: { batchId: latestBatchId, offsets: latestOffsets, commit: latestCommit.entry },
      startOffsets: latestOffsets,
      batchWatermarkMs: latestCommit.entry.nextBatchWatermarkMs,
    }
  }
  const previous = latestBatchId > 0 ? await offsetLog.get(latestBatchId - 1) : null
  if (latestBatchId > 0 && previous === null) {
    const file = offsetLog.describeEntry(latestBatchId - 1)
    throw new CheckpointError(
      CheckpointErrorClass.GAP,
      file,
      `Batch ${latestBatchId} must be re-run but ${file}, which holds its start offsets, does not exist.`,
    )
  }
  let lastCommitted: StreamPosition['lastCommitted'] = null
  if (latestCommit !== null) {
    const committedOffsets = latestCommit.batchId === latestBatchId - 1 ? previous : await offsetLog.get(latestCommit.batchId)
    if (committedOffsets !== null) lastCommitted = { batchId: latestCommit.batchId, offsets: committedOffsets, commit: latestCommit.entry }
  }
  return {
    nextBatchId: latestBatchId,
    lastCommitted,
    pendingBatch: { batchId: latestBatchId, offsets: latestOffsets },
    startOffsets: previous,
    batchWatermarkMs: latestCommit?.entry.nextBatchWatermarkMs ?? 0,
  }
}

function commitsWithoutOffsets(commitLog: CommitLog, batchId: number): CheckpointError {
  const file = commitLog.describeEntry(batchId)
  return new CheckpointError(CheckpointErrorClass.CORRUPT, file, `${file} exists but the offset log has no batch ${batchId}: the checkpoint is corrupt.`)
}
