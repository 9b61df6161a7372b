import { describe, expect, it } from 'vitest'
import { col, count, expr, session_window, window, type DataFrame, type Sluice } from '@sluice/client'
import { MemoryStream, addData, checkLastBatch, checkNewAnswer, expectFailure, startStream, stopStream, testStream } from '@sluice/client/testing'
import { SESSION_MODES } from '../support/session-modes.js'
import { useModeSession } from '../support/mode-session-hooks.js'

// Structured Streaming Programming Guide, "Unsupported Operations" (docs/streaming/apis-on-dataframes-and-datasets.md),
// checked as Spark's UnsupportedOperationChecker does: an AnalysisException when the query starts.

let spark: Sluice

type Mode = 'append' | 'update' | 'complete'
let counter = 0
async function refused(df: DataFrame, mode: Mode, message: RegExp): Promise<void> {
  const started = df.writeStream.format('memory').queryName(`guide_unsupported_${++counter}`).outputMode(mode).start()
  await expect(started).rejects.toMatchObject({ name: 'AnalysisError' })
  await expect(df.writeStream.format('memory').queryName(`guide_unsupported_${++counter}`).outputMode(mode).start()).rejects.toThrow(message)
  expect(spark.streams.active.map((q) => q.name)).not.toContain(`guide_unsupported_${counter}`)
}

const numbers = () => new MemoryStream('value INT')
const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 12, minute))

