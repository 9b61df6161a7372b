import { describe, expect, it } from 'vitest'
import { scalaMapKeyOrder } from './scala-map-order.js'

// Key orders copied from `offsets/N` files written by Spark (json4s over a Scala 2.13 immutable Map):
// an Apache Spark 4.0 checkpoint (11 relevant confs) and a Databricks runtime one (16 confs).
const SPARK_40_CONF_ORDER = [
  'spark.sql.streaming.stateStore.providerClass',
  'spark.sql.streaming.stateStore.rocksdb.formatVersion',
  'spark.sql.streaming.stateStore.encodingFormat',
  'spark.sql.streaming.statefulOperator.useStrictDistribution',
  'spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion',
  'spark.sql.streaming.multipleWatermarkPolicy',
  'spark.sql.streaming.aggregation.stateFormatVersion',
  'spark.sql.shuffle.partitions',
  'spark.sql.streaming.join.stateFormatVersion',
  'spark.sql.streaming.stateStore.compression.codec',
  'spark.sql.optimizer.pruneFiltersCanPruneStreamingSubplan',
]
const DATABRICKS_CONF_ORDER = [
  'spark.sql.streaming.stateStore.providerClass',
  'spark.sql.streaming.stateStore.rocksdb.formatVersion',
  'spark.sql.streaming.stateStore.encodingFormat',
  'spark.sql.streaming.statefulOperator.useStrictDistribution',
  'spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion',
  'spark.sql.streaming.multipleWatermarkPolicy',
  'spark.sql.streaming.stateStore.rowChecksum.enabled',
  'spark.databricks.optimizer.joinOrToUnionAllExpansionWithEquiJoin.streaming',
  'spark.sql.streaming.dropDuplicates.stateFormatVersion',
  'spark.sql.streaming.aggregation.stateFormatVersion',
  'spark.databricks.optimizer.convertCollectSetToCollectlistDistinct.enableStreaming',
  'spark.sql.streaming.failStatefulQuerySchemaEvolution',
  'spark.sql.shuffle.partitions',
  'spark.sql.streaming.join.stateFormatVersion',
  'spark.sql.streaming.stateStore.compression.codec',
  'spark.sql.optimizer.pruneFiltersCanPruneStreamingSubplan',
]

describe('scalaMapKeyOrder', () => {
  it("should give the order of a Spark 4.0 offsets file's conf map from any input order", () => {
    expect(scalaMapKeyOrder([...SPARK_40_CONF_ORDER].sort())).toEqual(SPARK_40_CONF_ORDER)
    expect(scalaMapKeyOrder([...SPARK_40_CONF_ORDER].reverse())).toEqual(SPARK_40_CONF_ORDER)
  })

  it('should give the order of a 16-key conf map (entries two trie levels deep)', () => {
    expect(scalaMapKeyOrder([...DATABRICKS_CONF_ORDER].sort())).toEqual(DATABRICKS_CONF_ORDER)
  })

  it('should keep insertion order up to four keys (Scala Map1..Map4)', () => {
    expect(scalaMapKeyOrder(['b', 'a', 'd', 'c'])).toEqual(['b', 'a', 'd', 'c'])
  })
})
