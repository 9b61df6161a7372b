import { describe, expect, it } from 'vitest'
import { col, window, type Sluice } from '@sluice/client'
import { MemoryStream, addData, assertOnQuery, checkNewAnswer, expectFailure, testStream } from '@sluice/client/testing'
import { SESSION_MODES } from '../support/session-modes.js'
import { useModeSession } from '../support/mode-session-hooks.js'

// Spark 3.4+ (spark.sql.streaming.statefulOperator.allowMultiple, default true): PropagateWatermarkSimulator
// fails a watermark node that receives a watermark from below — another withWatermark, directly or through
// a stateful operator — with AnalysisException _LEGACY_ERROR_TEMP_3076 "Redefining watermark is disallowed.
// You can set the config '<config>' to 'false' ...". The simulation is skipped while the watermark is 0, so
// the first batch runs and the query fails once the watermark moves (EventTimeWatermarkSuite: "overriding
// watermark should not be allowed by default" / "... should not fail in compatibility mode").

let spark: Sluice

const at = (seconds: number) => new Date(seconds * 1000)
const REDEFINED = /Redefining watermark is disallowed\. You can set the config 'spark\.sql\.streaming\.statefulOperator\.allowMultiple' to 'false' to restore the previous behavior\. Note that multiple stateful operators will be disallowed\./

/** EventTimeWatermarkSuite's query: a watermark on `first`, then another on `second` before the aggregation. */
function overriddenWatermark(input: MemoryStream) {
  return input.toDF().withWatermark('first', '1 minute').select('*').withWatermark('second', '2 minutes')
    .groupBy(window(col('second'), '1 minute')).count()
}

for (const mode of SESSION_MODES) describe(`guide: redefined watermark (${mode})`, () => {
  useModeSession(mode, 'guide-redefined-watermark', (s) => { spark = s.spark })

  describe('redefining a watermark', () => {
    it('should fail the query once the watermark moves', async () => {
      const input = new MemoryStream('first TIMESTAMP, second TIMESTAMP')
      await testStream(overriddenWatermark(input), 'append', [
        addData(input, [at(100), at(200)]),
        expectFailure('_LEGACY_ERROR_TEMP_3076', REDEFINED),
      ])
    })

    it('should fail a watermark defined again above a stateful operator', async () => {
      // The deduplication emits its rows at once, so both watermarks see data: min(12 s − 0, 12 s − 5 s) = 7 s.
      // (Above an append-mode aggregation the second watermark would see nothing and hold the global one at 0.)
      const input = new MemoryStream('id INT, time TIMESTAMP')
      const rewatermarked = input.toDF().withWatermark('time', '0 seconds').dropDuplicates(['id', 'time'])
        .withWatermark('time', '5 seconds').groupBy(window(col('time'), '10 seconds')).count()
      await testStream(rewatermarked, 'append', [
        addData(input, [1, at(3)], [2, at(12)]),
        expectFailure('_LEGACY_ERROR_TEMP_3076', REDEFINED),
      ])
    })

    it('should run with allowMultiple false, the global watermark the min of both definitions', async () => {
      spark.conf.set('spark.sql.streaming.statefulOperator.allowMultiple', 'false')
      try {
        const input = new MemoryStream('first TIMESTAMP, second TIMESTAMP')
        await testStream(overriddenWatermark(input), 'append', [
          addData(input, [at(100), at(200)]),
          checkNewAnswer(),
          // min(100 s − 1 minute, 200 s − 2 minutes) = 40 s.
          assertOnQuery((q) => { expect(q.lastProgress?.eventTime['watermark']).toBe('1970-01-01T00:00:40.000Z') }, 'watermark 40 s'),
        ])
      } finally {
        spark.conf.unset('spark.sql.streaming.statefulOperator.allowMultiple')
      }
    })
  })
})
