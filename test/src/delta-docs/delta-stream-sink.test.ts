import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice } from '@sluice/client'

// Delta Lake docs, "Table streaming reads and writes" > "Delta table as a sink" and
// "Idempotent table writes in foreachBatch" (docs.delta.io/latest/delta-streaming.html),
// on made-up rows. Expected tables are written out by hand.

let spark: Sluice
let root: string
beforeAll(async () => {
  spark = await Sluice.builder().appName('delta-docs-stream-sink').getOrCreate()
  root = mkdtempSync(join(tmpdir(), 'sluice-delta-docs-sink-'))
  spark.conf.set('spark.sql.warehouse.dir', join(root, 'warehouse'))
})
afterAll(async () => { await spark.stop() })

let n = 0
const fresh = (prefix: string) => join(root, `${prefix}${n++}`)
const events = (rows: [number, string][]) => spark.createDataFrame(rows.map(([id, kind]) => ({ id: BigInt(id), kind })), 'id BIGINT, kind STRING')
const logVersions = (table: string) => readdirSync(join(table, '_delta_log')).filter((f) => f.endsWith('.json')).map((f) => Number(f.slice(0, 20)))
const commit = (table: string, version: number) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Delta log actions read as loose JSON in assertions
  readFileSync(join(table, '_delta_log', `${String(version).padStart(20, '0')}.json`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>)
const ids = async (table: string) => (await spark.read.format('delta').load(table).collect()).map((r) => Number(r['id'])).sort((a, b) => a - b)

describe('Delta sink: append mode', () => {
  it('should commit each micro-batch once, with a txn for the query, and not again after a restart', async () => {
    const source = fresh('src')
    const sink = fresh('sink')
    const checkpoint = fresh('ck')
    await events([[1, 'a'], [2, 'b']]).write.format('delta').save(source)
    const start = () => spark.readStream.format('delta').load(source).writeStream.format('delta').outputMode('append').option('checkpointLocation', checkpoint).start(sink)
    const first = await start()
    await first.processAllAvailable()
    await first.stop()
    await events([[3, 'c']]).write.format('delta').mode('append').save(source)
    const second = await start()
    await second.processAllAvailable()
    await second.stop()
    expect(await ids(sink)).toEqual([1, 2, 3])
    expect(logVersions(sink)).toEqual([0, 1])
    const txn = commit(sink, 1).find((a) => a['txn'])!['txn']
    expect(txn).toMatchObject({ appId: first.id, version: 1 })
    expect(commit(sink, 1).find((a) => a['commitInfo'])!['commitInfo']).toMatchObject({ operation: 'STREAMING UPDATE', operationParameters: { outputMode: 'Append', queryId: first.id, epochId: '1' } })
  })

  it('should require a checkpointLocation', async () => {
    const source = fresh('src')
    await events([[1, 'a']]).write.format('delta').save(source)
    await expect(spark.readStream.format('delta').load(source).writeStream.format('delta').start(fresh('sink'))).rejects.toThrow(/checkpointLocation must be specified/)
  })
})

describe('Delta sink: complete mode', () => {
  it('should replace the whole table with every batch and refuse update mode', async () => {
    const source = fresh('src')
    const sink = fresh('sink')
    await events([[1, 'a'], [2, 'b'], [3, 'a']]).write.format('delta').save(source)
    const counts = () => spark.readStream.format('delta').load(source).groupBy('kind').count()
    const query = await counts().writeStream.format('delta').outputMode('complete').option('checkpointLocation', fresh('ck')).start(sink)
    await query.processAllAvailable()
    await events([[4, 'b'], [5, 'c']]).write.format('delta').mode('append').save(source)
    await query.processAllAvailable()
    await query.stop()
    const rows = (await spark.read.format('delta').load(sink).collect()).map((r) => [r['kind'], Number(r['count'])]).sort()
    expect(rows).toEqual([['a', 2], ['b', 2], ['c', 1]])
    expect(commit(sink, 1).filter((a) => a['remove'])).toHaveLength(1)
    await expect(counts().writeStream.format('delta').outputMode('update').option('checkpointLocation', fresh('ck')).start(fresh('sink')))
      .rejects.toThrow(/DELTA_UNSUPPORTED_OUTPUT_MODE.*does not support Update output mode/)
  })
})

describe('Delta sink: idempotent writes in foreachBatch (txnAppId, txnVersion)', () => {
  it('should skip a write whose txnVersion the table already holds for the txnAppId', async () => {
    const source = fresh('src')
    const target = fresh('fb')
    await events([[1, 'a'], [2, 'b']]).write.format('delta').save(source)
    const query = await spark.readStream.format('delta').load(source).writeStream.option('checkpointLocation', fresh('ck'))
      .foreachBatch(async (df, batchId) => {
        // The same batch written twice (a retry): the second write is a no-op.
        for (let attempt = 0; attempt < 2; attempt++) {
          await df.write.format('delta').mode('append').option('txnAppId', 'docs-app').option('txnVersion', batchId).save(target)
        }
      }).start()
    await query.processAllAvailable()
    await query.stop()
    expect(await ids(target)).toEqual([1, 2])
    expect(logVersions(target)).toEqual([0])
    expect(commit(target, 0).find((a) => a['txn'])!['txn']).toMatchObject({ appId: 'docs-app', version: 0 })
    await events([[9, 'z']]).write.format('delta').mode('append').option('txnAppId', 'docs-app').option('txnVersion', 0).save(target)
    expect(await ids(target)).toEqual([1, 2])
    await expect(events([[9, 'z']]).write.format('delta').mode('append').option('txnAppId', 'docs-app').save(target))
      .rejects.toThrow(/DELTA_INVALID_IDEMPOTENT_WRITES_OPTIONS.*Both txnVersion and txnAppId must be specified/)
  })
})

describe('Delta sink: toTable', () => {
  it('should write a warehouse table readable by name, as a batch and as a stream', async () => {
    const source = fresh('src')
    await events([[1, 'a'], [2, 'b']]).write.format('delta').save(source)
    const query = await spark.readStream.format('delta').load(source).writeStream.format('delta').option('checkpointLocation', fresh('ck')).toTable('docs_events')
    await query.processAllAvailable()
    await query.stop()
    expect((await spark.read.table('docs_events').collect()).map((r) => Number(r['id'])).sort()).toEqual([1, 2])
    expect(readdirSync(join(root, 'warehouse', 'docs_events'))).toContain('_delta_log')
    const name = `copy${n++}`
    const copy = await spark.readStream.table('docs_events').writeStream.format('memory').queryName(name).option('checkpointLocation', fresh('ck')).start()
    await copy.processAllAvailable()
    await copy.stop()
    expect((await spark.sql(`SELECT id FROM ${name}`).collect()).map((r) => Number(r['id'])).sort()).toEqual([1, 2])
  })
})
