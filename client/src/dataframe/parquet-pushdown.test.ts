import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice } from '../session/sluice.js'
import { col } from '../column/index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('parquet-pushdown-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

describe('parquet scans', () => {
  it('should push comparisons and the columns read into the scan and still answer exactly', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sluice-pushdown-')), 'ids')
    await spark.range(0, 1000).withColumn('half', col('id').divide(2)).write.option('parquet.rowgroup.rows', 100).parquet(path)
    const df = spark.read.parquet(path).where(col('id').geq(950).and(col('id').lt(960)))
    const text = await spark.backend.explain(df.select('id').plan, false)
    expect(text).toContain('PushedFilters: [id >= 950, id < 960]')
    expect(text).toContain('ReadSchema: [id]')
    const rows = await df.select('id').collect()
    expect(rows.map((r) => r['id'])).toEqual([...Array(10).keys()].map((i) => BigInt(950 + i)))
    expect(await spark.read.parquet(path).where('id = 5').count()).toBe(1)
  })
})
