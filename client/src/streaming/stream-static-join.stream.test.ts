import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../session/sluice.js'
import { MemoryStream } from '../testing/memory-stream.js'
import { testStream } from '../testing/stream-test.js'
import { addData, checkAnswer, checkNewAnswer, startStream, stopStream } from '../testing/stream-actions.js'
import { count } from '../functions/index.js'
import { lit } from '../column/index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('stream-static-join-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

const devices = () => spark.createDataFrame([
  { device: 'd1', room: 'kitchen' },
  { device: 'd2', room: 'hall' },
  { device: 'd2', room: 'attic' },
], 'device STRING, room STRING')

/** The reference: the join of events with the static rows, in plain JS (null room for an unmatched left row when `outer`). */
function joinReference(events: readonly [string, number][], outer: boolean): unknown[][] {
  const rooms: [string, string][] = [['d1', 'kitchen'], ['d2', 'hall'], ['d2', 'attic']]
  return events.flatMap(([device, reading]) => {
    const matches = rooms.filter(([d]) => d === device).map(([, room]) => [device, reading, room])
    return matches.length > 0 ? matches : outer ? [[device, reading, null]] : []
  })
}

describe('stream-static joins', () => {
  it('should inner-join each batch with the static rows, across a restart', async () => {
    const input = new MemoryStream('device STRING, reading INT')
    const first: [string, number][] = [['d1', 1], ['d2', 2], ['d3', 3]]
    const second: [string, number][] = [['d2', 4], ['d9', 5]]
    await testStream(input.toDF().join(devices(), 'device'), 'append', [
      addData(input, ...first),
      checkNewAnswer(...joinReference(first, false)),
      stopStream(),
      startStream(),
      addData(input, ...second),
      checkNewAnswer(...joinReference(second, false)),
      checkAnswer(...joinReference([...first, ...second], false)),
    ])
  })

  it('should keep unmatched stream rows with nulls in a left outer join (stream on the left)', async () => {
    const input = new MemoryStream('device STRING, reading INT')
    const events: [string, number][] = [['d1', 1], ['d3', 3], ['d2', 7]]
    await testStream(input.toDF().join(devices(), 'device', 'left_outer'), 'append', [
      addData(input, ...events.slice(0, 2)),
      checkNewAnswer(...joinReference(events.slice(0, 2), true)),
      addData(input, ...events.slice(2)),
      checkNewAnswer(...joinReference(events.slice(2), true)),
    ])
  })

  it('should join on a condition with a column expression', async () => {
    const input = new MemoryStream('id STRING, reading INT')
    const df = input.toDF()
    const staticDf = devices()
    const joined = df.join(staticDf, df.col('id').eq(staticDf.col('device')), 'inner').select('id', 'reading', 'room')
    await testStream(joined, 'append', [
      addData(input, ['d1', 10], ['d0', 11]),
      checkAnswer(['d1', 10, 'kitchen']),
    ])
  })

  it('should aggregate after a stream-static join in complete mode', async () => {
    const input = new MemoryStream('device STRING, reading INT')
    const df = input.toDF().join(devices(), 'device').groupBy('room').agg(count(lit(1)).alias('n'))
    await testStream(df, 'complete', [
      addData(input, ['d1', 1], ['d2', 2]),
      checkAnswer(['kitchen', 1n], ['hall', 1n], ['attic', 1n]),
      addData(input, ['d2', 3], ['d5', 1]),
      checkAnswer(['kitchen', 1n], ['hall', 2n], ['attic', 2n]),
    ])
  })

  it('should refuse a right outer join with the stream on the left, as Spark does', async () => {
    const input = new MemoryStream('device STRING, reading INT')
    await expect(testStream(input.toDF().join(devices(), 'device', 'right_outer'), 'append', [addData(input, ['d1', 1]), checkAnswer()]))
      .rejects.toThrow(/not supported/i)
  })

  // FORMATS.md §2.3 (Spark's guide): queries with joins run in append mode only.
  it('should refuse update mode for a stream-static join, saying to use append', async () => {
    const input = new MemoryStream('device STRING, reading INT')
    await expect(testStream(input.toDF().join(devices(), 'device'), 'update', [addData(input, ['d1', 1]), checkAnswer()]))
      .rejects.toThrow(/STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION[\s\S]*append/)
  })
})
