// Public surface of the Delta Lake module (storage/src/delta).
export { readDeltaTable, readDeltaFiles, type DeltaReadOptions, type DeltaTableRead } from './delta-reader.js'
export { loadSnapshot, commitTimestamps, checkReadable, checkStreamStartingVersion, timestampMillis, type DeltaSnapshot, type DeltaTimeTravel } from './delta-snapshot.js'
export {
  writeDeltaBatch, writeDeltaFiles, rewriteDeltaFiles, planDeltaWrite, deltaFilesSpec, commitDeltaWrite, tryLoadSnapshot, uncommitted,
  type DeltaWriteOptions, type DeltaWriteResult, type DeltaSaveMode, type DeltaWritePlan, type DeltaFilesSpec, type DeltaRewrite,
} from './delta-writer.js'
export { checkNotAppendOnly } from './delta-commit.js'
export { compileReplaceWhere } from './delta-replace-where.js'
export { deltaSinkAddBatch, deltaSinkWriteOptions, type DeltaSinkOptions } from './delta-sink.js'
export { deltaChangesSince, AdmissionLimits, type DeltaFileChange, type DeltaChangesOptions } from './delta-source.js'
export { writeDeltaCheckpoint, readDeltaCheckpoint, DELTA_CHECKPOINT_SCHEMA, type DeltaCheckpointState } from './delta-checkpoint.js'
export { maybeWriteCheckpoint, DEFAULT_CHECKPOINT_INTERVAL } from './delta-checkpoint-policy.js'
export { DeltaConcurrentModificationError, differentTableReadByStreamingSource, timestampGreaterThanCommit } from './delta-errors.js'
export { formatPartitionValue, parsePartitionValue, HIVE_DEFAULT_PARTITION } from './delta-partition.js'
export { deltaStatsJson } from './delta-stats.js'
export type { DeltaAction, DeltaAddFile, DeltaRemoveFile, DeltaMetadata, DeltaProtocol, DeltaSetTransaction } from './delta-actions.js'
export { decodeDeltaPath, encodeDeltaPath } from './delta-actions.js'
export { deltaReadTarget } from './delta-time-travel-path.js'
