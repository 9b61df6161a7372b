import { randomUUID } from 'node:crypto'
import { CheckpointError, CheckpointErrorClass } from './checkpoint-error.js'
import type { CheckpointStore } from './checkpoint-store.js'
import { CommitLog } from './commit-log.js'
import { MetadataFile } from './metadata-file.js'
import { OffsetLog } from './offset-log.js'

/** A checkpoint opened and validated for one query run. */
export interface StreamCheckpoint {
  readonly store: CheckpointStore
  /** The query id from `metadata` (stable across restarts). */
  readonly queryId: string
  /** True when this open created `metadata` (a fresh checkpoint). */
  readonly created: boolean
  readonly offsetLog: OffsetLog
  readonly commitLog: CommitLog
}

/**
 * Opens a checkpoint: reads `metadata`, validates every `offsets/N` and `commits/N`
 * (parseable, supported version, contiguous ids), and only then, for a fresh
 * checkpoint, writes `metadata` with a new query id.
 *
 * NOTE: every refusal happens before anything is written, so a checkpoint that
 * fails to open is left exactly as it was found.
 *
 * Throws CheckpointError: CHECKPOINT_CORRUPT, CHECKPOINT_UNSUPPORTED_VERSION,
 * CHECKPOINT_GAP, or CHECKPOINT_METADATA_MISSING (offsets without `metadata`: a new
 * query id would defeat the sinks' de-duplication by (queryId, batchId)).
 */
export async function openStreamCheckpoint(store: CheckpointStore, options: { newQueryId?: () => string } = {}): Promise<StreamCheckpoint> {
  const metadataFile = new MetadataFile(store)
  const offsetLog = new OffsetLog(store)
  const commitLog = new CommitLog(store)
  const metadata = await metadataFile.read()
  const offsetIds = await offsetLog.validate()
  const commitIds = await commitLog.validate()
  if (metadata === null && (offsetIds.length > 0 || commitIds.length > 0)) {
    const file = store.describe('metadata')
    throw new CheckpointError(
      CheckpointErrorClass.METADATA_MISSING,
      file,
      `The checkpoint ${store.location} has offsets but its metadata file ${file} is missing, so the query id is lost. ` +
        `Restore ${file} or start the query with a new checkpointLocation.`,
    )
  }
  if (metadata !== null) return { store, queryId: metadata.id, created: false, offsetLog, commitLog }
  const written = await metadataFile.writeIfAbsent({ id: (options.newQueryId ?? randomUUID)() })
  return { store, queryId: written.id, created: true, offsetLog, commitLog }
}
