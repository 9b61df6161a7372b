import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../session/sluice.js'

let spark: Sluice
beforeAll(async () => {
  spark = await Sluice.builder().appName('repeated-columns-test').getOrCreate()
  spark.createDataFrame([{ k: 2, v: 10 }, { k: 1, v: 20 }, { k: 3, v: 30 }], 'k INT, v INT').createOrReplaceTempView('repeated_t')
})
afterAll(async () => { await spark.stop() })

// Spark resolves a name by attribute: the same column selected twice is one attribute (no ambiguity);
// two aliases, or a column and an alias, with one name are two attributes (AMBIGUOUS_REFERENCE).
describe('references to a column selected twice', () => {
  it('should order by a column selected twice, keeping both outputs', async () => {
    const df = spark.sql('SELECT k, k, v FROM repeated_t ORDER BY k DESC')
    expect((await df.schema()).fields.map((f) => f.name)).toEqual(['k', 'k', 'v'])
    expect((await df.collect()).map((r) => r['v'])).toEqual([30, 10, 20])
    expect((await spark.sql('SELECT k, k FROM repeated_t').where('k > 1').collect()).length).toBe(2)
  })

  it('should still refuse a name that two different outputs carry', async () => {
    await expect(spark.sql('SELECT k AS a, v AS a FROM repeated_t ORDER BY a').collect()).rejects.toThrow(/AMBIGUOUS_REFERENCE|ambiguous/)
    await expect(spark.sql('SELECT k, v AS k FROM repeated_t ORDER BY k').collect()).rejects.toThrow(/ambiguous/)
  })
})
