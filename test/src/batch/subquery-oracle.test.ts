import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice } from '@sluice/client'
import { multisetDifference, queryWithDuckDB } from '../support/index.js'

// SQL subqueries (IN, NOT IN, EXISTS, NOT EXISTS, scalar; correlated or not) over random tables with
// nulls, each answer compared with DuckDB's over the same JSON files. Where Spark's documented rewrite
// differs from SQL's three-valued IN (an IN / NOT IN used as a value is Spark's ExistenceJoin, true or
// false, never null: RewritePredicateSubquery.rewriteExistentialExpr), the DuckDB query says so with coalesce.

const T_COLUMNS = { a: 'INTEGER', k: 'INTEGER', v: 'INTEGER' }
const U_COLUMNS = { b: 'INTEGER', k: 'INTEGER', w: 'INTEGER' }

/** mulberry32: a small seeded generator, so every run sees the same tables. */
function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

let root: string
let spark: Sluice
let duckTables: string

function writeTable(name: string, rows: readonly Record<string, number | null>[], columns: Record<string, string>): string {
  const path = join(root, `${name}.json`)
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n')
  const declared = Object.entries(columns).map(([c, t]) => `${c}: '${t}'`).join(', ')
  return `${name} AS (SELECT * FROM read_json('${path}', format = 'newline_delimited', columns = {${declared}}))`
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sluice-subquery-oracle-'))
  const random = seeded(20240611)
  const maybe = (n: number, nullShare: number) => (random() < nullShare ? null : Math.floor(random() * n))
  const t = Array.from({ length: 240 }, () => ({ a: maybe(25, 0.1), k: maybe(12, 0.05), v: maybe(100, 0) }))
  const u = Array.from({ length: 160 }, () => ({ b: maybe(25, 0.08), k: maybe(10, 0.05), w: maybe(100, 0) }))
  duckTables = `WITH ${writeTable('t', t, T_COLUMNS)}, ${writeTable('u', u, U_COLUMNS)} `
  spark = await Sluice.builder().appName('subquery-oracle').getOrCreate()
  spark.read.schema('a INT, k INT, v INT').json(join(root, 't.json')).createOrReplaceTempView('t')
  spark.read.schema('b INT, k INT, w INT').json(join(root, 'u.json')).createOrReplaceTempView('u')
})

afterAll(async () => {
  await spark.stop()
  rmSync(root, { recursive: true, force: true })
})

/** Runs `sql` in Sluice and `duck` (default: the same text) in DuckDB; the rows must be the same multiset. */
async function expectSameAsDuckDB(sql: string, columns: readonly string[], duck = sql): Promise<number> {
  const expected = await queryWithDuckDB(duckTables + duck)
  const actual = await spark.sql(sql).collect()
  expect(multisetDifference(expected, actual, columns), sql).toMatchObject({ missingCount: 0, extraCount: 0 })
  return expected.length
}

