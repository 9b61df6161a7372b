import { describe, expect, it } from 'vitest'
import { col, expr, window, type DataFrame, type Sluice } from '@sluice/client'
import { MemoryStream, addData, assertOnQuery, checkNewAnswer, startStream, stopStream, testStream } from '@sluice/client/testing'
import { SESSION_MODES } from '../support/session-modes.js'
import { useModeSession } from '../support/mode-session-hooks.js'

// Structured Streaming Programming Guide, "Window Operations on Event Time" and
// "Handling Late Data and Watermarking" (docs/streaming/apis-on-dataframes-and-datasets.md).

let spark: Sluice

const SCHEMA = 'timestamp TIMESTAMP, word STRING'
const at = (hhmm: string) => `2024-01-01 ${hhmm}:00`
const row = (hhmm: string, word: string) => [at(hhmm), word]

/** The guide's query: `words.withWatermark("timestamp", "10 minutes").groupBy(window(timestamp, "10 minutes", "5 minutes"), word).count()`. */
function windowedCounts(words: MemoryStream): DataFrame {
  return words.toDF()
    .withWatermark('timestamp', '10 minutes')
    .groupBy(window(col('timestamp'), '10 minutes', '5 minutes'), col('word'))
    .count()
    .select(expr("date_format(window.start, 'HH:mm')").alias('start'), expr("date_format(window.end, 'HH:mm')").alias('end'), col('word'), col('count'))
}

const watermarkIs = (hhmm: string) => assertOnQuery((q) => {
  expect(q.lastProgress?.eventTime['watermark']).toBe(`2024-01-01T${hhmm}:00.000Z`)
}, `watermark = ${hhmm}`)

