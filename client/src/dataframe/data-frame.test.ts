import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../session/sluice.js'
import { col, lit } from '../column/index.js'

let spark: Sluice

beforeAll(async () => {
  spark = await Sluice.builder().appName('dataframe-test').getOrCreate()
})
afterAll(async () => { await spark.stop() })

const people = () => spark.createDataFrame([
  { name: 'ann', dept: 'eng', salary: 100, age: 30 },
  { name: 'bob', dept: 'eng', salary: 80, age: 45 },
  { name: 'cid', dept: 'ops', salary: 70, age: 28 },
  { name: 'dee', dept: 'ops', salary: null, age: 52 },
  { name: 'eve', dept: 'hr', salary: 90, age: 39 },
], 'name STRING, dept STRING, salary INT, age INT')

describe('DataFrame', () => {
  it('should select, filter and compute columns', async () => {
    const rows = await people().where(col('age').gt(35)).select(col('name'), col('age').plus(1).alias('next')).orderBy('name').collect()
    expect(rows).toEqual([{ name: 'bob', next: 46 }, { name: 'dee', next: 53 }, { name: 'eve', next: 40 }])
  })

  it('should filter with a SQL string and keep SQL null semantics', async () => {
    const rows = await people().where('salary > 75').select('name').orderBy('name').collect()
    expect(rows.map((r) => r['name'])).toEqual(['ann', 'bob', 'eve'])
  })

  it('should group and count with Spark column names', async () => {
    const df = people().groupBy('dept').count().orderBy('dept')
    expect(await df.columns()).toEqual(['dept', 'count'])
    expect(await df.collect()).toEqual([
      { dept: 'eng', count: 2n }, { dept: 'hr', count: 1n }, { dept: 'ops', count: 2n },
    ])
  })

  it('should aggregate with several functions, skipping nulls', async () => {
    const { avg, sum, max, count } = await import('../functions/index.js')
    const rows = await people().groupBy('dept').agg(sum('salary').alias('total'), avg('salary'), max('age'), count('salary'))
      .orderBy('dept').collect()
    expect(rows).toEqual([
      { dept: 'eng', total: 180n, 'avg(salary)': 90, 'max(age)': 45, 'count(salary)': 2n },
      { dept: 'hr', total: 90n, 'avg(salary)': 90, 'max(age)': 39, 'count(salary)': 1n },
      { dept: 'ops', total: 70n, 'avg(salary)': 70, 'max(age)': 52, 'count(salary)': 1n },
    ])
  })

  it('should count all rows and give one row for a global aggregate over nothing', async () => {
    expect(await people().count()).toBe(5)
    const { count } = await import('../functions/index.js')
    expect(await people().where('age > 100').agg(count(lit(1)).alias('n')).collect()).toEqual([{ n: 0n }])
  })

  it('should add, replace, rename and drop columns', async () => {
    const df = people().withColumn('age', col('age').multiply(2)).withColumn('x', lit('k')).withColumnRenamed('name', 'who').drop('dept', 'salary')
    expect(await df.columns()).toEqual(['who', 'age', 'x'])
    expect((await df.orderBy('who').first())).toEqual({ who: 'ann', age: 60, x: 'k' })
  })

  it('should join on a column name and on a condition', async () => {
    const depts = spark.createDataFrame([{ dept: 'eng', floor: 3 }, { dept: 'ops', floor: 1 }, { dept: 'law', floor: 9 }], 'dept STRING, floor INT')
    const inner = await people().join(depts, 'dept').select('name', 'floor').orderBy('name').collect()
    expect(inner).toEqual([{ name: 'ann', floor: 3 }, { name: 'bob', floor: 3 }, { name: 'cid', floor: 1 }, { name: 'dee', floor: 1 }])
    const left = await people().alias('p').join(depts.alias('d'), col('p.dept').eq(col('d.dept')), 'left').select('name', 'floor').orderBy('name').collect()
    expect(left.map((r) => r['floor'])).toEqual([3, 3, 1, 1, null])
    const anti = await depts.join(people(), 'dept', 'left_anti').collect()
    expect(anti).toEqual([{ dept: 'law', floor: 9 }])
    const full = await people().join(depts, 'dept', 'full').select('dept', 'name').orderBy('dept', 'name').collect()
    expect(full.map((r) => `${r['dept']}:${r['name']}`)).toEqual(['eng:ann', 'eng:bob', 'hr:eve', 'law:null', 'ops:cid', 'ops:dee'])
  })

  it('should union, distinct, sort descending and limit', async () => {
    const a = spark.createDataFrame([{ v: 1 }, { v: 2 }], 'v INT')
    const b = spark.createDataFrame([{ v: 2 }, { v: 3 }], 'v INT')
    expect((await a.union(b).distinct().orderBy(col('v').desc()).limit(2).collect()).map((r) => r['v'])).toEqual([3, 2])
    expect(await a.union(b).count()).toBe(4)
  })

  it('should compute rollup subtotals', async () => {
    const { sum } = await import('../functions/index.js')
    const rows = await people().rollup('dept').agg(sum('age').alias('ages')).orderBy(col('dept').asc_nulls_first()).collect()
    expect(rows).toEqual([
      { dept: null, ages: 194n }, { dept: 'eng', ages: 75n }, { dept: 'hr', ages: 39n }, { dept: 'ops', ages: 80n },
    ])
  })

  it('should run SQL over a temporary view with GROUP BY, HAVING and ORDER BY', async () => {
    people().createOrReplaceTempView('people')
    const rows = await spark.sql('SELECT dept, count(*) AS n, max(age) FROM people GROUP BY dept HAVING count(*) > 1 ORDER BY dept').collect()
    expect(rows).toEqual([{ dept: 'eng', n: 2n, 'max(age)': 45 }, { dept: 'ops', n: 2n, 'max(age)': 52 }])
    expect(await spark.catalog.listTables()).toContainEqual(expect.objectContaining({ name: 'people', isTemporary: true, tableType: 'TEMPORARY' }))
  })

  it('should fail at analysis on an unknown column, naming it and close matches', async () => {
    await expect(people().select('nmae').collect()).rejects.toMatchObject({ errorClass: expect.stringContaining('UNRESOLVED_COLUMN') })
    await expect(people().select('nmae').collect()).rejects.toThrow(/nmae.*name/s)
  })

  it('should print a table as Spark does', async () => {
    const text = await spark.createDataFrame([{ a: 1, b: 'x' }, { a: 22, b: null }], 'a INT, b STRING').showString()
    expect(text).toBe('+---+----+\n|  a|   b|\n+---+----+\n|  1|   x|\n| 22|NULL|\n+---+----+\n')
  })
})

