import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '@sluice/client'

// Spark's names of subquery expressions and its uncorrelated scalar subquery check.
// Names: a SubqueryExpression's children are its outer references (outerAttrs, collected by
// SubExprUtils.getOuterReferences when ResolveSubquery resolves the plan), and Expression.sql prints
// `prettyName(children)`, so a correlated scalar subquery is `scalarsubquery(k)` (`exists(k)` for EXISTS),
// an uncorrelated one `scalarsubquery()`.
// Too many rows: an uncorrelated scalar subquery is planned as its own ScalarSubquery, run before the
// main query (SparkPlan.waitForSubqueries); updateResult fails with SCALAR_SUBQUERY_TOO_MANY_ROWS on
// a second row, whether or not the outer query has rows.

let spark: Sluice
let root: string

beforeAll(async () => {
  spark = await Sluice.builder().appName('subquery-outer-references').getOrCreate()
  root = mkdtempSync(join(tmpdir(), 'sluice-subquery-names-'))
  const table = (name: string, schema: string, rows: readonly Record<string, number | null>[]) => {
    const path = join(root, `${name}.json`)
    writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length > 0 ? '\n' : ''))
    spark.read.schema(schema).json(path).createOrReplaceTempView(name)
  }
  table('t', 'k INT, j INT', [{ k: 1, j: 1 }, { k: 2, j: 1 }, { k: 3, j: 2 }])
  table('u', 'k INT, j INT, b INT', [{ k: 1, j: 1, b: 5 }, { k: 1, j: 2, b: 7 }, { k: 3, j: 2, b: 9 }])
  table('empty', 'k INT', [])
})
afterAll(async () => {
  await spark.stop()
  rmSync(root, { recursive: true, force: true })
})

describe('subquery expressions', () => {
  it('should name a correlated scalar subquery by the outer columns it reads, as Spark', async () => {
    const one = spark.sql('SELECT (SELECT max(b) FROM u WHERE u.k = t.k) FROM t')
    expect(await one.columns()).toEqual(['scalarsubquery(k)'])
    // max(b) of u's rows with the same k: k=1 → max(5, 7), k=2 → none, k=3 → 9.
    expect((await one.collect({ rowMode: 'array' })).map((r) => r[0])).toEqual([7, null, 9])

    const two = spark.sql('SELECT k, (SELECT max(b) FROM u WHERE u.k = t.k AND u.j = t.j) + 1 FROM t')
    expect(await two.columns()).toEqual(['k', '(scalarsubquery(k, j) + 1)'])
    expect(await two.collect({ rowMode: 'array' })).toEqual([[1, 6], [2, null], [3, 10]])

    expect(await spark.sql('SELECT (SELECT max(b) FROM u) FROM t').columns()).toEqual(['scalarsubquery()'])
    expect(await spark.sql('SELECT EXISTS (SELECT 1 FROM u WHERE u.k = t.k) FROM t').columns()).toEqual(['exists(k)'])
  })

  it('should name the outer columns of a scalar subquery over a GROUP BY select list', async () => {
    const grouped = spark.sql('SELECT j, (SELECT count(*) FROM u WHERE u.j = t.j) FROM t GROUP BY j')
    expect(await grouped.columns()).toEqual(['j', 'scalarsubquery(j)'])
    expect((await grouped.collect({ rowMode: 'array' })).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([[1, 1n], [2, 2n]])
  })

  it('should fail an uncorrelated scalar subquery with two rows even over an empty outer table', async () => {
    const tooMany = '[SCALAR_SUBQUERY_TOO_MANY_ROWS] More than one row returned by a subquery used as an expression.'
    await expect(spark.sql('SELECT (SELECT b FROM u) FROM empty').collect()).rejects.toThrow(tooMany)
    await expect(spark.sql('SELECT k FROM empty WHERE k = (SELECT b FROM u)').collect()).rejects.toThrow(tooMany)
    // One row or none is a value (null for none), and an empty outer table gives no rows.
    expect(await spark.sql('SELECT (SELECT b FROM u WHERE b = 9) FROM empty').collect()).toEqual([])
    expect(await spark.sql('SELECT (SELECT b FROM u WHERE b > 100) AS x FROM t').collect()).toEqual([{ x: null }, { x: null }, { x: null }])
  })
})
