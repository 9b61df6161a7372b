import { afterAll, beforeAll, describe, it } from 'vitest'
import { Sluice } from '../session/sluice.js'
import { MemoryStream } from '../testing/memory-stream.js'
import { testStream } from '../testing/stream-test.js'
import { addData, checkNewAnswer, startStream, stopStream } from '../testing/stream-actions.js'
import { expr } from '../column/index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('stream-stream-join-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

const at = (seconds: number) => new Date(seconds * 1000)

describe('stream-stream joins', () => {
  it('should inner-join impressions and clicks within a time range, matching across batches and a restart', async () => {
    const impressions = new MemoryStream('adId INT, impressionTime TIMESTAMP')
    const clicks = new MemoryStream('clickAdId INT, clickTime TIMESTAMP')
    const joined = impressions.toDF().withWatermark('impressionTime', '10 seconds')
      .join(clicks.toDF().withWatermark('clickTime', '20 seconds'),
        expr('clickAdId = adId AND clickTime >= impressionTime AND clickTime <= impressionTime + interval 1 minute'))
    await testStream(joined, 'append', [
      addData(impressions, [1, at(10)], [2, at(20)]),
      checkNewAnswer(),
      addData(clicks, [1, at(30)], [2, at(90)]), // 2 clicked 70 s after its impression: outside the range
      checkNewAnswer([1, at(10), 1, at(30)]),
      stopStream(),
      startStream(),
      addData(clicks, [1, at(40)]),
      checkNewAnswer([1, at(10), 1, at(40)]),
      addData(impressions, [3, at(50)], [3, at(55)]),
      addData(clicks, [3, at(60)]),
      checkNewAnswer([3, at(50), 3, at(60)], [3, at(55), 3, at(60)]),
    ])
  })

  it('should emit an unmatched impression with nulls in a left outer join once both watermarks pass its time range', async () => {
    const impressions = new MemoryStream('adId INT, impressionTime TIMESTAMP')
    const clicks = new MemoryStream('clickAdId INT, clickTime TIMESTAMP')
    const joined = impressions.toDF().withWatermark('impressionTime', '10 seconds')
      .join(clicks.toDF().withWatermark('clickTime', '20 seconds'),
        expr('clickAdId = adId AND clickTime >= impressionTime AND clickTime <= impressionTime + interval 1 minute'), 'left_outer')
    await testStream(joined, 'append', [
      addData(impressions, [1, at(10)], [2, at(20)]),
      checkNewAnswer(),
      addData(clicks, [1, at(30)]),
      checkNewAnswer([1, at(10), 1, at(30)]),
      // Both watermarks move to 490 s (min of 500 − 10 and 510 − 20): impression 2 (20 s) can no
      // longer match a click (≤ 80 s), so it comes out padded with nulls; impression 1 matched.
      addData(impressions, [9, at(500)]),
      addData(clicks, [9, at(510)]),
      checkNewAnswer([9, at(500), 9, at(510)], [2, at(20), null, null]),
    ])
  })
})
