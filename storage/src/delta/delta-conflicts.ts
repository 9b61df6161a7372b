import { decodeDeltaPath, type DeltaAction } from './delta-actions.js'
import { DeltaConcurrentModificationError } from './delta-errors.js'

/** What the losing transaction read and does, to judge whether a winner's commit conflicts with it. */
export interface DeltaTransactionFootprint {
  readonly tablePath: string
  /** True when it read every live file (overwrite, complete mode): any concurrent add or remove invalidates it. */
  readonly readWholeTable: boolean
  /** Paths (decoded) it removes. */
  readonly removedPaths: ReadonlySet<string>
  /** appId of its `txn` action, if any. */
  readonly appId?: string
}

/**
 * Throws when the actions of `winnerVersion` conflict with the transaction
 * (Delta's optimistic concurrency rules for Serializable blind appends and
 * overwrites); returns normally when it may retry on top of them.
 */
export function checkCommitConflicts(footprint: DeltaTransactionFootprint, winnerVersion: number, winner: readonly DeltaAction[]): void {
  const where = `${footprint.tablePath}, version ${winnerVersion}`
  const op = String(winner.find((a) => a.commitInfo)?.commitInfo?.['operation'] ?? 'unknown')
  const params = { tablePath: footprint.tablePath, version: String(winnerVersion), operation: op }
  for (const action of winner) {
    if (action.protocol) {
      throw new DeltaConcurrentModificationError('DELTA_PROTOCOL_CHANGED', `The protocol version of the Delta table has been changed by a concurrent update (${op} at ${where}). This happens when multiple writers write to an empty directory; creating the table ahead of time avoids it.`, params)
    }
    if (action.metaData) {
      throw new DeltaConcurrentModificationError('DELTA_METADATA_CHANGED', `The metadata of the Delta table has been changed by a concurrent update (${op} at ${where}). Please try the operation again.`, params)
    }
    if (action.txn && footprint.appId !== undefined && action.txn.appId === footprint.appId) {
      throw new DeltaConcurrentModificationError('DELTA_CONCURRENT_TRANSACTION', `This error occurs when multiple streaming queries use the same checkpoint (appId ${footprint.appId}) to write into this table: a concurrent commit at ${where} carries the same txn.`, params)
    }
    if (action.add && action.add.dataChange !== false && footprint.readWholeTable) {
      throw new DeltaConcurrentModificationError('DELTA_CONCURRENT_APPEND', `Files were added to the root of the table by a concurrent update (${op} at ${where}, file ${action.add.path}). Please try the operation again.`, params)
    }
    if (action.remove) {
      const path = decodeDeltaPath(action.remove.path)
      if (footprint.removedPaths.has(path)) {
        throw new DeltaConcurrentModificationError('DELTA_CONCURRENT_DELETE_DELETE', `This transaction attempted to delete one or more files that were deleted by a concurrent update (${op} at ${where}, file ${path}). Please try the operation again.`, params)
      }
      if (footprint.readWholeTable && action.remove.dataChange !== false) {
        throw new DeltaConcurrentModificationError('DELTA_CONCURRENT_DELETE_READ', `This transaction attempted to read one or more files that were deleted by a concurrent update (${op} at ${where}, file ${path}). Please try the operation again.`, params)
      }
    }
  }
}
