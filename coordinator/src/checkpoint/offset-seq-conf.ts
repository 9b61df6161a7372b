import { CheckpointError, CheckpointErrorClass } from './checkpoint-error.js'
import type { OffsetSeq, OffsetSeqMetadata } from './offset-log.js'
import { scalaMapKeyOrder } from './scala-map-order.js'

/**
 * Session confs that shape a query's state and partitioning, recorded in every
 * `offsets/N` and restored from it on restart (Spark's OffsetSeqMetadata.relevantSQLConfs,
 * plus `spark.sql.shuffle.partitions`, which Spark rebinds from its internal
 * stateful-partitions conf).
 */
export const OFFSET_SEQ_RELEVANT_CONFS: readonly string[] = Object.freeze([
  'spark.sql.shuffle.partitions',
  'spark.sql.streaming.stateStore.providerClass',
  'spark.sql.streaming.multipleWatermarkPolicy',
  'spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion',
  'spark.sql.streaming.aggregation.stateFormatVersion',
  'spark.sql.streaming.join.stateFormatVersion',
  'spark.sql.streaming.stateStore.compression.codec',
  'spark.sql.streaming.stateStore.rocksdb.formatVersion',
  'spark.sql.streaming.statefulOperator.useStrictDistribution',
  'spark.sql.optimizer.pruneFiltersCanPruneStreamingSubplan',
  'spark.sql.streaming.stateStore.encodingFormat',
  'spark.sql.streaming.stateStore.rowChecksum.enabled',
])

/**
 * The value Spark writes for a relevant conf the session leaves unset (its SQLConf
 * default for a new query; Spark writes every relevant conf, `sessionConf.get(key)`).
 * Values as in a checkpoint written by Spark 4.0 with default settings.
 */
export const OFFSET_SEQ_SPARK_DEFAULTS: Readonly<Record<string, string>> = Object.freeze({
  'spark.sql.shuffle.partitions': '200',
  'spark.sql.streaming.stateStore.providerClass': 'org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider',
  'spark.sql.streaming.multipleWatermarkPolicy': 'min',
  'spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion': '2',
  'spark.sql.streaming.aggregation.stateFormatVersion': '2',
  'spark.sql.streaming.join.stateFormatVersion': '2',
  'spark.sql.streaming.stateStore.compression.codec': 'lz4',
  'spark.sql.streaming.stateStore.rocksdb.formatVersion': '5',
  'spark.sql.streaming.statefulOperator.useStrictDistribution': 'true',
  'spark.sql.optimizer.pruneFiltersCanPruneStreamingSubplan': 'false',
  'spark.sql.streaming.stateStore.encodingFormat': 'unsaferow',
  'spark.sql.streaming.stateStore.rowChecksum.enabled': 'false',
})

/** Values assumed for relevant confs missing from an old checkpoint (Spark's relevantSQLConfDefaultValues). */
export const OFFSET_SEQ_LEGACY_CONF_DEFAULTS: Readonly<Record<string, string>> = Object.freeze({
  'spark.sql.streaming.multipleWatermarkPolicy': 'min',
  'spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion': '1',
  'spark.sql.streaming.aggregation.stateFormatVersion': '1',
  'spark.sql.streaming.join.stateFormatVersion': '1',
  'spark.sql.streaming.stateStore.compression.codec': 'lz4',
  'spark.sql.streaming.statefulOperator.useStrictDistribution': 'false',
  'spark.sql.optimizer.pruneFiltersCanPruneStreamingSubplan': 'true',
  'spark.sql.streaming.stateStore.encodingFormat': 'unsaferow',
  'spark.sql.streaming.stateStore.rowChecksum.enabled': 'false',
})

/**
 * The relevant confs to write into `offsets/N`: every one, the session's value or
 * Spark's default, keyed in the order Spark's json4s writes its Scala Map (so the
 * metadata line matches Spark's byte for byte; the offset log keeps key order).
 */
export function captureOffsetSeqConf(getConf: (key: string) => string | undefined): Record<string, string> {
  const conf: Record<string, string> = {}
  for (const key of scalaMapKeyOrder(OFFSET_SEQ_RELEVANT_CONFS)) conf[key] = getConf(key) ?? OFFSET_SEQ_SPARK_DEFAULTS[key]!
  return conf
}

/**
 * The conf values a restarted query must run with: the logged value of each
 * relevant conf (it overrides the session's, as in Spark), else its legacy default
 * for checkpoints written before the conf existed. Confs not listed keep the session's value.
 */
export function restoreOffsetSeqConf(metadata: OffsetSeqMetadata | null): Record<string, string> {
  const restored: Record<string, string> = {}
  if (metadata === null) return restored
  for (const key of OFFSET_SEQ_RELEVANT_CONFS) {
    const logged = metadata.conf[key]
    if (logged !== undefined) restored[key] = logged
    else if (OFFSET_SEQ_LEGACY_CONF_DEFAULTS[key] !== undefined) restored[key] = OFFSET_SEQ_LEGACY_CONF_DEFAULTS[key]!
  }
  return restored
}

/**
 * Refuses a logged batch whose number of source offsets differs from the query's
 * sources (the query changed incompatibly), with Spark's wording.
 */
export function checkOffsetSeqSourceCount(offsets: OffsetSeq, numSources: number, file: string): void {
  if (offsets.offsets.length !== numSources) {
    throw new CheckpointError(
      CheckpointErrorClass.SOURCES_CHANGED,
      file,
      `There are [${offsets.offsets.length}] sources in the checkpoint offsets (${file}) and now there are [${numSources}] sources requested by the query. Cannot continue.`,
    )
  }
}
