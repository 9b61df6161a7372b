import { loadSnapshot } from './delta-snapshot.js'
import { writeDeltaCheckpoint } from './delta-checkpoint.js'

/** Commits between checkpoints when `delta.checkpointInterval` is not set. */
export const DEFAULT_CHECKPOINT_INTERVAL = 10

/**
 * Writes a checkpoint of `version` when it is a multiple of the table's
 * `delta.checkpointInterval`. A failed checkpoint does not fail the commit
 * (readers fall back to the JSON commits), as in Delta.
 */
export async function maybeWriteCheckpoint(tablePath: string, version: number, configuration: Readonly<Record<string, string>>): Promise<boolean> {
  const interval = Number(configuration['delta.checkpointInterval'] ?? DEFAULT_CHECKPOINT_INTERVAL)
  if (!(interval > 0) || version === 0 || version % interval !== 0) return false
  try {
    const snapshot = await loadSnapshot(tablePath, { versionAsOf: version })
    await writeDeltaCheckpoint(tablePath, version, {
      protocol: snapshot.protocol,
      metadata: snapshot.metadata,
      adds: snapshot.files,
      txns: [...snapshot.txnVersions].map(([appId, v]) => ({ appId, version: v })),
    })
    return true
  } catch {
    return false
  }
}
