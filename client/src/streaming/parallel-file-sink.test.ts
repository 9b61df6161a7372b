import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice } from '../session/sluice.js'
import { col } from '../column/index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('parallel-file-sink-test').master('local[2]').getOrCreate() })
afterAll(async () => { await spark.stop() })

describe('stateless file-to-file batches on two executor threads', () => {
  it('should split the batch across tasks and commit every file once', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sluice-parallel-'))
    const input = join(root, 'in')
    mkdirSync(input)
    const expected: bigint[] = []
    for (let f = 0; f < 6; f++) {
      const lines = Array.from({ length: 50 }, (_, i) => { const id = f * 1000 + i; expected.push(BigInt(id)); return JSON.stringify({ id, big: '1424686734011499417' }) })
      writeFileSync(join(input, `part-${f}.json`), lines.join('\n') + '\n')
    }
    const query = await spark.readStream.format('json').schema('id BIGINT, big STRING').load(input)
      .where(col('id').geq(0)).select(col('id'), col('big').cast('bigint').alias('big'))
      .writeStream.format('parquet').option('checkpointLocation', join(root, 'checkpoint')).trigger({ availableNow: true }).start(join(root, 'out'))
    await query.awaitTermination()
    expect(query.recentProgress.map((p) => p.numInputRows)).toEqual([300])
    expect(query.lastProgress?.sink.numOutputRows).toBe(300)
    const data = readdirSync(join(root, 'out')).filter((n) => n.endsWith('.parquet'))
    expect(data.some((n) => n.includes('-t0')) && data.some((n) => n.includes('-t1'))).toBe(true)
    const rows = await spark.read.parquet(join(root, 'out')).orderBy('id').collect()
    expect(rows.map((r) => r['id'])).toEqual(expected.sort((a, b) => Number(a - b)))
    expect(new Set(rows.map((r) => r['big']))).toEqual(new Set([1424686734011499417n]))
  })
})

describe('a stateless file-to-Delta stream on two executor threads', () => {
  it('should have each task write its own data files and the coordinator commit them once, as one version', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sluice-parallel-delta-'))
    const input = join(root, 'in')
    mkdirSync(input)
    const expected: bigint[] = []
    for (let f = 0; f < 4; f++) {
      const lines = Array.from({ length: 25 }, (_, i) => { const id = f * 100 + i; expected.push(BigInt(id)); return JSON.stringify({ id, g: i % 3 === 0 ? 'x' : 'y' }) })
      writeFileSync(join(input, `part-${f}.json`), lines.join('\n') + '\n')
    }
    const table = join(root, 'table')
    const start = () => spark.readStream.format('json').schema('id BIGINT, g STRING').load(input)
      .writeStream.format('delta').option('checkpointLocation', join(root, 'checkpoint')).trigger({ availableNow: true }).start(table)
    const query = await start()
    await query.awaitTermination()
    expect(query.lastProgress?.sink.numOutputRows).toBe(100)
    const logFiles = readdirSync(join(table, '_delta_log')).filter((n) => n.endsWith('.json'))
    expect(logFiles).toEqual(['00000000000000000000.json'])
    const actions = (await import('node:fs')).readFileSync(join(table, '_delta_log', logFiles[0]!), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, { numRecords?: number; stats?: string; appId?: string; version?: number }>)
    const adds = actions.filter((a) => a['add']).map((a) => a['add']!)
    // One file per task (the batch's four input files split over two threads), each with its own statistics.
    expect(adds.length).toBe(2)
    expect(adds.map((a) => JSON.parse(a.stats!).numRecords as number).sort()).toEqual([50, 50])
    expect(actions.find((a) => a['txn'])?.['txn']).toMatchObject({ appId: query.id, version: 0 })
    const rows = await spark.read.format('delta').load(table).orderBy('id').collect()
    expect(rows.map((r) => r['id'])).toEqual(expected)
    // A restart with nothing new commits nothing more.
    const again = await start()
    await again.awaitTermination()
    expect(readdirSync(join(table, '_delta_log')).filter((n) => n.endsWith('.json'))).toEqual(['00000000000000000000.json'])
  })
})
