import { describe, expect, it } from 'vitest'
import { captureOffsetSeqConf, checkOffsetSeqSourceCount, restoreOffsetSeqConf } from './offset-seq-conf.js'

describe('offset seq confs', () => {
  // Spark writes every relevant conf, the session's value or the SQLConf default (OffsetSeqMetadata.apply:
  // relevantSQLConfs.map(conf => conf.key -> sessionConf.get(conf.key))); defaults as in a Spark 4.0 offsets file.
  it('should capture every relevant conf, the session value or Spark\'s default, and nothing else', () => {
    const session: Record<string, string> = { 'spark.sql.shuffle.partitions': '4', 'spark.sql.ansi.enabled': 'true' }
    const conf = captureOffsetSeqConf((key) => session[key])
    expect(Object.keys(conf).sort()).toEqual([
      'spark.sql.optimizer.pruneFiltersCanPruneStreamingSubplan',
      'spark.sql.shuffle.partitions',
      'spark.sql.streaming.aggregation.stateFormatVersion',
      'spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion',
      'spark.sql.streaming.join.stateFormatVersion',
      'spark.sql.streaming.multipleWatermarkPolicy',
      'spark.sql.streaming.stateStore.compression.codec',
      'spark.sql.streaming.stateStore.encodingFormat',
      'spark.sql.streaming.stateStore.providerClass',
      'spark.sql.streaming.stateStore.rocksdb.formatVersion',
      'spark.sql.streaming.stateStore.rowChecksum.enabled',
      'spark.sql.streaming.statefulOperator.useStrictDistribution',
    ])
    expect(conf['spark.sql.shuffle.partitions']).toBe('4')
    expect(conf['spark.sql.streaming.stateStore.providerClass']).toBe('org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider')
    expect(conf['spark.sql.streaming.statefulOperator.useStrictDistribution']).toBe('true')
    expect(conf['spark.sql.optimizer.pruneFiltersCanPruneStreamingSubplan']).toBe('false')
    // The metadata line of an offsets/N written by Spark 4.0 with default confs (shuffle.partitions 2), byte for byte.
    const spark40 = '{"spark.sql.streaming.stateStore.providerClass":"org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider",' +
      '"spark.sql.streaming.stateStore.rocksdb.formatVersion":"5","spark.sql.streaming.stateStore.encodingFormat":"unsaferow",' +
      '"spark.sql.streaming.statefulOperator.useStrictDistribution":"true","spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion":"2",' +
      '"spark.sql.streaming.multipleWatermarkPolicy":"min","spark.sql.streaming.aggregation.stateFormatVersion":"2","spark.sql.shuffle.partitions":"2",' +
      '"spark.sql.streaming.join.stateFormatVersion":"2","spark.sql.streaming.stateStore.compression.codec":"lz4",' +
      '"spark.sql.optimizer.pruneFiltersCanPruneStreamingSubplan":"false"}'
    const { ['spark.sql.streaming.stateStore.rowChecksum.enabled']: rowChecksum, ...spark40Keys } = captureOffsetSeqConf((key) => (key === 'spark.sql.shuffle.partitions' ? '2' : undefined))
    expect(rowChecksum).toBe('false')
    expect(JSON.stringify(spark40Keys)).toBe(spark40)
  })

  it('should restore logged values and legacy defaults for missing ones', () => {
    const restored = restoreOffsetSeqConf({ batchWatermarkMs: 0, batchTimestampMs: 0, conf: { 'spark.sql.shuffle.partitions': '5', 'spark.sql.streaming.aggregation.stateFormatVersion': '2' } })
    expect(restored['spark.sql.shuffle.partitions']).toBe('5')
    expect(restored['spark.sql.streaming.aggregation.stateFormatVersion']).toBe('2')
    expect(restored['spark.sql.streaming.multipleWatermarkPolicy']).toBe('min')
    expect(restored['spark.sql.streaming.stateStore.compression.codec']).toBe('lz4')
    expect(restored['spark.sql.streaming.stateStore.providerClass']).toBeUndefined()
    expect(restoreOffsetSeqConf(null)).toEqual({})
  })

  it('should refuse a changed number of sources naming the file', () => {
    expect(() => checkOffsetSeqSourceCount({ metadata: null, offsets: ['1', null] }, 1, '/c/offsets/4')).toThrow(
      /STREAMING_QUERY_SOURCES_CHANGED.*There are \[2\] sources in the checkpoint offsets \(\/c\/offsets\/4\) and now there are \[1\] sources/,
    )
    expect(() => checkOffsetSeqSourceCount({ metadata: null, offsets: ['1'] }, 1, 'f')).not.toThrow()
  })
})
