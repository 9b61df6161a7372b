import { describe, expect, it } from 'vitest'
import { col, expr, type Sluice } from '@sluice/client'
import { MemoryStream, addData, assertOnQuery, checkAnswer, checkNewAnswer, stopStream, startStream, testStream } from '@sluice/client/testing'
import { SESSION_MODES } from '../support/session-modes.js'
import { useModeSession } from '../support/mode-session-hooks.js'

// Structured Streaming Programming Guide, "Streaming Deduplication" (docs/streaming/apis-on-dataframes-and-datasets.md);
// the state rules are Spark's StreamingDeduplicateExec / StreamingDeduplicateWithinWatermarkExec:
// a row whose event time is <= the watermark is late and dropped; with an event-time key a key's
// state goes once its event time is <= the watermark; within-watermark state expires at eventTime + delay.

let spark: Sluice

const SCHEMA = 'guid STRING, eventTime TIMESTAMP, payload INT'
const t = (seconds: number) => new Date(Date.UTC(2024, 0, 1, 12, 0, seconds))
const ev = (guid: string, seconds: number, payload: number) => [guid, t(seconds), payload]
const stateRows = (n: number) => assertOnQuery((q) => { expect(q.lastProgress?.stateOperators[0]?.numRowsTotal).toBe(n) }, `state rows = ${n}`)

for (const mode of SESSION_MODES) describe(`guide: streaming deduplication (${mode})`, () => {
  useModeSession(mode, 'guide-dedup', (s) => { spark = s.spark })

  describe('dropDuplicates without watermark', () => {
    it('should keep the first row of each guid forever, across batches and a restart', async () => {
      // `streamingDf.dropDuplicates("guid")`: no bound on when a duplicate arrives, every guid stays in state.
      const events = new MemoryStream(SCHEMA)
      await testStream(events.toDF().dropDuplicates(['guid']).select('guid', 'payload'), 'append', [
        addData(events, ev('a', 1, 1), ev('b', 2, 2), ev('a', 3, 3)),
        checkNewAnswer(['a', 1], ['b', 2]),
        addData(events, ev('a', 50, 4), ev('c', 0, 5)),
        checkNewAnswer(['c', 5]),
        stopStream(),
        addData(events, ev('b', 59, 6), ev('d', 59, 7)),
        startStream(),
        checkNewAnswer(['d', 7]),
        stateRows(4),
      ])
    })

    it('should deduplicate whole rows with dropDuplicates() and distinct(), in update mode too', async () => {
      const events = new MemoryStream('guid STRING')
      await testStream(events.toDF().dropDuplicates(), 'update', [
        addData(events, 'x', 'y', 'x'),
        checkNewAnswer('x', 'y'),
        addData(events, 'y', 'z'),
        checkNewAnswer('z'),
      ])
      const more = new MemoryStream('guid STRING')
      await testStream(more.toDF().distinct(), 'append', [
        addData(more, 'x', 'x'),
        checkAnswer('x'),
      ])
    })
  })

  describe('dropDuplicates with watermark', () => {
    it('should deduplicate on guid and eventTime, drop rows behind the watermark and bound the state', async () => {
      // `streamingDf.withWatermark("eventTime", "10 seconds").dropDuplicates("guid", "eventTime")`
      const events = new MemoryStream(SCHEMA)
      const df = events.toDF().withWatermark('eventTime', '10 seconds').dropDuplicates(['guid', 'eventTime'])
        .select(col('guid'), expr('second(eventTime)').alias('s'), col('payload'))
      await testStream(df, 'append', [
        addData(events, ev('a', 10, 1), ev('a', 10, 2), ev('a', 11, 3), ev('b', 20, 4)),
        // same guid with another event time is another key
        checkNewAnswer(['a', 10, 1], ['a', 11, 3], ['b', 20, 4]),
        // watermark 10 s: the keys at 10 s leave the state (event time <= watermark)
        stateRows(2),
        addData(events, ev('a', 11, 5), ev('c', 10, 6), ev('c', 15, 7)),
        // (a, 11) is still in state; (c, 10) is late (<= watermark 10 s), dropped
        checkNewAnswer(['c', 15, 7]),
        addData(events, ev('d', 40, 8)),
        // watermark 30 s: every earlier key is evicted
        checkNewAnswer(['d', 40, 8]),
        stateRows(1),
      ])
    })
  })

  describe('dropDuplicatesWithinWatermark', () => {
    it('should drop a duplicate guid whose event time differs, while the first is within the delay', async () => {
      // `streamingDf.withWatermark("eventTime", "10 hours").dropDuplicatesWithinWatermark("guid")`, here with 10 seconds.
      const events = new MemoryStream(SCHEMA)
      const df = events.toDF().withWatermark('eventTime', '10 seconds').dropDuplicatesWithinWatermark(['guid'])
        .select(col('guid'), expr('second(eventTime)').alias('s'), col('payload'))
      await testStream(df, 'append', [
        addData(events, ev('a', 10, 1), ev('a', 12, 2), ev('b', 15, 3)),
        checkNewAnswer(['a', 10, 1], ['b', 15, 3]),
        // watermark 5 s; 'a' expires at 20 s, 'b' at 25 s
        addData(events, ev('a', 14, 4), ev('b', 30, 5)),
        checkNewAnswer(),
        // watermark 20 s: 'a' (expires at 20 s) is evicted, 'b' (25 s) is kept
        stateRows(1),
        addData(events, ev('a', 28, 6), ev('b', 29, 7), ev('c', 19, 8)),
        // a new 'a' is kept; 'b' is still a duplicate; (c, 19) is behind the watermark (20 s): dropped
        checkNewAnswer(['a', 28, 6]),
      ])
    })

    it('should refuse dropDuplicatesWithinWatermark without a watermark', async () => {
      const events = new MemoryStream(SCHEMA)
      await expect(events.toDF().dropDuplicatesWithinWatermark(['guid']).writeStream.format('memory').queryName('guide_dedup_nowm').start())
        .rejects.toThrow(/dropDuplicatesWithinWatermark is not supported on streaming DataFrames\/DataSets without watermark/)
    })

    it('should refuse dropDuplicatesWithinWatermark on a batch DataFrame, as Spark\'s checkForBatch does', async () => {
      const df = spark.createDataFrame([{ guid: 'a', eventTime: t(1) }], 'guid STRING, eventTime TIMESTAMP')
      await expect(df.withWatermark('eventTime', '1 second').dropDuplicatesWithinWatermark(['guid']).collect())
        .rejects.toThrow(/dropDuplicatesWithinWatermark is not supported with batch DataFrames\/DataSets/)
    })

    it('should refuse complete mode for a deduplication: there is no aggregation', async () => {
      const events = new MemoryStream(SCHEMA)
      await expect(events.toDF().dropDuplicates(['guid']).writeStream.format('memory').queryName('guide_dedup_complete').outputMode('complete').start())
        .rejects.toThrow(/Complete output mode not supported when there are no streaming aggregations/)
    })
  })
})
