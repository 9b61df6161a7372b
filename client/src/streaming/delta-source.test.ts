import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice } from '../session/sluice.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('delta-source-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

const ids = (from: number, to: number) => spark.createDataFrame(Array.from({ length: to - from }, (_, i) => ({ id: BigInt(from + i) })), 'id BIGINT')

describe('Delta table as a stream', () => {
  it('should stream the table at start, then each new version, exactly once across a restart', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sluice-delta-source-'))
    const table = join(root, 'table')
    await ids(0, 5).write.format('delta').save(table)
    await ids(5, 10).write.format('delta').mode('append').save(table)
    const start = () => spark.readStream.format('delta').option('maxFilesPerTrigger', 1).load(table)
      .writeStream.format('memory').queryName('delta_stream').option('checkpointLocation', join(root, 'checkpoint')).start()
    const seen: bigint[] = []
    const first = await start()
    await first.processAllAvailable()
    seen.push(...(await spark.sql('SELECT id FROM delta_stream').collect()).map((r) => r['id'] as bigint))
    expect(first.recentProgress.length).toBe(2)
    await first.stop()
    await ids(10, 13).write.format('delta').mode('append').save(table)
    const second = await start()
    await second.processAllAvailable()
    seen.push(...(await spark.sql('SELECT id FROM delta_stream').collect()).map((r) => r['id'] as bigint))
    await second.stop()
    expect(seen.sort((a, b) => Number(a - b))).toEqual(Array.from({ length: 13 }, (_, i) => BigInt(i)))
    expect(second.recentProgress[0]!.sources[0]!.endOffset).toMatchObject({ sourceVersion: 1, isStartingVersion: false })
  })
})
