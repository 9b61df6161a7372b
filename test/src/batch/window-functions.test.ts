import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice, Window, col, collect_list, count, lag, lead, nth_value, ntile, row_number, sum, type Column, type DataFrame } from '@sluice/client'
import { SeededRandom } from '@sluice/client/testing'
import { queryWithDuckDB } from '../support/index.js'

// Window functions over random data, against DuckDB as an independent oracle for the
// SQL-standard semantics both engines share (Spark SQL reference "Window Functions":
// ranking functions, analytic functions lag/lead/nth_value/first_value/last_value, and
// aggregates over ROWS / RANGE frames; default frame RANGE BETWEEN UNBOUNDED PRECEDING
// AND CURRENT ROW when ordered, the whole partition when not). Null ordering is always
// written out: DuckDB sorts ASC NULLS LAST by default, Spark ASC NULLS FIRST. Where the
// order has ties, the cases either use `id` to make it total or compute a value that
// is the same for every order of peers (rank, RANGE frames).

const SEED = 20240611
const ROWS = 240

interface DataRow { id: number; k: string | null; v: number | null; d: number | null }

let spark: Sluice
let root: string
let file: string
let table: DataFrame

function randomRows(): DataRow[] {
  const random = new SeededRandom(SEED)
  return Array.from({ length: ROWS }, (_, id) => ({
    id,
    k: random.chance(0.08) ? null : 'abcdef'[random.int(0, 5)]!,
    v: random.chance(0.15) ? null : random.int(-15, 15),
    d: random.chance(0.1) ? null : random.int(-400, 400) / 100,
  }))
}

beforeAll(async () => {
  spark = await Sluice.builder().appName('window-functions-oracle').getOrCreate()
  root = mkdtempSync(join(tmpdir(), 'sluice-window-'))
  file = join(root, 'rows.json')
  writeFileSync(file, randomRows().map((r) => JSON.stringify(r)).join('\n') + '\n')
  table = spark.read.schema('id INT, k STRING, v INT, d DOUBLE').json(file)
  table.createOrReplaceTempView('t')
})
afterAll(async () => {
  await spark.stop()
  rmSync(root, { recursive: true, force: true })
})

const duckSource = () => `read_json('${file}', format = 'newline_delimited', columns = {id: 'INTEGER', k: 'VARCHAR', v: 'INTEGER', d: 'DOUBLE'})`

