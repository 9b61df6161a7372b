import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice } from '../session/sluice.js'
import { MemoryStream } from '../testing/memory-stream.js'
import { col } from '../column/index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('streaming-query-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

describe('StreamingQuery', () => {
  it('should count by key in complete mode across batches into a memory table', async () => {
    const input = new MemoryStream('value INT')
    const query = await input.toDF().groupBy('value').count().writeStream.format('memory').queryName('counts_complete').outputMode('complete').start()
    input.addData(1, 2, 2)
    await query.processAllAvailable()
    expect(await spark.sql('SELECT * FROM counts_complete ORDER BY value').collect()).toEqual([{ value: 1, count: 1n }, { value: 2, count: 2n }])
    input.addData(2, 3)
    await query.processAllAvailable()
    expect(await spark.sql('SELECT * FROM counts_complete ORDER BY value').collect()).toEqual([{ value: 1, count: 1n }, { value: 2, count: 3n }, { value: 3, count: 1n }])
    expect(query.lastProgress?.stateOperators[0]).toMatchObject({ numRowsTotal: 3, numRowsUpdated: 2 })
    await query.stop()
    expect(query.isActive).toBe(false)
  })

  it('should resume from its checkpoint with the same id and no duplicate', async () => {
    const checkpoint = mkdtempSync(join(tmpdir(), 'sluice-test-'))
    const input = new MemoryStream('value INT')
    const start = () => input.toDF().where(col('value').gt(0)).writeStream.format('memory').queryName('positives')
      .option('checkpointLocation', checkpoint).start()
    input.addData(1, -1, 2)
    const first = await start()
    await first.processAllAvailable()
    await first.stop()
    input.addData(3)
    const second = await start()
    await second.processAllAvailable()
    expect(second.id).toBe(first.id)
    expect(second.runId).not.toBe(first.runId)
    expect((await spark.sql('SELECT value FROM positives').collect()).map((r) => r['value'])).toEqual([3])
    expect(second.recentProgress.map((p) => p.batchId)).toEqual([1])
    await second.stop()
  })

  it('should refuse complete mode without an aggregation, saying why', async () => {
    const input = new MemoryStream('value INT')
    await expect(input.toDF().writeStream.format('memory').queryName('bad_complete').outputMode('complete').start())
      .rejects.toMatchObject({ errorClass: 'STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION' })
  })

  it('should refuse to restart a checkpoint whose aggregation changed, naming the file', async () => {
    const checkpoint = mkdtempSync(join(tmpdir(), 'sluice-test-'))
    const input = new MemoryStream('k STRING, v INT')
    input.addData(['a', 1])
    const first = await input.toDF().groupBy('k').count().writeStream.format('memory').queryName('changed_1')
      .outputMode('complete').option('checkpointLocation', checkpoint).start()
    await first.processAllAvailable()
    await first.stop()
    const changed = input.toDF().groupBy('k', 'v').count().writeStream.format('memory').queryName('changed_2')
      .outputMode('complete').option('checkpointLocation', checkpoint).start()
    await expect(changed).rejects.toMatchObject({ errorClass: 'STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE' })
    await expect(input.toDF().groupBy('k', 'v').count().writeStream.format('memory').queryName('changed_3')
      .outputMode('complete').option('checkpointLocation', checkpoint).start()).rejects.toThrow(/state\/0\/0\/_metadata\/schema/)
  })

  it('should refuse a second query on a running checkpoint with stopActiveRunOnRestart false', async () => {
    const checkpoint = mkdtempSync(join(tmpdir(), 'sluice-test-'))
    const input = new MemoryStream('value INT')
    const first = await input.toDF().writeStream.format('memory').queryName('in_use_1').option('checkpointLocation', checkpoint).start()
    spark.conf.set('spark.sql.streaming.stopActiveRunOnRestart', 'false')
    try {
      await expect(input.toDF().writeStream.format('memory').queryName('in_use_2').option('checkpointLocation', checkpoint).start())
        .rejects.toMatchObject({ errorClass: expect.stringMatching(/CHECKPOINT_IN_USE|CONCURRENT_QUERY/) })
    } finally {
      spark.conf.unset('spark.sql.streaming.stopActiveRunOnRestart')
    }
    expect(first.isActive).toBe(true)
    await first.stop()
  })

  it('should stop the running query and take over its checkpoint by default, as Spark\'s stopActiveRunOnRestart', async () => {
    const checkpoint = mkdtempSync(join(tmpdir(), 'sluice-test-'))
    const input = new MemoryStream('value INT')
    const first = await input.toDF().writeStream.format('memory').queryName('restart_1').option('checkpointLocation', checkpoint).start()
    const second = await input.toDF().writeStream.format('memory').queryName('restart_2').option('checkpointLocation', checkpoint).start()
    expect(first.isActive).toBe(false)
    expect(second.id).toBe(first.id)
    expect(spark.streams.active.map((q) => q.name)).toEqual(['restart_2'])
    await second.stop()
  })
})