describe('DataFrame null handling and no-op hints', () => {
  it('should fill and drop nulls as PySpark does', async () => {
    const df = spark.createDataFrame([
      { name: 'a', n: 1, s: 'x' }, { name: null, n: null, s: null }, { name: 'c', n: null, s: 'z' },
    ], 'name STRING, n INT, s STRING')
    expect(await df.fillna(0).orderBy('name').collect()).toEqual([
      { name: null, n: 0, s: null }, { name: 'a', n: 1, s: 'x' }, { name: 'c', n: 0, s: 'z' },
    ])
    expect(await df.na.fill('?', ['s']).where('name IS NULL').collect()).toEqual([{ name: null, n: null, s: '?' }])
    expect(await df.fillna({ n: 7, name: 'none' }).where('s IS NULL').collect()).toEqual([{ name: 'none', n: 7, s: null }])
    expect(await df.dropna().count()).toBe(1)
    expect(await df.dropna('all').count()).toBe(2)
    expect(await df.dropna('any', undefined, ['name']).count()).toBe(2)
    expect(await df.dropna('any', 2).count()).toBe(2)
  })

  it('should rename all columns with toDF and accept cache/repartition', async () => {
    const df = people().select('name', 'age').toDF('who', 'years').cache().repartition(4).coalesce(1)
    expect(await df.columns()).toEqual(['who', 'years'])
    expect(await df.where('years > 50').isEmpty()).toBe(false)
    expect(await df.where('years > 90').isEmpty()).toBe(true)
  })
})

describe('DataFrame set operations', () => {
  it('should intersect and subtract by whole rows, nulls equal, with and without ALL', async () => {
    const a = spark.createDataFrame([[1, 'x'], [1, 'x'], [2, null], [3, 'z'], [3, 'z']], 'k INT, v STRING')
    const b = spark.createDataFrame([[1, 'x'], [2, null], [3, 'z'], [4, 'w']], 'k INT, v STRING')
    const rows = (df: typeof a) => df.orderBy('k').collect({ rowMode: 'array' })
    expect(await rows(a.intersect(b))).toEqual([[1, 'x'], [2, null], [3, 'z']])
    expect(await rows(a.intersectAll(b))).toEqual([[1, 'x'], [2, null], [3, 'z']])
    expect(await rows(a.exceptAll(b))).toEqual([[1, 'x'], [3, 'z']])
    expect(await rows(a.subtract(b))).toEqual([])
    expect(await rows(b.subtract(a))).toEqual([[4, 'w']])
  })
})

describe('DataFrame.describe', () => {
  it('should summarize numeric and string columns as strings, as Spark does', async () => {
    const rows = await people().describe('salary', 'name').collect()
    expect(rows).toEqual([
      { summary: 'count', salary: '4', name: '5' },
      { summary: 'mean', salary: '85.0', name: null },
      { summary: 'stddev', salary: '12.909944487358056', name: null },
      { summary: 'min', salary: '70', name: 'ann' },
      { summary: 'max', salary: '100', name: 'eve' },
    ])
  })
})

describe('DataFrameReader errors', () => {
  it('should fail with PATH_NOT_FOUND naming a missing path', async () => {
    await expect(spark.read.json('/no/such/folder').collect()).rejects.toMatchObject({ errorClass: 'PATH_NOT_FOUND' })
    await expect(spark.read.schema('a INT').parquet('/no/such/folder').count()).rejects.toThrow(/Path does not exist: file:\/\/\/no\/such\/folder/)
  })
})

describe('SQL set operations', () => {
  it('should run INTERSECT and EXCEPT [ALL] as Spark does', async () => {
    const rows = async (sql: string) => (await spark.sql(sql).collect({ rowMode: 'array' })).map((r) => r[0]).sort()
    expect(await rows('SELECT * FROM VALUES (1), (1), (2), (3) AS t(a) INTERSECT SELECT * FROM VALUES (1), (3), (4) AS u(a)')).toEqual([1, 3])
    expect(await rows('SELECT * FROM VALUES (1), (1), (2), (3) AS t(a) EXCEPT SELECT * FROM VALUES (1), (4) AS u(a)')).toEqual([2, 3])
    expect(await rows('SELECT * FROM VALUES (1), (1), (2) AS t(a) EXCEPT ALL SELECT * FROM VALUES (1) AS u(a)')).toEqual([1, 2])
  })
})
