import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../session/sluice.js'
import { avg, count, sum } from '../functions/index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('pivot-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

// PySpark's GroupedData.pivot example (pyspark.sql.GroupedData.pivot), plus a course only in 2013.
const earnings = () => spark.createDataFrame([
  { course: 'dotNET', year: 2012, earnings: 10000 },
  { course: 'Java', year: 2012, earnings: 20000 },
  { course: 'dotNET', year: 2012, earnings: 5000 },
  { course: 'dotNET', year: 2013, earnings: 48000 },
  { course: 'Java', year: 2013, earnings: 30000 },
], 'course STRING, year INT, earnings BIGINT')

describe('GroupedData.pivot', () => {
  it('should give one column per listed value, in the order listed (the PySpark docs example)', async () => {
    const df = earnings().groupBy('year').pivot('course', ['dotNET', 'Java']).sum('earnings').orderBy('year')
    expect((await df.schema()).fields.map((f) => `${f.name} ${f.dataType.kind}`)).toEqual(['year integer', 'dotNET long', 'Java long'])
    expect(await df.collect()).toEqual([
      { year: 2012, dotNET: 15000n, Java: 20000n },
      { year: 2013, dotNET: 48000n, Java: 30000n },
    ])
  })

  it('should find the distinct values, sorted, when none are given', async () => {
    const df = earnings().groupBy('year').pivot('course').sum('earnings').orderBy('year')
    expect(await df.collect()).toEqual([
      { year: 2012, Java: 20000n, dotNET: 15000n },
      { year: 2013, Java: 30000n, dotNET: 48000n },
    ])
  })

  it('should leave a cell null where the group has no row with the value, count included (PivotFirst)', async () => {
    const more = earnings().union(spark.createDataFrame([{ course: 'Scala', year: 2013, earnings: 7 }], 'course STRING, year INT, earnings BIGINT'))
    expect(await more.groupBy('year').pivot('course').count().orderBy('year').collect()).toEqual([
      { year: 2012, Java: 1n, Scala: null, dotNET: 2n },
      { year: 2013, Java: 1n, Scala: 1n, dotNET: 1n },
    ])
  })

  it('should name columns value_aggregate for several aggregates, and take values of another type cast to the column', async () => {
    const df = earnings().groupBy('course').pivot('year', ['2012', 2013]).agg(sum('earnings'), avg('earnings').alias('mean')).orderBy('course')
    expect((await df.schema()).fields.map((f) => f.name)).toEqual(['course', '2012_sum(earnings)', '2012_mean', '2013_sum(earnings)', '2013_mean'])
    expect(await df.collect()).toEqual([
      { course: 'Java', '2012_sum(earnings)': 20000n, '2012_mean': 20000, '2013_sum(earnings)': 30000n, '2013_mean': 30000 },
      { course: 'dotNET', '2012_sum(earnings)': 15000n, '2012_mean': 7500, '2013_sum(earnings)': 48000n, '2013_mean': 48000 },
    ])
  })

  it('should pivot without grouping columns and with a null pivot value named "null"', async () => {
    const df = spark.createDataFrame([{ k: 'a', v: 1 }, { k: null, v: 2 }, { k: 'a', v: 3 }], 'k STRING, v INT')
    expect(await df.groupBy().pivot('k').agg(count('v')).collect()).toEqual([{ null: 1n, a: 2n }])
  })

  it("should refuse more distinct values than spark.sql.pivotMaxValues, and repeated pivots, with Spark's messages", async () => {
    spark.conf.set('spark.sql.pivotMaxValues', '1')
    try {
      await expect(earnings().groupBy('year').pivot('course').sum('earnings').collect())
        .rejects.toThrow('The pivot column course has more than 1 distinct values, this could indicate an error. If this was intended, set spark.sql.pivotMaxValues to at least the number of distinct values of the pivot column.')
    } finally {
      spark.conf.unset('spark.sql.pivotMaxValues')
    }
    expect(() => earnings().groupBy('year').pivot('course').pivot('year')).toThrow('Repeated pivots are not supported.')
    expect(() => earnings().cube('year').pivot('course')).toThrow('Pivot not after a groupBy is not supported.')
  })
})