// The guide's late-data timeline (its illustrations), one micro-batch per arrival group:
//   12:05–12:10  (12:07, dog) (12:08, owl)
//   12:10–12:15  (12:14, dog) (12:09, cat)                      → watermark for the next trigger 12:04
//   12:15–12:20  (12:15, cat) (12:08, dog) (12:13, owl) (12:21, owl) → watermark 12:11
//   12:20–12:25  (12:17, owl) (12:04, donkey)                    → (12:04, donkey) is too late, dropped
// Each row counts in the two 10-minute windows sliding every 5 minutes that contain it.
for (const mode of SESSION_MODES) describe(`guide: windows and watermarks (${mode})`, () => {
  useModeSession(mode, 'guide-watermark', (s) => { spark = s.spark })

  describe('the guide\'s late-data timeline', () => {
    it('should write the updated counts of each trigger in update mode, and drop (12:04, donkey) once the watermark is 12:11', async () => {
      const words = new MemoryStream(SCHEMA)
      await testStream(windowedCounts(words), 'update', [
        addData(words, row('12:07', 'dog'), row('12:08', 'owl')),
        checkNewAnswer(['12:00', '12:10', 'dog', 1n], ['12:05', '12:15', 'dog', 1n], ['12:00', '12:10', 'owl', 1n], ['12:05', '12:15', 'owl', 1n]),
        addData(words, row('12:14', 'dog'), row('12:09', 'cat')),
        // (12:09, cat) is late but ahead of the watermark (11:58 in this trigger): still counted.
        checkNewAnswer(['12:05', '12:15', 'dog', 2n], ['12:10', '12:20', 'dog', 1n], ['12:00', '12:10', 'cat', 1n], ['12:05', '12:15', 'cat', 1n]),
        watermarkIs('12:04'),
        addData(words, row('12:15', 'cat'), row('12:08', 'dog'), row('12:13', 'owl'), row('12:21', 'owl')),
        checkNewAnswer(
          ['12:10', '12:20', 'cat', 1n], ['12:15', '12:25', 'cat', 1n],
          ['12:00', '12:10', 'dog', 2n], ['12:05', '12:15', 'dog', 3n],
          ['12:05', '12:15', 'owl', 2n], ['12:10', '12:20', 'owl', 1n],
          ['12:15', '12:25', 'owl', 1n], ['12:20', '12:30', 'owl', 1n],
        ),
        watermarkIs('12:11'),
        addData(words, row('12:17', 'owl'), row('12:04', 'donkey')),
        checkNewAnswer(['12:10', '12:20', 'owl', 2n], ['12:15', '12:25', 'owl', 2n]),
        assertOnQuery((q) => { expect(q.lastProgress?.stateOperators[0]?.numRowsDroppedByWatermark).toBe(2) }, 'both donkey windows dropped'),
      ])
    })

    it('should append a window\'s final count only once the watermark passes its end in append mode', async () => {
      const words = new MemoryStream(SCHEMA)
      await testStream(windowedCounts(words), 'append', [
        addData(words, row('12:07', 'dog'), row('12:08', 'owl')),
        checkNewAnswer(),
        addData(words, row('12:14', 'dog'), row('12:09', 'cat')),
        checkNewAnswer(),
        addData(words, row('12:15', 'cat'), row('12:08', 'dog'), row('12:13', 'owl'), row('12:21', 'owl')),
        // "the final counts of window 12:00 - 12:10 is appended to the Result Table only after the watermark is updated to 12:11"
        checkNewAnswer(['12:00', '12:10', 'dog', 2n], ['12:00', '12:10', 'owl', 1n], ['12:00', '12:10', 'cat', 1n]),
        addData(words, row('12:17', 'owl'), row('12:04', 'donkey')),
        checkNewAnswer(),
        // 12:26 moves the watermark to 12:16: window 12:05–12:15 is final.
        addData(words, row('12:26', 'cat')),
        checkNewAnswer(['12:05', '12:15', 'dog', 3n], ['12:05', '12:15', 'owl', 2n], ['12:05', '12:15', 'cat', 1n]),
      ])
    })

    it('should keep the watermark and the windows\' state across a restart in append mode', async () => {
      const words = new MemoryStream(SCHEMA)
      await testStream(windowedCounts(words), 'append', [
        addData(words, row('12:07', 'dog'), row('12:08', 'owl')),
        addData(words, row('12:14', 'dog'), row('12:09', 'cat')),
        checkNewAnswer(),
        stopStream(),
        startStream(),
        addData(words, row('12:15', 'cat'), row('12:08', 'dog'), row('12:13', 'owl'), row('12:21', 'owl')),
        checkNewAnswer(['12:00', '12:10', 'dog', 2n], ['12:00', '12:10', 'owl', 1n], ['12:00', '12:10', 'cat', 1n]),
        stopStream(),
        addData(words, row('12:04', 'donkey')),
        startStream(),
        checkNewAnswer(),
        assertOnQuery((q) => { expect(q.lastProgress?.stateOperators[0]?.numRowsDroppedByWatermark).toBe(2) }, 'donkey dropped after restart'),
      ])
    })
  })

  describe('event-time windows', () => {
    it('should put a row at 12:07 in the windows 12:00–12:10 and 12:05–12:15', async () => {
      const words = new MemoryStream(SCHEMA)
      const df = words.toDF().groupBy(window(col('timestamp'), '10 minutes', '5 minutes'), col('word')).count()
        .select(expr("date_format(window.start, 'HH:mm')"), expr("date_format(window.end, 'HH:mm')"), col('word'), col('count'))
      await testStream(df, 'complete', [
        addData(words, row('12:07', 'dog')),
        checkNewAnswer(['12:00', '12:10', 'dog', 1n], ['12:05', '12:15', 'dog', 1n]),
      ])
    })

    it('should window a window: window(window_time(window), "1 hour") for chained aggregations', async () => {
      // "Representation of the time for time window": window_time is window.end - 1 microsecond.
      const words = new MemoryStream(SCHEMA)
      const df = words.toDF().select(expr('window_time(window(timestamp, "5 minutes"))').alias('t'))
        .select(expr("date_format(t, 'HH:mm:ss.SSSSSS')").alias('t'), expr("date_format(window(t, '1 hour').start, 'HH:mm')").alias('hour'))
      await testStream(df, 'append', [
        addData(words, row('12:07', 'dog'), row('12:59', 'owl')),
        checkNewAnswer(['12:09:59.999999', '12:00'], ['12:59:59.999999', '12:00']),
      ])
    })
  })

  describe('conditions for watermarking to clean aggregation state', () => {
    it('should refuse append mode when the watermark is on another column than the aggregation\'s', async () => {
      // `df.withWatermark("time", "1 min").groupBy("time2").count()` is invalid in Append output mode.
      const input = new MemoryStream('time TIMESTAMP, time2 TIMESTAMP')
      const df = input.toDF().withWatermark('time', '1 minute').groupBy('time2').count()
      await expect(df.writeStream.format('memory').queryName('guide_wm_other_col').outputMode('append').start())
        .rejects.toThrow(/Append output mode not supported when there are streaming aggregations on streaming DataFrames\/DataSets without watermark/)
    })

    it('should refuse append mode when withWatermark comes after the aggregation', async () => {
      // `df.groupBy("time").count().withWatermark("time", "1 min")` is invalid in Append output mode.
      const input = new MemoryStream('time TIMESTAMP')
      const df = input.toDF().groupBy('time').count().withWatermark('time', '1 minute')
      await expect(df.writeStream.format('memory').queryName('guide_wm_after_agg').outputMode('append').start())
        .rejects.toThrow(/Append output mode not supported/)
    })

    it('should group by the event-time column itself in append mode, emitting a group once the watermark passes it', async () => {
      const input = new MemoryStream('time TIMESTAMP')
      const df = input.toDF().withWatermark('time', '1 minute').groupBy('time').count()
        .select(expr("date_format(time, 'HH:mm')"), col('count'))
      await testStream(df, 'append', [
        // watermark 12:00: a group whose time is <= the watermark is final (Spark evicts key <= watermark)
        addData(input, at('12:00'), at('12:00'), at('12:01')),
        checkNewAnswer(['12:00', 2n]),
        addData(input, at('12:02')),
        checkNewAnswer(['12:01', 1n]),
      ])
    })

    it('should ignore withWatermark on a batch DataFrame', async () => {
      // "using withWatermark on a non-streaming Dataset is no-op"
      const df = spark.createDataFrame([{ time: new Date('2024-01-01T12:00:00Z') }, { time: new Date('2000-01-01T00:00:00Z') }], 'time TIMESTAMP')
      expect(await df.withWatermark('time', '1 minute').count()).toBe(2)
    })
  })

  describe('semantic guarantees of aggregation with watermarking', () => {
    it('should count a row less late than the delay, and drop one later than the delay and its window', async () => {
      const input = new MemoryStream('time TIMESTAMP')
      const df = input.toDF().withWatermark('time', '2 hours').groupBy(window(col('time'), '1 hour')).count()
        .select(expr("date_format(window.start, 'HH:mm')"), col('count'))
      await testStream(df, 'update', [
        addData(input, at('14:30')),
        checkNewAnswer(['14:00', 1n]),
        // watermark 12:30: 12:40 is 1 h 50 min behind the latest event: aggregated.
        addData(input, at('12:40')),
        checkNewAnswer(['12:00', 1n]),
        // its window 11:00–12:00 ends before the watermark: dropped.
        addData(input, at('11:20')),
        checkNewAnswer(),
      ])
    })
  })

  describe('policy for handling multiple watermarks', () => {
    const unioned = (a: MemoryStream, b: MemoryStream) => a.toDF().withWatermark('time', '10 minutes')
      .union(b.toDF().withWatermark('time', '20 minutes'))
      .groupBy(window(col('time'), '10 minutes')).count()
      .select(expr("date_format(window.start, 'HH:mm')"), col('count'))

    it('should move the global watermark at the pace of the slowest stream by default (min)', async () => {
      const a = new MemoryStream('time TIMESTAMP')
      const b = new MemoryStream('time TIMESTAMP')
      await testStream(unioned(a, b), 'append', [
        addData(a, at('13:00')),
        checkNewAnswer(),
        // Stream b has seen nothing: its watermark counts as 0, so the global watermark stays at 0.
        assertOnQuery((q) => { expect(q.lastProgress?.eventTime['watermark']).toBe('1970-01-01T00:00:00.000Z') }, 'watermark still 0'),
        addData(b, at('12:40')),
        // a: 12:50, b: 12:20 → min 12:20
        checkNewAnswer(),
        watermarkIs('12:20'),
        // 12:25 is behind stream a's own watermark (12:50) but not the global one: counted.
        addData(a, at('12:25')),
        checkNewAnswer(),
        addData(b, at('13:20')),
        // a: 12:50, b: 13:00 → min 12:50: windows 12:20–12:30 and 12:40–12:50 are final
        checkNewAnswer(['12:20', 1n], ['12:40', 1n]),
      ])
    })

    it('should move it at the pace of the fastest stream with spark.sql.streaming.multipleWatermarkPolicy=max', async () => {
      spark.conf.set('spark.sql.streaming.multipleWatermarkPolicy', 'max')
      try {
        const a = new MemoryStream('time TIMESTAMP')
        const b = new MemoryStream('time TIMESTAMP')
        await testStream(unioned(a, b), 'append', [
          addData(a, at('13:00')),
          addData(b, at('12:40')),
          startStream(),
          // a: 12:50, b: 12:20 → max 12:50: window 12:40–12:50 is final
          checkNewAnswer(['12:40', 1n]),
          watermarkIs('12:50'),
          // data of the slower stream now counts as late
          addData(b, at('12:45')),
          checkNewAnswer(),
        ])
      } finally {
        spark.conf.set('spark.sql.streaming.multipleWatermarkPolicy', 'min')
      }
    })
  })
})
