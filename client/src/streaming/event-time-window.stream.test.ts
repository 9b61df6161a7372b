import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../session/sluice.js'
import { MemoryStream } from '../testing/memory-stream.js'
import { testStream } from '../testing/stream-test.js'
import { addData, assertOnQuery, checkAnswer, checkNewAnswer, execute, startStream, stopStream, type StreamAction } from '../testing/stream-actions.js'
import { WindowedCountModel } from '../testing/windowed-count-model.js'
import { count, window } from '../functions/index.js'
import { col, expr, lit } from '../column/index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('event-time-window-stream-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

/** Spark's EventTimeWatermarkSuite shape: seconds in, window start (seconds) and count out. */
function windowedCounts(input: MemoryStream, size: string, slide?: string) {
  return input.toDF()
    .withColumn('eventTime', expr('cast(value as timestamp)'))
    .withWatermark('eventTime', '10 seconds')
    .groupBy(window('eventTime', size, slide))
    .agg(count('*').alias('count'))
    .select(col('window.start').cast('long').alias('start'), col('count'))
}

const droppedByWatermark = (n: number) => assertOnQuery((q) => {
  expect(q.lastProgress?.stateOperators[0]?.numRowsDroppedByWatermark ?? -1).toBe(n)
}, `numRowsDroppedByWatermark = ${n}`)
const stateRows = (n: number) => assertOnQuery((q) => {
  expect(q.lastProgress?.stateOperators[0]?.numRowsTotal ?? -1).toBe(n)
}, `numRowsTotal = ${n}`)

/** Actions adding each batch of seconds and checking the new rows against the reference model. */
function modelScript(input: MemoryStream, model: WindowedCountModel, batches: readonly number[][], restartAfter: ReadonlySet<number> = new Set()): StreamAction[] {
  const actions: StreamAction[] = []
  batches.forEach((batch, i) => {
    actions.push(addData(input, ...batch))
    const result = model.processBatch(batch.map((s) => s * 1000))
    const rows = result.emitted.map((w) => [BigInt(w.startMs / 1000), BigInt(w.count)])
    actions.push(model.mode === 'complete' ? checkAnswer(...model.allWindows().map((w) => [BigInt(w.startMs / 1000), BigInt(w.count)])) : checkNewAnswer(...rows))
    if (restartAfter.has(i)) actions.push(stopStream(), startStream())
  })
  return actions
}

const SECONDS: number[][] = [[10, 11, 12, 13, 14, 15], [25], [10, 25, 26, 27], [40], [10, 33, 41], [60], [5, 71]]

