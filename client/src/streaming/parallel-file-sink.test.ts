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
