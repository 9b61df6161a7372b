import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '@sluice/client'
import { queryWithDuckDB } from '../support/index.js'

// What a lambda body may read besides its variables, as Spark's analyzer resolves it:
// - aggregates: an aggregate call inside a lambda body over a grouped query is an aggregate of the
//   group (Spark collects AggregateExpressions anywhere in the select list, lambda bodies included;
//   `transform(array(1), x -> x + max(v))` is accepted). The per-group maxima come from DuckDB.
// - names: ResolveLambdaVariables matches a name with the conf's resolver, so under
//   spark.sql.caseSensitive=true `X` is not the variable `x` but a column (or the variable of an
//   enclosing lambda spelled `X`); case-insensitively it is the innermost variable either way.

let spark: Sluice
let root: string
let file: string

beforeAll(async () => {
  spark = await Sluice.builder().appName('lambda-scoping').getOrCreate()
  root = mkdtempSync(join(tmpdir(), 'sluice-lambda-scoping-'))
  file = join(root, 'rows.json')
  const rows = [{ k: 'a', v: 3 }, { k: 'a', v: 8 }, { k: 'b', v: -2 }, { k: 'b', v: null }, { k: 'c', v: null }]
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n')
  spark.read.schema('k STRING, v INT').json(file).createOrReplaceTempView('l')
})
afterAll(async () => {
  await spark.stop()
  rmSync(root, { recursive: true, force: true })
})

async function withCaseSensitive<T>(run: () => Promise<T>): Promise<T> {
  spark.conf.set('spark.sql.caseSensitive', 'true')
  try {
    return await run()
  } finally {
    spark.conf.set('spark.sql.caseSensitive', 'false')
  }
}

describe('lambda bodies', () => {
  it('should aggregate the calls inside a lambda body per group', async () => {
    const maxima = await queryWithDuckDB(
      `SELECT k, max(v) AS m FROM read_json('${file}', format = 'newline_delimited', columns = {k: 'VARCHAR', v: 'INTEGER'}) GROUP BY k ORDER BY k`)
    const expected = maxima.map((r) => {
      const m = r['m'] === null ? null : Number(r['m'])
      return { k: r['k'], t: [1, 2].map((x) => (m === null ? null : x * m)) }
    })
    expect(expected).toEqual([{ k: 'a', t: [8, 16] }, { k: 'b', t: [-2, -4] }, { k: 'c', t: [null, null] }])
    expect(await spark.sql('SELECT k, transform(array(1, 2), x -> x * max(v)) AS t FROM l GROUP BY k ORDER BY k').collect()).toEqual(expected)

    const global = spark.sql('SELECT transform(array(1), x -> x + max(v)) FROM l')
    expect(await global.columns()).toEqual(['transform(array(1), lambdafunction((namedlambdavariable() + max(v)), namedlambdavariable()))'])
    expect(await global.collect({ rowMode: 'array' })).toEqual([[[9]]])
  })

  it('should match lambda variables case-sensitively under spark.sql.caseSensitive=true', async () => {
    const query = 'SELECT transform(array(1, 2), x -> x * 10 + X) AS r FROM (SELECT 5 AS X)'
    // Case-insensitively X is the variable: 1*10+1, 2*10+2; case-sensitively the column X = 5.
    expect(await spark.sql(query).collect()).toEqual([{ r: [11, 22] }])
    expect(await withCaseSensitive(() => spark.sql(query).collect())).toEqual([{ r: [15, 25] }])

    // transform's (element, index) lambda may name both x and X only case-sensitively.
    const both = 'SELECT transform(array(7, 8), (x, X) -> x * 10 + X) AS r'
    await expect(spark.sql(both).collect()).rejects.toThrow('[INVALID_LAMBDA_FUNCTION_CALL.DUPLICATE_ARG_NAMES]')
    expect(await withCaseSensitive(() => spark.sql(both).collect())).toEqual([{ r: [70, 81] }])

    // An inner X shadows an outer x only case-insensitively.
    const nested = 'SELECT transform(array(1, 2), x -> transform(array(5), X -> x * 10 + X)) AS r'
    expect(await spark.sql(nested).collect()).toEqual([{ r: [[55], [55]] }])
    expect(await withCaseSensitive(() => spark.sql(nested).collect())).toEqual([{ r: [[15], [25]] }])

    await expect(withCaseSensitive(() => spark.sql('SELECT transform(array(1), x -> X) AS r').collect()))
      .rejects.toThrow('[UNRESOLVED_COLUMN.WITHOUT_SUGGESTION] A column, variable, or function parameter with name `X` cannot be resolved.')
  })
})
