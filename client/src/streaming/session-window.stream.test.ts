import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../session/sluice.js'
import { MemoryStream } from '../testing/memory-stream.js'
import { testStream } from '../testing/stream-test.js'
import { addData, checkNewAnswer, startStream, stopStream } from '../testing/stream-actions.js'
import { count, session_window } from '../functions/index.js'
import { col, expr } from '../column/index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('session-window-stream-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

/** Sessions per key with a 10 s gap and a 10 s watermark: key, start and end (seconds), count. */
function sessions(input: MemoryStream) {
  return input.toDF().withColumn('eventTime', expr('cast(t as timestamp)')).withWatermark('eventTime', '10 seconds')
    .groupBy(session_window('eventTime', '10 seconds'), col('k')).agg(count('*').alias('n'))
    .select(col('k'), col('session_window.start').cast('long').alias('start'), col('session_window.end').cast('long').alias('end'), col('n'))
}

describe('session windows', () => {
  for (const restart of [false, true]) {
    it(`should emit a session in append mode once the watermark passes its end${restart ? ', across restarts' : ''}`, async () => {
      const input = new MemoryStream('k STRING, t INT')
      const bounce = restart ? [stopStream(), startStream()] : []
      await testStream(sessions(input), 'append', [
        addData(input, ['a', 10], ['a', 15], ['b', 12]), // a: [10, 25) 2 rows; b: [12, 22); watermark 5
        checkNewAnswer(),
        ...bounce,
        addData(input, ['a', 40]), // watermark 30: a [10, 25) and b [12, 22) close
        checkNewAnswer(['a', 10n, 25n, 2n], ['b', 12n, 22n, 1n]),
        ...bounce,
        addData(input, ['a', 45], ['b', 35]), // a merges into [40, 55); watermark 35
        checkNewAnswer(),
        addData(input, ['c', 70]), // watermark 60: a [40, 55) and b [35, 45) close
        checkNewAnswer(['a', 40n, 55n, 2n], ['b', 35n, 45n, 1n]),
      ])
    })
  }

  // Spark's WatermarkSupport: for a window (a struct) the late test is on its end, so a row whose
  // own session [t, t + gap) still ends after the watermark is kept even though t is below it.
  it('should keep a row below the watermark whose session still ends after it', async () => {
    const input = new MemoryStream('k STRING, t INT')
    await testStream(sessions(input), 'append', [
      addData(input, ['a', 10]),
      checkNewAnswer(),
      addData(input, ['a', 40]), // watermark 30
      checkNewAnswer(['a', 10n, 20n, 1n]),
      addData(input, ['d', 25]), // session [25, 35) ends after 30: kept
      checkNewAnswer(),
      addData(input, ['e', 60]), // watermark 50
      checkNewAnswer(['a', 40n, 50n, 1n], ['d', 25n, 35n, 1n]),
      addData(input, ['f', 35]), // session [35, 45) ends before 50: late
      checkNewAnswer(),
    ])
  })

  it('should refuse update mode, as Spark does for session windows', async () => {
    const input = new MemoryStream('k STRING, t INT')
    await expect(testStream(sessions(input), 'update', [addData(input, ['a', 10]), checkNewAnswer()]))
      .rejects.toThrow(/Update output mode not supported for session window on streaming DataFrames\/DataSets/)
  })
})
