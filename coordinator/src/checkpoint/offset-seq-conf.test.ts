import { describe, expect, it } from 'vitest'
import { captureOffsetSeqConf, checkOffsetSeqSourceCount, restoreOffsetSeqConf } from './offset-seq-conf.js'

describe('offset seq confs', () => {
  it('should capture only the relevant confs that are set', () => {
    const session: Record<string, string> = { 'spark.sql.shuffle.partitions': '4', 'spark.sql.ansi.enabled': 'true' }
    expect(captureOffsetSeqConf((key) => session[key])).toEqual({ 'spark.sql.shuffle.partitions': '4' })
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
