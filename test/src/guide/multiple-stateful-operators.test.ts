import { describe, expect, it } from 'vitest'
import { col, count, expr, sum, window, window_time, type DataFrame, type Sluice } from '@sluice/client'
import { MemoryStream, addData, assertOnQuery, checkNewAnswer, startStream, stopStream, testStream } from '@sluice/client/testing'
import { SESSION_MODES } from '../support/session-modes.js'
import { useModeSession } from '../support/mode-session-hooks.js'

// Structured Streaming Programming Guide, "Multiple stateful operators" (Spark 3.4+,
// spark.sql.streaming.statefulOperator.allowMultiple): chained aggregations and a join of windowed
// aggregations run in append mode. Each stateful operator judges late rows by the watermark of the
// previous micro-batch and evicts state by the current one (Spark's PropagateWatermarkSimulator:
// getInputWatermarkForLateEvents(batchId) = the input watermark of batchId − 1), so the rows an
// upstream operator emits when the watermark moves are not late for the operator after it.

let spark: Sluice

const sec = (s: number) => new Date(Date.UTC(2024, 0, 1, 12, 0, s))
const min = (m: number) => new Date(Date.UTC(2024, 0, 1, 12, m))
const startSecond = (c: string) => expr(`second(${c}.start)`)

/** Counts per 5-second window, then per 10-second window over those windows: (start second, windows, events). */
function chainedWindows(input: MemoryStream, secondWindow: (df: DataFrame) => ReturnType<typeof window>): DataFrame {
  const perFive = input.toDF().withWatermark('time', '0 seconds').groupBy(window(col('time'), '5 seconds')).agg(count('*').alias('events'))
  return perFive.groupBy(secondWindow(perFive)).agg(count('*').alias('windows'), sum('events').alias('events'))
    .select(startSecond('window').alias('start'), col('windows'), col('events'))
}