for (const mode of SESSION_MODES) describe(`guide: unsupported operations (${mode})`, () => {
  useModeSession(mode, 'guide-unsupported', (s) => { spark = s.spark })

  describe('sorting', () => {
    it('should refuse sorting a stream that is not aggregated, in every mode', async () => {
      for (const mode of ['append', 'update'] as const) {
        await refused(numbers().toDF().orderBy('value'), mode,
          /Sorting is not supported on streaming DataFrames\/Datasets, unless it is on aggregated DataFrame\/Dataset in Complete output mode/)
      }
    })

    it('should refuse sorting an aggregation in update mode', async () => {
      await refused(numbers().toDF().groupBy('value').count().orderBy('count'), 'update', /Sorting is not supported on streaming DataFrames\/Datasets/)
    })

    it('should sort an aggregation in complete mode', async () => {
      const input = numbers()
      await testStream(input.toDF().groupBy('value').count().orderBy(col('count').desc(), col('value')), 'complete', [
        addData(input, 5, 7, 7, 9, 9, 9),
        checkLastBatch([9, 3n], [7, 2n], [5, 1n]),
      ])
    })
  })

  describe('limit', () => {
    it('should refuse limit in update mode', async () => {
      await refused(numbers().toDF().limit(2), 'update', /Limits are not supported on streaming DataFrames\/Datasets in Update output mode/)
      await refused(numbers().toDF().groupBy('value').count().limit(2), 'update', /Limits are not supported on streaming DataFrames\/Datasets in Update output mode/)
    })

    it('should apply limit to the whole result table in complete mode', async () => {
      const input = numbers()
      await testStream(input.toDF().groupBy('value').count().orderBy(col('count').desc()).limit(2), 'complete', [
        addData(input, 1, 2, 2, 3, 3, 3),
        checkLastBatch([3, 3n], [2, 2n]),
        addData(input, 1, 1, 1),
        checkLastBatch([1, 4n], [3, 3n]),
      ])
    })

    it('should take the first N rows of the whole stream in append mode, not N per batch', async () => {
      // Spark runs a streaming limit in append mode as StreamingGlobalLimitExec, whose state counts the rows emitted so far.
      const input = numbers()
      await testStream(input.toDF().limit(3), 'append', [
        addData(input, 1, 2),
        checkNewAnswer(1, 2),
        addData(input, 3, 4),
        checkNewAnswer(3),
        addData(input, 5),
        checkNewAnswer(),
        stopStream(),
        startStream(),
        addData(input, 6),
        checkNewAnswer(),
      ])
    })
  })

  describe('limit after or before an aggregation (Spark\'s StreamingGlobalLimitStrategy)', () => {
    // UnsupportedOperationChecker refuses a streaming limit only in Update mode. In Append mode, or in Complete mode
    // over no streaming aggregation, it is a StreamingGlobalLimitExec: its state counts the rows emitted so far.
    it('should take the first N final windows of the whole stream in append mode', async () => {
      const input = new MemoryStream('time TIMESTAMP')
      const df = input.toDF().withWatermark('time', '0 seconds').groupBy(window(col('time'), '10 minutes')).count()
        .limit(2).selectExpr("date_format(window.start, 'HH:mm')", 'count')
      await testStream(df, 'append', [
        addData(input, at(1), at(2), at(12)),
        // watermark 12:12: window 12:00–12:10 is final
        checkNewAnswer(['12:00', 2n]),
        addData(input, at(25)),
        // watermark 12:25: 12:10–12:20 is final, the second and last row the limit lets through
        checkNewAnswer(['12:10', 1n]),
        addData(input, at(41)),
        // watermark 12:41: 12:20–12:30 is final, but the limit is reached
        checkNewAnswer(),
      ])
    })

    it('should limit the stream\'s rows across batches before an aggregation in complete mode', async () => {
      const input = numbers()
      await testStream(input.toDF().limit(3).groupBy().count(), 'complete', [
        addData(input, 1, 2),
        checkLastBatch([2n]),
        addData(input, 3, 4),
        checkLastBatch([3n]),
        addData(input, 5),
        checkLastBatch([3n]),
      ])
    })
  })

  describe('chaining stateful operations', () => {
    it('should refuse two aggregations in update and complete modes, as a possible correctness issue', async () => {
      for (const mode of ['update', 'complete'] as const) {
        await refused(numbers().toDF().groupBy('value').count().groupBy('count').count(), mode,
          /Detected pattern of possible 'correctness' issue due to global watermark/)
      }
    })

    it('should refuse distinct aggregations and suggest approx_count_distinct', async () => {
      const input = new MemoryStream('k STRING, v INT')
      await refused(input.toDF().groupBy('k').agg(expr('count(DISTINCT v)')), 'complete',
        /Distinct aggregations are not supported on streaming DataFrames\/Datasets. Consider using approx_count_distinct\(\) instead/)
    })
  })

  describe('other operations', () => {
    it('should refuse a union of a stream and a batch DataFrame', async () => {
      const batch = spark.createDataFrame([[1]], 'value INT')
      await refused(numbers().toDF().union(batch), 'append', /Union between streaming and batch DataFrames\/Datasets is not supported/)
    })

    it('should refuse intersect of streams and except with a stream on the right', async () => {
      const batch = spark.createDataFrame([[1]], 'value INT')
      await refused(numbers().toDF().intersect(batch), 'append', /Intersect of streaming DataFrames\/Datasets is not supported/)
      await refused(batch.subtract(numbers().toDF()), 'append', /Except on a streaming DataFrame\/Dataset on the right is not supported/)
    })

    it('should refuse complete mode without aggregation', async () => {
      await refused(numbers().toDF().where('value > 1'), 'complete',
        /Complete output mode not supported when there are no streaming aggregations on streaming DataFrames\/Datasets/)
    })
  })

  describe('except with a stream on the left and a static DataFrame on the right', () => {
    // Spark's UnsupportedOperationChecker refuses Except only with a stream on the right, and checks the analyzed plan,
    // where Except is not an aggregation. Its optimizer then makes it a streaming Distinct (an aggregation over every
    // column) over a null-safe left anti join (ReplaceExceptWithAntiJoin): rows come out as aggregated groups do.
    const blocked = () => spark.createDataFrame([[2], [4]], 'value INT')

    it('should write the batch\'s rows not in the static side, each distinct row in each batch it occurs, in update mode', async () => {
      const input = numbers()
      await testStream(input.toDF().subtract(blocked()), 'update', [
        addData(input, 1, 2, 3, 3),
        checkNewAnswer(1, 3),
        addData(input, 3, 4, 5),
        checkNewAnswer(3, 5),
      ])
    })

    it('should refuse complete mode (no aggregation before the optimizer)', async () => {
      await refused(numbers().toDF().subtract(blocked()), 'complete',
        /Complete output mode not supported when there are no streaming aggregations on streaming DataFrames\/Datasets/)
    })

    it('should fail the first batch in append mode without a watermark, as Spark\'s StateStoreSaveExec asserts', async () => {
      const input = numbers()
      await testStream(input.toDF().subtract(blocked()), 'append', [
        addData(input, 1),
        expectFailure(() => true, /Watermark needs to be defined for streaming aggregation query in append mode/),
      ])
    })

    it('should emit a distinct row once the watermark passes its event time in append mode', async () => {
      const input = new MemoryStream('time TIMESTAMP, user STRING')
      const bots = spark.createDataFrame([[at(1), 'bot']], 'time TIMESTAMP, user STRING')
      const df = input.toDF().withWatermark('time', '0 seconds').subtract(bots).selectExpr("date_format(time, 'HH:mm')", 'user')
      await testStream(df, 'append', [
        addData(input, [at(1), 'bot'], [at(1), 'ann'], [at(1), 'ann'], [at(3), 'bob']),
        // watermark 12:03 closes both remaining rows
        checkNewAnswer(['12:01', 'ann'], ['12:03', 'bob']),
        // 12:02 is behind the previous batch's watermark: late, dropped
        addData(input, [at(2), 'cat']),
        checkNewAnswer(),
      ])
    })
  })

  describe('session windows in streaming queries', () => {
    it('should refuse update mode for a session window aggregation', async () => {
      // "Update mode as output mode is not supported."
      const df = events().toDF().withWatermark('time', '10 minutes').groupBy(session_window(col('time'), '5 minutes'), col('userId')).count()
      await refused(df, 'update', /Update output mode not supported for session window on streaming DataFrames\/DataSets/)
    })

    it('should refuse a global session window (no other grouping column) in a streaming query', async () => {
      const df = events().toDF().withWatermark('time', '10 minutes').groupBy(session_window(col('time'), '5 minutes')).count()
      await refused(df, 'append', /Global aggregation with session window in streaming query is not supported/)
    })

    it('should count sessions per user in append mode', async () => {
      const input = events()
      const df = input.toDF().withWatermark('time', '10 minutes').groupBy(session_window(col('time'), '5 minutes'), col('userId')).agg(count('*').alias('n'))
        .select(col('userId'), col('session_window.start'), col('session_window.end'), col('n'))
      await testStream(df, 'append', [
        // a session closes when its end (last event + gap) is <= the watermark: 12:10 closes 12:00–12:08
        addData(input, [at(0), 'u1'], [at(3), 'u1'], [at(20), 'u1']),
        checkNewAnswer(['u1', at(0), at(8), 2n]),
        addData(input, [at(40), 'u2']),
        // watermark 12:30 closes 12:20–12:25
        checkNewAnswer(['u1', at(20), at(25), 1n]),
      ])
    })
  })

  describe('actions on a streaming DataFrame', () => {
    // "count(), foreach(), show() ... will not work on streaming Datasets" — they must run through writeStream.start().
    it('should refuse count, collect and show with "Queries with streaming sources must be executed with writeStream.start()"', async () => {
      const df = numbers().toDF()
      for (const action of [() => df.count(), () => df.collect(), () => df.show()]) {
        await expect(action()).rejects.toThrow(/Queries with streaming sources must be executed with writeStream.start\(\)/)
      }
    })

    it('should say isStreaming for a DataFrame over a stream, also through a temp view and spark.sql', async () => {
      const df = numbers().toDF()
      expect(df.isStreaming).toBe(true)
      df.createOrReplaceTempView('guide_updates')
      expect(spark.sql('select count(*) from guide_updates').isStreaming).toBe(true)
      expect(spark.createDataFrame([[1]], 'value INT').isStreaming).toBe(false)
    })

    it('should run SQL over a streaming temp view as another streaming query', async () => {
      const input = numbers()
      input.toDF().createOrReplaceTempView('guide_updates_sql')
      await testStream(spark.sql('select count(*) as n from guide_updates_sql'), 'complete', [
        addData(input, 1, 2, 3),
        checkLastBatch([3n]),
      ])
    })
  })

  function events() { return new MemoryStream('time TIMESTAMP, userId STRING') }

  describe('SQL DISTINCT on a stream', () => {
    // Spark's optimizer turns Distinct into an Aggregate over every column (ReplaceDistinctWithAggregate), and
    // UnsupportedOperationChecker counts a streaming Distinct as an aggregation. Dataset.distinct() is different:
    // "this method returns distinct rows only once regardless of output mode, which the behavior may not be same
    // with DISTINCT in SQL against streaming Dataset" (it is dropDuplicates()).
    it('should refuse SELECT DISTINCT in append mode without a watermark, as a streaming aggregation', async () => {
      numbers().toDF().createOrReplaceTempView('guide_distinct_append')
      await refused(spark.sql('SELECT DISTINCT value FROM guide_distinct_append'), 'append',
        /Append output mode not supported when there are streaming aggregations on streaming DataFrames\/DataSets without watermark/)
    })

    it('should keep every distinct row in complete mode and re-emit the updated ones in update mode', async () => {
      const complete = numbers()
      complete.toDF().createOrReplaceTempView('guide_distinct_complete')
      await testStream(spark.sql('SELECT DISTINCT value FROM guide_distinct_complete'), 'complete', [
        addData(complete, 1, 2, 2),
        checkLastBatch([1], [2]),
        addData(complete, 2, 3),
        checkLastBatch([1], [2], [3]),
      ])
      const update = numbers()
      update.toDF().createOrReplaceTempView('guide_distinct_update')
      await testStream(spark.sql('SELECT DISTINCT value FROM guide_distinct_update'), 'update', [
        addData(update, 1, 2, 2),
        checkNewAnswer(1, 2),
        // 2 is a group this batch updates: the aggregation writes it again.
        addData(update, 2, 3),
        checkNewAnswer(2, 3),
      ])
    })

    it('should emit a distinct row once the watermark passes its event time in append mode', async () => {
      const input = new MemoryStream('time TIMESTAMP, value STRING')
      input.toDF().withWatermark('time', '1 minute').createOrReplaceTempView('guide_distinct_watermark')
      await testStream(spark.sql('SELECT DISTINCT time, value FROM guide_distinct_watermark').selectExpr("date_format(time, 'HH:mm')", 'value'), 'append', [
        addData(input, [at(0), 'a'], [at(0), 'a'], [at(5), 'b']),
        // watermark 12:04: (12:00, a) is final
        checkNewAnswer(['12:00', 'a']),
        addData(input, [at(10), 'c']),
        checkNewAnswer(['12:05', 'b']),
      ])
    })

    it('should deduplicate with DataFrame.distinct() in append mode without a watermark (dropDuplicates)', async () => {
      const input = numbers()
      await testStream(input.toDF().distinct(), 'append', [
        addData(input, 1, 2, 2),
        checkNewAnswer(1, 2),
        addData(input, 2, 3),
        checkNewAnswer(3),
      ])
    })
  })
})
