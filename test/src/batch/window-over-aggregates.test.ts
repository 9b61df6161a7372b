import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice, Window, col, count, lit, rank, sum, type DataFrame } from '@sluice/client'
import { SeededRandom } from '@sluice/client/testing'
import { queryWithDuckDB } from '../support/index.js'

// Windows over aggregated rows, as Spark's Analyzer orders them: GlobalAggregates makes a select list
// with an aggregate outside any window a global Aggregate, ExtractWindowExpressions then puts the
// Window operators over its rows (and reads each output column by its own attribute, so a repeated
// column stays two columns). Values are compared with DuckDB, which has the same SQL semantics;
// null ordering is written out (Spark sorts ASC NULLS FIRST, DuckDB NULLS LAST).
// Spark's errors: CheckAnalysis refuses a column neither grouped nor aggregated (MISSING_GROUP_BY
// without GROUP BY) and a window expression in any operator but Window, so in ORDER BY
// (UNSUPPORTED_EXPR_FOR_OPERATOR; ExtractWindowExpressions rewrites only Project and Aggregate).

let spark: Sluice
let root: string
let file: string
let table: DataFrame

beforeAll(async () => {
  spark = await Sluice.builder().appName('window-over-aggregates').getOrCreate()
  root = mkdtempSync(join(tmpdir(), 'sluice-window-aggregates-'))
  file = join(root, 'rows.json')
  const random = new SeededRandom(20240612)
  const rows = Array.from({ length: 120 }, (_, id) => ({
    id, k: random.chance(0.1) ? null : random.int(0, 6), v: random.chance(0.1) ? null : random.int(-20, 20),
  }))
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n')
  table = spark.read.schema('id INT, k INT, v INT').json(file)
  table.createOrReplaceTempView('g')
})
afterAll(async () => {
  await spark.stop()
  rmSync(root, { recursive: true, force: true })
})

const duckSource = () => `read_json('${file}', format = 'newline_delimited', columns = {id: 'INTEGER', k: 'INTEGER', v: 'INTEGER'})`
const plain = (value: unknown): unknown => (typeof value === 'bigint' ? Number(value) : value)
const duckRows = async (sql: string): Promise<unknown[][]> =>
  (await queryWithDuckDB(sql)).map((r) => Object.values(r).map(plain))

describe('windows over aggregated rows', () => {
  it('should keep a repeated grouping column twice beside a window (SELECT k, k, rank() ... GROUP BY k)', async () => {
    const query = 'SELECT k, k, rank() OVER (ORDER BY k ASC NULLS FIRST) r FROM {src} GROUP BY k'
    const result = spark.sql(query.replace('{src}', 'g'))
    expect(await result.columns()).toEqual(['k', 'k', 'r'])
    const byRank = (rows: unknown[][]) => rows.sort((a, b) => Number(a[2]) - Number(b[2]))
    const actual = byRank((await result.collect({ rowMode: 'array' })).map((r) => r.map(plain)))
    const expected = byRank(await duckRows(query.replace('{src}', duckSource())))
    expect(expected.length).toBe(8)
    expect(actual).toEqual(expected)
  })

  it('should aggregate a DataFrame select mixing an aggregate and windows first, then window over the one row', async () => {
    const result = table.select(sum('v').alias('s'), count(lit(1)).over(Window.orderBy(sum('v'))).alias('n'),
      rank().over(Window.orderBy(sum('v'))).alias('r'))
    const actual = (await result.collect({ rowMode: 'array' })).map((r) => r.map(plain))
    const expected = await duckRows(`SELECT sum(v) AS s, count(1) OVER (ORDER BY sum(v)) AS n, rank() OVER (ORDER BY sum(v)) AS r FROM ${duckSource()}`)
    expect(expected).toHaveLength(1)
    expect(expected[0]![1]).toBe(1)
    expect(actual).toEqual(expected)
  })

  it('should refuse a window over a column neither grouped nor aggregated, as Spark (MISSING_GROUP_BY / MISSING_AGGREGATION)', async () => {
    await expect(table.select(sum('v'), rank().over(Window.orderBy('k'))).collect()).rejects.toThrow(
      '[MISSING_GROUP_BY] The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using OVER clauses.')
    await expect(spark.sql('SELECT k, sum(v) FROM g').collect()).rejects.toThrow('[MISSING_GROUP_BY]')
    await expect(spark.sql('SELECT id, sum(v) FROM g GROUP BY k').collect()).rejects.toThrow('[MISSING_AGGREGATION] The non-aggregating expression `id`')
  })

  it('should refuse a window function in ORDER BY as Spark does (UNSUPPORTED_EXPR_FOR_OPERATOR)', async () => {
    const message = '[UNSUPPORTED_EXPR_FOR_OPERATOR] A query operator contains one or more unsupported expressions. Consider to rewrite it to avoid window functions, aggregate functions, and generator functions in the WHERE clause. Invalid expressions: ["RANK() OVER (ORDER BY v ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"]'
    await expect(spark.sql('SELECT k, v FROM g ORDER BY rank() OVER (ORDER BY v)').collect()).rejects.toThrow(message)
    await expect(table.select('k', 'v').orderBy(rank().over(Window.orderBy(col('v')))).collect()).rejects.toThrow(message)
  })
})
