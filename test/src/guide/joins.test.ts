import { describe, expect, it } from 'vitest'
import { col, expr, window, type DataFrame, type Sluice } from '@sluice/client'
import { MemoryStream, addData, checkNewAnswer, testStream } from '@sluice/client/testing'
import { SESSION_MODES } from '../support/session-modes.js'
import { useModeSession } from '../support/mode-session-hooks.js'

// Structured Streaming Programming Guide, "Join Operations" and its "Support matrix for joins in
// streaming queries" (docs/streaming/apis-on-dataframes-and-datasets.md); error messages are
// those of Spark's UnsupportedOperationChecker.

let spark: Sluice

const devices = () => spark.createDataFrame([[1, 'kitchen'], [2, 'hall']], 'device INT, room STRING')
const at = (seconds: number) => new Date(seconds * 1000)

async function refuse(df: DataFrame, message: RegExp, mode: 'append' | 'update' = 'append'): Promise<void> {
  await expect(df.writeStream.format('memory').queryName(`guide_join_refused_${Math.random().toString(36).slice(2)}`).outputMode(mode).start()).rejects.toThrow(message)
}

for (const mode of SESSION_MODES) describe(`guide: joins (${mode})`, () => {
  useModeSession(mode, 'guide-joins', (s) => { spark = s.spark })

  describe('stream-static joins (support matrix)', () => {
    const events = () => new MemoryStream('device INT, reading INT')
    const cases: { how: string; expected: unknown[][] }[] = [
      { how: 'inner', expected: [[1, 10, 'kitchen']] },
      { how: 'left_outer', expected: [[1, 10, 'kitchen'], [3, 30, null]] },
      { how: 'left_semi', expected: [[1, 10]] },
      { how: 'left_anti', expected: [[3, 30]] },
    ]
    for (const { how, expected } of cases) {
      it(`should support stream ${how} static, not stateful`, async () => {
        const input = events()
        await testStream(input.toDF().join(devices(), 'device', how), 'append', [
          addData(input, [1, 10], [3, 30]),
          checkNewAnswer(...expected),
        ])
      })
    }

    it('should support static inner and right outer stream', async () => {
      const inner = events()
      await testStream(devices().join(inner.toDF(), 'device', 'inner'), 'append', [addData(inner, [1, 10], [3, 30]), checkNewAnswer([1, 'kitchen', 10])])
      const right = events()
      await testStream(devices().join(right.toDF(), 'device', 'right_outer'), 'append', [addData(right, [1, 10], [3, 30]), checkNewAnswer([1, 'kitchen', 10], [3, null, 30])])
    })

    it('should refuse stream right outer and full outer static', async () => {
      await refuse(events().toDF().join(devices(), 'device', 'right_outer'),
        /RightOuter join with a streaming DataFrame\/Dataset on the left and a static DataFrame\/DataSet on the right not supported/)
      await refuse(events().toDF().join(devices(), 'device', 'full_outer'),
        /FullOuter joins with streaming DataFrames\/Datasets on the left and a static DataFrame\/Dataset on the right is not supported/)
    })

    it('should refuse static left outer, full outer, left semi and left anti stream', async () => {
      await refuse(devices().join(events().toDF(), 'device', 'left_outer'),
        /LeftOuter join with a streaming DataFrame\/Dataset on the right and a static DataFrame\/Dataset on the left is not supported/)
      await refuse(devices().join(events().toDF(), 'device', 'full_outer'),
        /FullOuter joins with streaming DataFrames\/Datasets on the right and a static DataFrame\/Dataset on the left is not supported/)
      await refuse(devices().join(events().toDF(), 'device', 'left_semi'),
        /LeftSemi join with a streaming DataFrame\/Dataset on the right and a static DataFrame\/Dataset on the left is not supported/)
      await refuse(devices().join(events().toDF(), 'device', 'left_anti'),
        /LeftAnti joins with a streaming DataFrame\/Dataset on the right are not supported/)
    })

    it('should cascade joins: df1.join(df2).join(df3)', async () => {
      const input = events()
      const floors = spark.createDataFrame([['kitchen', 0], ['hall', 1]], 'room STRING, floor INT')
      await testStream(input.toDF().join(devices(), 'device').join(floors, 'room'), 'append', [
        addData(input, [1, 10], [2, 20], [3, 30]),
        checkNewAnswer(['kitchen', 1, 10, 0], ['hall', 2, 20, 1]),
      ])
    })
  })

  // The guide's ad-monetization example: impressions (watermark 2 hours) joined with clicks (watermark
  // 3 hours) on clickAdId = impressionAdId AND clickTime BETWEEN impressionTime AND impressionTime + 1 hour.
  const H = 3600
  const impressionsSchema = 'impressionAdId INT, impressionTime TIMESTAMP'
  const clicksSchema = 'clickAdId INT, clickTime TIMESTAMP'
  const CONDITION = 'clickAdId = impressionAdId AND clickTime >= impressionTime AND clickTime <= impressionTime + interval 1 hour'
  function adJoin(impressions: MemoryStream, clicks: MemoryStream, how = 'inner', watermarks = true): DataFrame {
    const i = watermarks ? impressions.toDF().withWatermark('impressionTime', '2 hours') : impressions.toDF()
    const c = watermarks ? clicks.toDF().withWatermark('clickTime', '3 hours') : clicks.toDF()
    return i.join(c, expr(CONDITION), how)
  }

  describe('stream-stream joins', () => {
    it('should inner-join impressions with the clicks that came within an hour', async () => {
      const impressions = new MemoryStream(impressionsSchema)
      const clicks = new MemoryStream(clicksSchema)
      await testStream(adJoin(impressions, clicks), 'append', [
        addData(impressions, [1, at(0)], [2, at(10)]),
        checkNewAnswer(),
        addData(clicks, [1, at(30 * 60)], [2, at(10 + 2 * H)]),
        checkNewAnswer([1, at(0), 1, at(30 * 60)]),
      ])
    })

    it('should inner-join without watermarks (state is kept forever)', async () => {
      const impressions = new MemoryStream(impressionsSchema)
      const clicks = new MemoryStream(clicksSchema)
      await testStream(adJoin(impressions, clicks, 'inner', false), 'append', [
        addData(clicks, [1, at(100)]),
        checkNewAnswer(),
        addData(impressions, [1, at(50)]),
        checkNewAnswer([1, at(50), 1, at(100)]),
      ])
    })

    it('should emit an impression without click with nulls in a left outer join once the watermarks pass', async () => {
      const impressions = new MemoryStream(impressionsSchema)
      const clicks = new MemoryStream(clicksSchema)
      await testStream(adJoin(impressions, clicks, 'leftOuter'), 'append', [
        addData(impressions, [1, at(0)], [2, at(10)]),
        addData(clicks, [1, at(60)]),
        checkNewAnswer([1, at(0), 1, at(60)]),
        // impressions' watermark 10 h − 2 h = 8 h, clicks' 11 h − 3 h = 8 h: impression 2 can no longer match
        addData(impressions, [9, at(10 * H)]),
        addData(clicks, [9, at(11 * H)]),
        checkNewAnswer([9, at(10 * H), 9, at(11 * H)], [2, at(10), null, null]),
      ])
    })

    it('should emit the unmatched rows of both sides in a full outer join once the watermarks pass', async () => {
      const impressions = new MemoryStream(impressionsSchema)
      const clicks = new MemoryStream(clicksSchema)
      await testStream(adJoin(impressions, clicks, 'fullOuter'), 'append', [
        addData(impressions, [1, at(0)], [2, at(10)]),
        addData(clicks, [1, at(60)], [5, at(100)]),
        checkNewAnswer([1, at(0), 1, at(60)]),
        addData(impressions, [9, at(10 * H)]),
        addData(clicks, [9, at(11 * H)]),
        checkNewAnswer([9, at(10 * H), 9, at(11 * H)], [2, at(10), null, null], [null, null, 5, at(100)]),
      ])
    })

    it('should emit each impression with a click once in a left semi join', async () => {
      const impressions = new MemoryStream(impressionsSchema)
      const clicks = new MemoryStream(clicksSchema)
      await testStream(adJoin(impressions, clicks, 'leftSemi'), 'append', [
        addData(impressions, [1, at(0)], [2, at(10)]),
        addData(clicks, [1, at(60)], [1, at(70)]),
        checkNewAnswer([1, at(0)]),
        addData(clicks, [2, at(20)], [1, at(80)]),
        checkNewAnswer([2, at(10)]),
      ])
    })

    for (const how of ['leftOuter', 'rightOuter', 'fullOuter', 'leftSemi']) {
      const sparkName = { leftOuter: 'LeftOuter', rightOuter: 'RightOuter', fullOuter: 'FullOuter', leftSemi: 'LeftSemi' }[how]
      it(`should refuse a ${how} stream-stream join without watermarks and a time range`, async () => {
        await refuse(adJoin(new MemoryStream(impressionsSchema), new MemoryStream(clicksSchema), how, false),
          new RegExp(`Stream-stream ${sparkName} join between two streaming DataFrame/Datasets is not supported without a watermark in the join keys, or a watermark on the nullable side and an appropriate range condition`))
      })
    }

    it('should refuse a left anti stream-stream join', async () => {
      await refuse(adJoin(new MemoryStream(impressionsSchema), new MemoryStream(clicksSchema), 'left_anti'),
        /LeftAnti joins with a streaming DataFrame\/Dataset on the right are not supported/)
    })

    it('should refuse a stream-stream join in update mode: joins only run in append mode', async () => {
      await refuse(adJoin(new MemoryStream(impressionsSchema), new MemoryStream(clicksSchema)),
        /Join between two streaming DataFrames\/Datasets is not supported in Update output mode, only in Append output mode/, 'update')
    })

    it('should aggregate the join\'s output by window in append mode (join followed by time window aggregation)', async () => {
      const impressions = new MemoryStream(impressionsSchema)
      const clicks = new MemoryStream(clicksSchema)
      const counts = adJoin(impressions, clicks).groupBy(col('clickAdId'), window(col('clickTime'), '1 hour')).count()
        .select(col('clickAdId'), col('window.start'), col('count'))
      await testStream(counts, 'append', [
        addData(impressions, [1, at(0)], [1, at(600)]),
        addData(clicks, [1, at(1200)]),
        checkNewAnswer(),
        // watermark min(10 h − 2 h, 12 h − 3 h) = 8 h closes the 00:00–01:00 window
        addData(impressions, [7, at(10 * H)]),
        addData(clicks, [7, at(12 * H)]),
        checkNewAnswer([1, at(0), 2n]),
      ])
    })
  })
})
