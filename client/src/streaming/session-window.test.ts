import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../session/sluice.js'
import { MemoryStream } from '../testing/memory-stream.js'
import { col } from '../column/index.js'
import { count, session_window } from '../functions/index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('session-window-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

const t = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute))

describe('session_window', () => {
  it('should merge rows closer than the gap into one session (batch)', async () => {
    const df = spark.createDataFrame([
      { user: 'a', ts: t(0) }, { user: 'a', ts: t(3) }, { user: 'a', ts: t(20) }, { user: 'b', ts: t(1) },
    ], 'user STRING, ts TIMESTAMP')
    const rows = await df.groupBy(session_window(col('ts'), '5 minutes'), col('user')).agg(count('*').alias('n'))
      .select(col('user'), col('session_window.start').alias('start'), col('session_window.end').alias('end'), col('n'))
      .orderBy('user', 'start').collect()
    expect(rows).toEqual([
      { user: 'a', start: t(0), end: t(8), n: 2n },
      { user: 'a', start: t(20), end: t(25), n: 1n },
      { user: 'b', start: t(1), end: t(6), n: 1n },
    ])
  })

  it('should emit a session in append mode once the watermark passes its end', async () => {
    const input = new MemoryStream('user STRING, ts TIMESTAMP')
    const sessions = input.toDF().withWatermark('ts', '1 minute')
      .groupBy(session_window(col('ts'), '5 minutes'), col('user')).count()
      .select(col('user'), col('session_window.end').alias('end'), col('count'))
    const query = await sessions.writeStream.format('memory').queryName('sessions_append').outputMode('append').start()
    input.addData(['a', t(0)], ['a', t(3)])
    await query.processAllAvailable()
    expect(await spark.sql('SELECT * FROM sessions_append').collect()).toEqual([])
    input.addData(['a', t(30)])
    await query.processAllAvailable()
    expect(await spark.sql('SELECT * FROM sessions_append').collect()).toEqual([{ user: 'a', end: t(8), count: 2n }])
    await query.stop()
  })
})
