import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../session/sluice.js'
import { MemoryStream } from '../testing/memory-stream.js'
import { col, expr } from '../column/index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('stream-stream-join-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

const t = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute))

describe('stream-stream join', () => {
  it('should join rows that arrive in different batches, within the time range', async () => {
    const impressions = new MemoryStream('adId INT, impressionTime TIMESTAMP')
    const clicks = new MemoryStream('clickAdId INT, clickTime TIMESTAMP')
    const joined = impressions.toDF().withWatermark('impressionTime', '10 minutes').alias('i')
      .join(clicks.toDF().withWatermark('clickTime', '20 minutes').alias('c'),
        expr('adId = clickAdId AND clickTime >= impressionTime AND clickTime <= impressionTime + interval 1 hour'))
      .select(col('adId'), col('clickTime'))
    const query = await joined.writeStream.format('memory').queryName('ad_clicks').outputMode('append').start()
    impressions.addData([1, t(0)], [2, t(5)], [3, t(10)])
    await query.processAllAvailable()
    clicks.addData([1, t(30)], [2, t(100)], [4, t(40)])
    await query.processAllAvailable()
    impressions.addData([4, t(35)])
    await query.processAllAvailable()
    const rows = await spark.sql('SELECT adId FROM ad_clicks ORDER BY adId').collect()
    expect(rows.map((r) => r['adId'])).toEqual([1, 4])
    expect(query.lastProgress?.stateOperators[0]?.operatorName).toBe('symmetricHashJoin')
    await query.stop()
  })

  it('should refuse a left outer stream-stream join without watermarks', async () => {
    const a = new MemoryStream('k INT')
    const b = new MemoryStream('j INT')
    await expect(a.toDF().join(b.toDF(), col('k').eq(col('j')), 'left').writeStream.format('memory').queryName('bad_outer').start())
      .rejects.toMatchObject({ errorClass: 'UNSUPPORTED_STREAMING_OPERATION' })
  })
})
