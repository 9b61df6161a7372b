import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../session/sluice.js'
import { MemoryStream } from '../testing/memory-stream.js'
import { col } from '../column/index.js'
import { explode, explode_outer, posexplode, split } from '../functions/index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('generators-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

describe('generators', () => {
  it('should explode arrays and maps, with Spark default names', async () => {
    const df = spark.createDataFrame([{ id: 1, tags: ['a', 'b'] }, { id: 2, tags: [] }, { id: 3, tags: null }], 'id INT, tags ARRAY<STRING>')
    expect(await df.select(col('id'), explode(col('tags'))).collect()).toEqual([{ id: 1, col: 'a' }, { id: 1, col: 'b' }])
    expect(await df.select(col('id'), explode_outer(col('tags')).alias('tag')).collect()).toEqual([
      { id: 1, tag: 'a' }, { id: 1, tag: 'b' }, { id: 2, tag: null }, { id: 3, tag: null },
    ])
    expect(await df.select(posexplode(col('tags'))).collect()).toEqual([{ pos: 0, col: 'a' }, { pos: 1, col: 'b' }])
    const rows = await spark.sql("SELECT explode(map('x', 1, 'y', 2))").collect()
    expect(rows).toEqual([{ key: 'x', value: 1 }, { key: 'y', value: 2 }])
  })

  it('should count words of a stream, as the Structured Streaming guide does', async () => {
    const lines = new MemoryStream('value STRING')
    const words = lines.toDF().select(explode(split(col('value'), ' ')).alias('word'))
    const query = await words.groupBy('word').count().writeStream.format('memory').queryName('word_counts').outputMode('complete').start()
    lines.addData('apache spark', 'apache hadoop')
    await query.processAllAvailable()
    expect(await spark.sql('SELECT * FROM word_counts ORDER BY word').collect()).toEqual([
      { word: 'apache', count: 2n }, { word: 'hadoop', count: 1n }, { word: 'spark', count: 1n },
    ])
    await query.stop()
  })
})