/** Values as comparable plain data: integers of any width as numbers, lists element-wise. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value)
  if (Array.isArray(value)) return value.map(plain)
  return value
}

function expectSameColumn(actual: Record<string, unknown>[], expected: Record<string, unknown>[], label: string): void {
  expect(actual.length, label).toBe(ROWS)
  expect(expected.length, label).toBe(ROWS)
  const byId = new Map(expected.map((r) => [Number(r['id']), plain(r['w'])]))
  for (const row of actual) {
    const id = Number(row['id'])
    const got = plain(row['w'])
    const want = byId.get(id)
    if (typeof got === 'number' && typeof want === 'number' && !Number.isInteger(want)) {
      expect(Math.abs(got - want), `${label}, id ${id}: ${got} vs ${want}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(want)))
    } else {
      expect(got, `${label}, id ${id}`).toEqual(want)
    }
  }
}

/** [Spark SQL window expression, DuckDB's spelling when it differs]. */
const CASES: readonly (readonly [string, string?])[] = [
  // Ranking functions (frame ROWS UNBOUNDED PRECEDING..CURRENT ROW; cume_dist RANGE).
  ['row_number() OVER (PARTITION BY k ORDER BY v ASC NULLS FIRST, id ASC NULLS FIRST)'],
  ['row_number() OVER (PARTITION BY k, v % 3 ORDER BY id DESC NULLS LAST)'],
  ['rank() OVER (PARTITION BY k ORDER BY v DESC NULLS LAST)'],
  ['dense_rank() OVER (PARTITION BY k ORDER BY v ASC NULLS LAST)'],
  ['rank() OVER (ORDER BY k ASC NULLS FIRST, v DESC NULLS FIRST)'],
  ['percent_rank() OVER (PARTITION BY k ORDER BY v ASC NULLS FIRST)'],
  ['cume_dist() OVER (PARTITION BY k ORDER BY v DESC NULLS FIRST)'],
  ['ntile(4) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST)'],
  ['ntile(7) OVER (ORDER BY id ASC NULLS FIRST)'],
  ['ntile(50) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST)'],
  // Offset functions.
  ['lag(v) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST)'],
  ['lag(v, 2, -1) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST)'],
  ['lead(d, 3, 0.5) OVER (PARTITION BY k ORDER BY id DESC NULLS LAST)'],
  ['lead(v) OVER (ORDER BY id ASC NULLS FIRST)'],
  ['lag(v, -2) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST)'],
  ['lag(v) IGNORE NULLS OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST)', 'lag(v IGNORE NULLS) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST)'],
  ['lead(v, 2) IGNORE NULLS OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST)', 'lead(v, 2 IGNORE NULLS) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST)'],
  // Frame-based analytic functions.
  ['nth_value(v, 2) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST)'],
  ['nth_value(id, 3) OVER (PARTITION BY k ORDER BY v ASC NULLS FIRST, id ASC NULLS FIRST)'],
  ['nth_value(v, 2) IGNORE NULLS OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING)',
    'nth_value(v, 2 IGNORE NULLS) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING)'],
  ['first_value(v) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST ROWS BETWEEN 3 PRECEDING AND 1 FOLLOWING)'],
  ['last_value(id) OVER (PARTITION BY k ORDER BY v ASC NULLS FIRST, id DESC NULLS FIRST)'],
  ['last_value(v) OVER (PARTITION BY k ORDER BY v DESC NULLS FIRST)'],
  ['first_value(v) IGNORE NULLS OVER (PARTITION BY k ORDER BY id DESC NULLS LAST)', 'first_value(v IGNORE NULLS) OVER (PARTITION BY k ORDER BY id DESC NULLS LAST)'],
  ['last_value(v) IGNORE NULLS OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)',
    'last_value(v IGNORE NULLS) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)'],
  // Aggregates: whole partition, default RANGE frame with peers, ROWS frames.
  ['sum(v) OVER (PARTITION BY k)'],
  ['count(*) OVER ()'],
  ['sum(v) OVER (PARTITION BY k ORDER BY v ASC NULLS FIRST)'],
  ['avg(d) OVER (PARTITION BY k ORDER BY v DESC NULLS LAST)'],
  ['count(v) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)'],
  ['count(*) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)'],
  ['avg(d) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING)'],
  ['min(v) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING)'],
  ['max(d) OVER (ORDER BY id ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND 5 FOLLOWING)'],
  ['sum(v) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST ROWS BETWEEN 5 PRECEDING AND 2 PRECEDING)'],
  ['stddev_samp(d) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST ROWS BETWEEN 4 PRECEDING AND CURRENT ROW)'],
  ['collect_list(v) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)',
    'list(v) FILTER (WHERE v IS NOT NULL) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)'],
  // RANGE frames with numeric offsets (null order values: the null peers are the frame).
  ['sum(v) OVER (PARTITION BY k ORDER BY v ASC NULLS FIRST RANGE BETWEEN 3 PRECEDING AND 2 FOLLOWING)'],
  ['count(*) OVER (PARTITION BY k ORDER BY v DESC NULLS LAST RANGE BETWEEN 2 PRECEDING AND CURRENT ROW)'],
  ['max(id) OVER (ORDER BY d ASC NULLS FIRST RANGE BETWEEN 0.5 PRECEDING AND 0.25 FOLLOWING)'],
  ['sum(v) OVER (PARTITION BY k ORDER BY v ASC NULLS LAST RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)'],
  ['min(id) OVER (PARTITION BY k ORDER BY v ASC NULLS FIRST RANGE BETWEEN 1 FOLLOWING AND 4 FOLLOWING)'],
]