describe('event-time windows with a watermark', () => {
  it('should emit a tumbling window in append mode once the watermark passes its end, and drop late rows', async () => {
    const input = new MemoryStream('value INT')
    await testStream(windowedCounts(input, '5 seconds'), 'append', [
      addData(input, 10, 11, 12, 13, 14, 15),
      checkNewAnswer(),
      addData(input, 25), // watermark 25 - 10 = 15 after this batch: [10, 15) closes
      checkNewAnswer([10n, 5n]),
      stateRows(2),
      droppedByWatermark(0),
      addData(input, 10), // window [10, 15) ends at 15 <= watermark 15: late
      checkNewAnswer(),
      stateRows(2),
      droppedByWatermark(1),
      execute(({ query }) => { expect(query.lastProgress?.eventTime['watermark']).toBe('1970-01-01T00:00:15.000Z') }),
    ])
  })

  it('should count late groups, not late rows, in numRowsDroppedByWatermark (Spark drops them after the partial aggregation)', async () => {
    // MultiStatefulOperatorsSuite: rows 10..19 late against watermark 21 fall in the windows [10, 15) and [15, 20),
    // and the aggregation reports 2 rows dropped.
    const input = new MemoryStream('value INT')
    await testStream(windowedCounts(input, '5 seconds'), 'update', [
      addData(input, 31),
      checkNewAnswer([30n, 1n]),
      addData(input, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 31), // watermark 21: ten late rows in two windows
      checkNewAnswer([30n, 2n]),
      droppedByWatermark(2),
    ])
  })

  it('should emit changed windows in update mode and ignore late rows', async () => {
    const input = new MemoryStream('value INT')
    await testStream(windowedCounts(input, '5 seconds'), 'update', [
      addData(input, 10, 11, 12, 13, 14, 15),
      checkNewAnswer([10n, 5n], [15n, 1n]),
      addData(input, 25),
      checkNewAnswer([25n, 1n]),
      addData(input, 10, 25, 26, 27), // 10 is late (watermark 15)
      checkNewAnswer([25n, 4n]),
      addData(input, 40),
      checkNewAnswer([40n, 1n]),
      addData(input, 10),
      checkNewAnswer(),
    ])
  })

  for (const mode of ['append', 'update', 'complete'] as const) {
    it(`should match the reference for tumbling windows in ${mode} mode, straight through and with restarts`, async () => {
      const straight = new MemoryStream('value INT')
      await testStream(windowedCounts(straight, '10 seconds'), mode, modelScript(straight, new WindowedCountModel(10_000, 10_000, 10_000, mode), SECONDS))
      const restarted = new MemoryStream('value INT')
      await testStream(windowedCounts(restarted, '10 seconds'), mode, modelScript(restarted, new WindowedCountModel(10_000, 10_000, 10_000, mode), SECONDS, new Set([0, 2, 4])))
    })

    it(`should match the reference for sliding windows (10 s every 5 s) in ${mode} mode, straight through and with restarts`, async () => {
      const straight = new MemoryStream('value INT')
      await testStream(windowedCounts(straight, '10 seconds', '5 seconds'), mode, modelScript(straight, new WindowedCountModel(10_000, 5_000, 10_000, mode), SECONDS))
      const restarted = new MemoryStream('value INT')
      await testStream(windowedCounts(restarted, '10 seconds', '5 seconds'), mode, modelScript(restarted, new WindowedCountModel(10_000, 5_000, 10_000, mode), SECONDS, new Set([1, 3])))
    })
  }

  // Spark's EventTimeWatermarkSuite "complete mode": complete mode keeps every group, so a
  // late row still counts ("Complete mode requires all aggregate data to be preserved").
  it('should count late rows in complete mode, as Spark keeps everything', async () => {
    const input = new MemoryStream('value INT')
    await testStream(windowedCounts(input, '5 seconds'), 'complete', [
      addData(input, 10, 11, 12),
      checkAnswer([10n, 3n]),
      addData(input, 25),
      checkAnswer([10n, 3n], [25n, 1n]),
      addData(input, 25),
      checkAnswer([10n, 3n], [25n, 2n]),
      addData(input, 10),
      checkAnswer([10n, 4n], [25n, 2n]),
      addData(input, 25),
      checkAnswer([10n, 4n], [25n, 3n]),
    ])
  })

  it('should give the window as a struct of start and end timestamps', async () => {
    const input = new MemoryStream('eventTime TIMESTAMP, device STRING')
    const df = input.toDF().withWatermark('eventTime', '1 minute').groupBy(window('eventTime', '10 minutes'), 'device').count()
    const w = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) })
    await testStream(df, 'update', [
      addData(input, ['2024-05-01 10:01:00', 'a'], ['2024-05-01 10:09:59', 'a'], ['2024-05-01 10:10:00', 'b']),
      checkNewAnswer([w('2024-05-01T10:00:00Z', '2024-05-01T10:10:00Z'), 'a', 2n], [w('2024-05-01T10:10:00Z', '2024-05-01T10:20:00Z'), 'b', 1n]),
      execute(({ query }) => { expect(query.lastProgress?.eventTime['watermark']).toBe('2024-05-01T10:09:00.000Z') }),
    ])
  })

  it('should window the course event time cast(cast(Creation_Time as double)/1000000000 as timestamp)', async () => {
    const input = new MemoryStream('Creation_Time BIGINT, gt STRING')
    const df = input.toDF()
      .withColumn('event_time', expr('cast(cast(Creation_Time as double)/1000000000 as timestamp)'))
      .withWatermark('event_time', '30 minutes')
      .groupBy(window(col('event_time'), '10 minutes'), col('gt'))
      .count()
      .select(col('window.start').alias('start'), col('gt'), col('count'))
    const nanos = (iso: string, extraNanos = 0n) => BigInt(Date.parse(iso)) * 1_000_000n + extraNanos
    await testStream(df, 'append', [
      addData(input, [nanos('2015-02-23T10:00:01Z', 123_456_789n), 'sit'], [nanos('2015-02-23T10:09:59Z'), 'sit'], [nanos('2015-02-23T10:05:00Z'), 'walk']),
      checkNewAnswer(),
      addData(input, [nanos('2015-02-23T10:45:00Z'), 'bike']), // watermark 10:15: the 10:00 windows close
      checkNewAnswer([new Date('2015-02-23T10:00:00Z'), 'sit', 2n], [new Date('2015-02-23T10:00:00Z'), 'walk', 1n]),
    ])
  })

  it('should keep the watermark and state across a restart in append mode', async () => {
    const input = new MemoryStream('value INT')
    await testStream(windowedCounts(input, '5 seconds'), 'append', [
      addData(input, 10, 11),
      checkNewAnswer(),
      stopStream(),
      startStream(),
      addData(input, 26), // watermark 16: [10, 15) closes with the 2 rows from before the restart
      checkNewAnswer([10n, 2n]),
      stopStream(),
      addData(input, 12), // still late after a restart: the watermark (16) lives in the checkpoint
      startStream(),
      checkNewAnswer(),
      droppedByWatermark(1),
    ])
  })

  // EventTimeWatermarkSuite groups by `window(...) as "window"`: an aliased grouping expression.
  it('should group by an aliased window', async () => {
    const input = new MemoryStream('value INT')
    const df = input.toDF().withColumn('eventTime', expr('cast(value as timestamp)')).withWatermark('eventTime', '10 seconds')
      .groupBy(window('eventTime', '5 seconds').alias('w')).count().select(col('w.start').cast('long'), col('count'))
    await testStream(df, 'update', [addData(input, 10, 11), checkNewAnswer([10n, 2n])])
  })

  it('should count every row of a filter before the windowed aggregation', async () => {
    const input = new MemoryStream('value INT')
    const df = input.toDF().where(col('value').geq(lit(0)))
      .withColumn('eventTime', expr('cast(value as timestamp)')).withWatermark('eventTime', '0 seconds')
      .groupBy(window('eventTime', '10 seconds')).count().select(col('window.start').cast('long'), col('count'))
    await testStream(df, 'append', [
      addData(input, 1, -5, 2, 11),
      checkNewAnswer([0n, 2n]),
    ])
  })
})
