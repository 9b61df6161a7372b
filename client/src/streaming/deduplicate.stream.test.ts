import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../session/sluice.js'
import { MemoryStream } from '../testing/memory-stream.js'
import { testStream } from '../testing/stream-test.js'
import { addData, assertOnQuery, checkAnswer, checkNewAnswer, startStream, stopStream } from '../testing/stream-actions.js'
import { col, expr } from '../column/index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('deduplicate-stream-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

const stateRows = (total: number, updated?: number, dropped?: number) => assertOnQuery((q) => {
  const op = q.lastProgress?.stateOperators[0]
  expect(op?.numRowsTotal).toBe(total)
  if (updated !== undefined) expect(op?.numRowsUpdated).toBe(updated)
  if (dropped !== undefined) expect(op?.numRowsDroppedByWatermark).toBe(dropped)
}, `state rows total ${total}${updated !== undefined ? `, updated ${updated}` : ''}${dropped !== undefined ? `, dropped ${dropped}` : ''}`)

describe('streaming dropDuplicates', () => {
  it('should keep the first of every distinct row forever without a watermark, across a restart', async () => {
    const input = new MemoryStream('value INT')
    await testStream(input.toDF().dropDuplicates(), 'append', [
      addData(input, 1, 2, 1, 3),
      checkAnswer(1, 2, 3),
      addData(input, 3, 4, 4),
      checkNewAnswer(4),
      stopStream(),
      addData(input, 1, 5),
      startStream(),
      checkNewAnswer(5),
      checkAnswer(1, 2, 3, 4, 5),
      stateRows(5),
    ])
  })

  it('should deduplicate on a subset of columns keeping the first row of a key, in update mode too', async () => {
    for (const mode of ['append', 'update'] as const) {
      const input = new MemoryStream('k STRING, v INT')
      await testStream(input.toDF().dropDuplicates(['k']), mode, [
        addData(input, ['a', 1], ['b', 2], ['a', 3]),
        checkNewAnswer(['a', 1], ['b', 2]),
        addData(input, ['b', 9], ['c', 4]),
        checkNewAnswer(['c', 4]),
      ])
    }
  })

  it('should drop rows below the watermark and forget state the watermark passed (Spark\'s deduplicate with watermark)', async () => {
    const input = new MemoryStream('value INT')
    const df = input.toDF().withColumn('eventTime', expr('cast(value as timestamp)')).withWatermark('eventTime', '10 seconds')
      .dropDuplicates().select(col('eventTime').cast('long'))
    const tenToFifteen = [10, 11, 12, 13, 14, 15]
    await testStream(df, 'append', [
      addData(input, ...tenToFifteen, ...tenToFifteen, ...tenToFifteen, ...tenToFifteen, ...tenToFifteen),
      checkAnswer(...tenToFifteen.map((s) => BigInt(s))),
      addData(input, 25), // watermark 15: rows <= 15 leave the state
      checkNewAnswer(25n),
      stateRows(1),
      addData(input, 10), // below the watermark: dropped
      checkNewAnswer(),
      stateRows(1, 0, 1),
      addData(input, 45), // watermark 35: 25 leaves the state
      checkNewAnswer(45n),
      stateRows(1),
    ])
  })

  it('should give the same answers with a watermark when restarted mid-way', async () => {
    const input = new MemoryStream('value INT')
    const df = input.toDF().withColumn('eventTime', expr('cast(value as timestamp)')).withWatermark('eventTime', '10 seconds')
      .dropDuplicates().select(col('eventTime').cast('long'))
    await testStream(df, 'append', [
      addData(input, 10, 11, 10),
      checkNewAnswer(10n, 11n),
      stopStream(),
      startStream(),
      addData(input, 11, 25),
      checkNewAnswer(25n),
      stopStream(),
      addData(input, 12), // watermark 15 survives the restart: 12 is late
      startStream(),
      checkNewAnswer(),
      addData(input, 25, 26),
      checkNewAnswer(26n),
    ])
  })

  it('should deduplicate within the watermark by key (dropDuplicatesWithinWatermark)', async () => {
    const input = new MemoryStream('k STRING, t INT')
    const df = input.toDF().withColumn('eventTime', expr('cast(t as timestamp)')).withWatermark('eventTime', '10 seconds')
      .dropDuplicatesWithinWatermark(['k']).select(col('k'), col('t'))
    await testStream(df, 'append', [
      addData(input, ['a', 10], ['a', 12], ['b', 11]),
      checkNewAnswer(['a', 10], ['b', 11]), // a expires at 20, b at 21
      addData(input, ['a', 25]), // watermark 2: a is still held, so a duplicate
      checkNewAnswer(),
      addData(input, ['c', 30]), // watermark 15 then 20: a (expiry 20) leaves the state
      checkNewAnswer(['c', 30]),
      stopStream(),
      startStream(),
      addData(input, ['a', 26], ['b', 27]), // a is new again; b (expiry 21 > 20) still a duplicate
      checkNewAnswer(['a', 26]),
      addData(input, ['d', 5]), // late: 5 <= watermark 20
      checkNewAnswer(),
    ])
  })

  it('should refuse dropDuplicatesWithinWatermark without a watermark', async () => {
    const input = new MemoryStream('k STRING, t INT')
    await expect(testStream(input.toDF().dropDuplicatesWithinWatermark(['k']), 'append', [addData(input, ['a', 1]), checkAnswer()]))
      .rejects.toThrow(/watermark/i)
  })
})