describe('window functions against DuckDB', () => {
  for (const [sparkExpr, duckExpr] of CASES) {
    it(`should compute ${sparkExpr}`, async () => {
      const actual = await spark.sql(`SELECT id, ${sparkExpr} AS w FROM t`).collect()
      const expected = await queryWithDuckDB(`SELECT id, ${duckExpr ?? sparkExpr} AS w FROM ${duckSource()}`)
      expectSameColumn(actual, expected, sparkExpr)
    })
  }

  it('should compute the same windows through the DataFrame API (Window.partitionBy / orderBy / rowsBetween / rangeBetween)', async () => {
    const byK = Window.partitionBy('k')
    const apiCases: readonly [Column, string][] = [
      [row_number().over(byK.orderBy(col('v').desc_nulls_last(), 'id')), 'row_number() OVER (PARTITION BY k ORDER BY v DESC NULLS LAST, id ASC NULLS FIRST)'],
      [ntile(3).over(byK.orderBy('id')), 'ntile(3) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST)'],
      [lag('v', 1, 0).over(byK.orderBy('id')), 'lag(v, 1, 0) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST)'],
      [lead('v', 2).over(byK.orderBy('id')), 'lead(v, 2) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST)'],
      [nth_value('v', 2, true).over(byK.orderBy('id').rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)),
        'nth_value(v, 2 IGNORE NULLS) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)'],
      [sum('v').over(byK.orderBy('id').rowsBetween(-2, Window.currentRow)), 'sum(v) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)'],
      [sum('v').over(byK.orderBy('v').rangeBetween(-3, 2)), 'sum(v) OVER (PARTITION BY k ORDER BY v ASC NULLS FIRST RANGE BETWEEN 3 PRECEDING AND 2 FOLLOWING)'],
      [count('*').over(byK.orderBy('v').rangeBetween(Window.currentRow, Window.unboundedFollowing)),
        'count(*) OVER (PARTITION BY k ORDER BY v ASC NULLS FIRST RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)'],
      // Spark's collect_list is never null: an empty frame gives [] (DuckDB's list gives NULL).
      [collect_list('id').over(byK.orderBy('id').rowsBetween(1, 2)),
        'coalesce(list(id) OVER (PARTITION BY k ORDER BY id ASC NULLS FIRST ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING), [])'],
      [sum('v').over(byK), 'sum(v) OVER (PARTITION BY k)'],
    ]
    for (const [column, duckExpr] of apiCases) {
      const actual = await table.withColumn('w', column).select('id', 'w').collect()
      const expected = await queryWithDuckDB(`SELECT id, ${duckExpr} AS w FROM ${duckSource()}`)
      expectSameColumn(actual, expected, duckExpr)
    }
  })

  it('should rank aggregated groups and keep the latest row per key, as DuckDB', async () => {
    const grouped = 'SELECT k, sum(v) AS s, rank() OVER (ORDER BY sum(v) DESC NULLS LAST) AS r FROM t GROUP BY k'
    const duckGrouped = `SELECT k, sum(v) AS s, rank() OVER (ORDER BY sum(v) DESC NULLS LAST) AS r FROM ${duckSource()} GROUP BY k`
    const key = (r: Record<string, unknown>) => JSON.stringify([r['k'], plain(r['s']), plain(r['r'])])
    expect((await spark.sql(grouped).collect()).map(key).sort()).toEqual((await queryWithDuckDB(duckGrouped)).map(key).sort())

    const latest = 'SELECT k, id, v FROM (SELECT *, row_number() OVER (PARTITION BY k ORDER BY id DESC) AS rn FROM t) WHERE rn = 1'
    const duckLatest = `SELECT k, id, v FROM (SELECT *, row_number() OVER (PARTITION BY k ORDER BY id DESC) AS rn FROM ${duckSource()}) WHERE rn = 1`
    const row = (r: Record<string, unknown>) => JSON.stringify([r['k'], plain(r['id']), plain(r['v'])])
    const expected = (await queryWithDuckDB(duckLatest)).map(row).sort()
    expect(expected.length).toBe(7)
    expect((await spark.sql(latest).collect()).map(row).sort()).toEqual(expected)
    const viaApi = table.withColumn('rn', row_number().over(Window.partitionBy('k').orderBy(col('id').desc()))).where(col('rn').eq(1)).select('k', 'id', 'v')
    expect((await viaApi.collect()).map(row).sort()).toEqual(expected)
  })
})
