/**
 * Tunables of the state store, named after Spark's confs. Defaults are Spark's.
 */
export interface StateStoreConf {
  /** `spark.sql.streaming.stateStore.minDeltasForSnapshot`: deltas after the last snapshot before a new snapshot is written. */
  readonly minDeltasForSnapshot: number
  /** `spark.sql.streaming.minBatchesToRetain`: versions that must stay recoverable from files. */
  readonly minBatchesToRetain: number
  /** `spark.sql.streaming.maxBatchesToRetainInMemory`: versions kept in the provider's memory cache. */
  readonly maxVersionsToRetainInMemory: number
  /** Run `doMaintenance()` after every commit (Spark runs it on a background timer). */
  readonly maintenanceOnCommit: boolean
  /** fsync state files and their folder (survives power loss; costs ms per file). A killed process never loses a committed file either way. */
  readonly fsync: boolean
}

export const DEFAULT_STATE_STORE_CONF: StateStoreConf = Object.freeze({
  minDeltasForSnapshot: 10,
  minBatchesToRetain: 100,
  maxVersionsToRetainInMemory: 2,
  maintenanceOnCommit: true,
  fsync: true,
})