describe('SQL subqueries compared with DuckDB', () => {
  it('should keep the rows whose value is IN an uncorrelated subquery (left semi join)', async () => {
    const n = await expectSameAsDuckDB('SELECT a, k, v FROM t WHERE a IN (SELECT b FROM u)', ['a', 'k', 'v'])
    expect(n).toBeGreaterThan(0)
  })

  it('should make NOT IN null-aware: a null in the subquery leaves no row, a null value never qualifies', async () => {
    expect(await expectSameAsDuckDB('SELECT a, k, v FROM t WHERE a NOT IN (SELECT b FROM u)', ['a', 'k', 'v'])).toBe(0)
    const n = await expectSameAsDuckDB('SELECT a, k, v FROM t WHERE a NOT IN (SELECT b FROM u WHERE b IS NOT NULL AND w < 20)', ['a', 'k', 'v'])
    expect(n).toBeGreaterThan(0)
    expect(n).toBeLessThan(240 - 24)
    const correlated = await expectSameAsDuckDB('SELECT a, k, v FROM t WHERE a NOT IN (SELECT b FROM u WHERE u.k = t.k)', ['a', 'k', 'v'])
    expect(correlated).toBeGreaterThan(0)
  })

  it('should keep the rows whose value is IN a correlated subquery, one or two columns', async () => {
    await expectSameAsDuckDB('SELECT a, k, v FROM t WHERE a IN (SELECT b FROM u WHERE u.k = t.k)', ['a', 'k', 'v'])
    const n = await expectSameAsDuckDB('SELECT a, k, v FROM t WHERE (a, k) IN (SELECT b, k FROM u)', ['a', 'k', 'v'])
    expect(n).toBeGreaterThan(0)
  })

  it('should filter by correlated EXISTS and NOT EXISTS, also with a non-equality correlation', async () => {
    const kept = await expectSameAsDuckDB('SELECT a, k, v FROM t WHERE EXISTS (SELECT * FROM u WHERE u.k = t.k)', ['a', 'k', 'v'])
    const dropped = await expectSameAsDuckDB('SELECT a, k, v FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE t.k = u.k)', ['a', 'k', 'v'])
    expect(kept + dropped).toBe(240)
    expect(dropped).toBeGreaterThan(0)
    await expectSameAsDuckDB('SELECT a, k, v FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.w > t.v + 50)', ['a', 'k', 'v'])
  })

  it('should filter by uncorrelated EXISTS: all rows or none', async () => {
    expect(await expectSameAsDuckDB('SELECT a, k, v FROM t WHERE EXISTS (SELECT 1 FROM u WHERE w > 50)', ['a', 'k', 'v'])).toBe(240)
    expect(await expectSameAsDuckDB('SELECT a, k, v FROM t WHERE EXISTS (SELECT 1 FROM u WHERE w > 1000)', ['a', 'k', 'v'])).toBe(0)
  })

  it('should give an uncorrelated scalar subquery one value in the select list and in WHERE', async () => {
    await expectSameAsDuckDB('SELECT a, v, (SELECT max(w) FROM u) AS m FROM t', ['a', 'v', 'm'])
    await expectSameAsDuckDB('SELECT a, v FROM t WHERE v > (SELECT avg(w) FROM u) + 10', ['a', 'v'])
    await expectSameAsDuckDB('SELECT a, (SELECT max(w) FROM u WHERE w > 1000) AS none FROM t', ['a', 'none'])
  })

  it('should give a correlated count 0, not null, where no row matches (the count bug), and sum null', async () => {
    await expectSameAsDuckDB('SELECT a, k, (SELECT count(*) FROM u WHERE u.k = t.k) AS c, (SELECT count(b) + 1 FROM u WHERE u.k = t.k) AS c1 FROM t',
      ['a', 'k', 'c', 'c1'])
    await expectSameAsDuckDB('SELECT a, k, (SELECT sum(w) FROM u WHERE u.k = t.k AND u.b > 3) AS s FROM t', ['a', 'k', 's'],
      'SELECT a, k, (SELECT CAST(sum(w) AS BIGINT) FROM u WHERE u.k = t.k AND u.b > 3) AS s FROM t')
    const zero = await queryWithDuckDB(duckTables + 'SELECT count(*) AS n FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k)')
    expect(zero[0]!['n']).toBeGreaterThan(0n)
  })

  it('should filter by a correlated scalar subquery in WHERE', async () => {
    await expectSameAsDuckDB('SELECT a, k, v FROM t WHERE v > (SELECT avg(w) FROM u WHERE u.k = t.k)', ['a', 'k', 'v'])
    await expectSameAsDuckDB('SELECT a, k, v FROM t WHERE (SELECT count(*) FROM u WHERE u.k = t.k) < 14', ['a', 'k', 'v'])
  })

  it("should give IN / NOT IN / EXISTS used as values Spark's existence-join booleans", async () => {
    await expectSameAsDuckDB(
      'SELECT a, k, a IN (SELECT b FROM u) AS i, a NOT IN (SELECT b FROM u WHERE u.k = t.k) AS ni, EXISTS (SELECT 1 FROM u WHERE u.k = t.k) AS e FROM t',
      ['a', 'k', 'i', 'ni', 'e'],
      'SELECT a, k, coalesce(a IN (SELECT b FROM u), false) AS i, coalesce(a NOT IN (SELECT b FROM u WHERE u.k = t.k), false) AS ni, ' +
      'EXISTS (SELECT 1 FROM u WHERE u.k = t.k) AS e FROM t')
  })

  it('should evaluate IN / EXISTS under OR and in CASE', async () => {
    await expectSameAsDuckDB('SELECT a, k, v FROM t WHERE v < 10 OR a IN (SELECT b FROM u WHERE u.k = t.k)', ['a', 'k', 'v'])
    await expectSameAsDuckDB(
      'SELECT a, CASE WHEN EXISTS (SELECT 1 FROM u WHERE u.b = t.a) THEN (SELECT max(w) FROM u WHERE u.b = t.a) ELSE -1 END AS x FROM t', ['a', 'x'])
  })

  it('should compare groups with a scalar subquery in HAVING and in an aggregate select list', async () => {
    await expectSameAsDuckDB('SELECT k, count(*) AS n FROM t GROUP BY k HAVING count(*) > (SELECT count(*) FROM u) / 8', ['k', 'n'])
    await expectSameAsDuckDB('SELECT k, max(v) - (SELECT min(w) FROM u) AS d FROM t GROUP BY k', ['k', 'd'])
  })
})