for (const mode of SESSION_MODES) describe(`guide: multiple stateful operators (${mode})`, () => {
  useModeSession(mode, 'guide-multiple-stateful', (s) => { spark = s.spark })

  describe('chained time window aggregations in append mode', () => {
    // Batch 0: 3, 4, 6, 7, 8, 12 → 5-second windows [0,5):2 [5,10):3 [10,15):1, watermark for the next batch 12 s.
    // No-data batch (watermark 12, previous 0): [0,5) and [5,10) close and flow into the second aggregation,
    //   which judges them by the previous watermark (0: not late) and closes [0,10) at 12 → (0, 2, 5).
    // Batch: 9 (window [5,10) closed at 12: late, dropped), 14, 23 → watermark for the next batch 23.
    // No-data batch (23, previous 12): [10,15):2 closes → [10,20) closes at 23 → (10, 1, 2).
    const steps = (input: MemoryStream) => [
      addData(input, sec(3), sec(4), sec(6), sec(7), sec(8), sec(12)),
      checkNewAnswer([0, 2n, 5n]),
      addData(input, sec(9), sec(14), sec(23)),
      checkNewAnswer([10, 1n, 2n]),
      assertOnQuery((q) => {
        // Spark counts the late group of the first aggregation once (after the partial aggregation).
        const dropped = q.recentProgress.flatMap((p) => p.stateOperators.map((o) => o.numRowsDroppedByWatermark))
        expect(dropped.reduce((a, b) => a + b, 0)).toBe(1)
      }, 'one late group dropped'),
    ]

    it('should window a window column (window(col("window"), ...) windows its window_time)', async () => {
      const input = new MemoryStream('time TIMESTAMP')
      await testStream(chainedWindows(input, () => window(col('window'), '10 seconds')), 'append', steps(input))
    })

    it('should run the guide\'s window(window_time(window), ...) chain', async () => {
      const input = new MemoryStream('time TIMESTAMP')
      await testStream(chainedWindows(input, () => window(window_time(col('window')), '10 seconds')), 'append', steps(input))
    })

    it('should keep both aggregations\' state and the previous batch\'s watermark across a restart', async () => {
      const input = new MemoryStream('time TIMESTAMP')
      await testStream(chainedWindows(input, () => window(col('window'), '10 seconds')), 'append', [
        addData(input, sec(3), sec(4), sec(6), sec(7), sec(8), sec(12)),
        checkNewAnswer([0, 2n, 5n]),
        stopStream(),
        addData(input, sec(9), sec(14), sec(23)),
        startStream(),
        checkNewAnswer([10, 1n, 2n]),
      ])
    })

    it('should count words per 10 minutes then per hour (the guide\'s windowedCounts → anotherWindowedCounts)', async () => {
      const words = new MemoryStream('timestamp TIMESTAMP, word STRING')
      const windowedCounts = words.toDF().withWatermark('timestamp', '10 minutes')
        .groupBy(window(col('timestamp'), '10 minutes', '5 minutes'), col('word')).count()
      const anotherWindowedCounts = windowedCounts.groupBy(window(window_time(col('window')), '1 hour'), col('word')).count()
        .select(expr("date_format(window.start, 'HH:mm')"), col('word'), col('count'))
      await testStream(anotherWindowedCounts, 'append', [
        // (12:07, dog) is in the 10-minute windows 12:00–12:10 and 12:05–12:15; (12:52, dog) in 12:45–12:55 and 12:50–13:00.
        addData(words, [min(7), 'dog'], [min(52), 'dog']),
        checkNewAnswer(),
        // 13:30 moves the watermark to 13:20: every dog window closes, all four in the hour 12:00–13:00.
        addData(words, [min(90), 'cat']),
        checkNewAnswer(['12:00', 'dog', 4n]),
      ])
    })
  })

  describe('a join of windowed aggregations in append mode', () => {
    // The guide's Scala example: clicksWindow.join(impressionsWindow, "window", "inner").
    it('should join the final counts of the same window of two streams', async () => {
      const clicks = new MemoryStream('clickTime TIMESTAMP')
      const impressions = new MemoryStream('impressionTime TIMESTAMP')
      const clicksWindow = clicks.toDF().withWatermark('clickTime', '0 seconds').groupBy(window(col('clickTime'), '1 hour')).count()
      const impressionsWindow = impressions.toDF().withWatermark('impressionTime', '0 seconds').groupBy(window(col('impressionTime'), '1 hour')).count()
      expect(await clicksWindow.join(impressionsWindow, 'window', 'inner').columns()).toEqual(['window', 'count', 'count'])
      const joined = clicksWindow.withColumnRenamed('count', 'clicks').join(impressionsWindow.withColumnRenamed('count', 'impressions'), 'window', 'inner')
      const hour = (h: number, m = 0) => new Date(Date.UTC(2024, 0, 1, h, m))
      await testStream(joined.select(expr("date_format(window.start, 'HH:mm')"), col('clicks'), col('impressions')), 'append', [
        addData(clicks, hour(10, 5), hour(10, 40)),
        addData(impressions, hour(10, 1), hour(10, 2), hour(10, 3), hour(11, 30)),
        checkNewAnswer(),
        // Both watermarks pass 11:00 (the global watermark is the min, 11:30 − 0 vs 12:10): window 10:00 closes on both sides.
        addData(clicks, hour(12, 10)),
        checkNewAnswer(['10:00', 2n, 3n]),
      ])
    })
  })

  describe('spark.sql.streaming.statefulOperator confs', () => {
    it('should run chained aggregations in update mode when checkCorrectness.enabled is false (Spark only warns)', async () => {
      spark.conf.set('spark.sql.streaming.statefulOperator.checkCorrectness.enabled', 'false')
      try {
        const input = new MemoryStream('value INT')
        // The documented risk: the second aggregation counts every update of the first, so count 1 for value 2 stays.
        const df = input.toDF().groupBy('value').count().groupBy('count').agg(count('*').alias('values')).select(col('count'), col('values'))
        await testStream(df, 'update', [
          addData(input, 1, 1, 2),
          checkNewAnswer([2n, 1n], [1n, 1n]),
          addData(input, 2),
          checkNewAnswer([2n, 2n]),
        ])
      } finally {
        spark.conf.unset('spark.sql.streaming.statefulOperator.checkCorrectness.enabled')
      }
    })

    it('should judge late rows by the current watermark in every operator when allowMultiple is false', async () => {
      // Spark's UseSingleWatermarkPropagator: the second aggregation drops the windows the first emits.
      spark.conf.set('spark.sql.streaming.statefulOperator.allowMultiple', 'false')
      try {
        const input = new MemoryStream('time TIMESTAMP')
        await testStream(chainedWindows(input, () => window(col('window'), '10 seconds')), 'append', [
          addData(input, sec(3), sec(4), sec(6), sec(7), sec(8), sec(12)),
          checkNewAnswer(),
        ])
      } finally {
        spark.conf.unset('spark.sql.streaming.statefulOperator.allowMultiple')
      }
    })
  })
})
