import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { avg, col, count, max } from '@sluice/client'
import { join } from 'node:path'
import { COURSE_COLUMNS, multisetDifference, queryWithDuckDB } from '../support/index.js'
import { compareNullable, groupRows, openCourseBatchFixture, type CourseBatchFixture } from './course-batch-fixture.js'

// Batch queries over generated course data; every answer comes from plain JS over
// JSON.parse of the same files (BigInt for the longs).

let fixture: CourseBatchFixture
beforeAll(async () => { fixture = await openCourseBatchFixture('batch-queries') })
afterAll(async () => { await fixture.close() })

const EQUAL = { missingCount: 0, extraCount: 0 }

describe('batch queries over course data', () => {
  it('should count rows per gt, the null label included', async () => {
    const expected = [...groupRows(fixture.reference.rows, (r) => r.gt).values()].map((g) => ({ gt: g.key, count: BigInt(g.rows.length) }))
    expect(expected.some((r) => r.gt === null)).toBe(true)
    const actual = await fixture.activity().groupBy('gt').count().collect()
    expect(multisetDifference(expected, actual, ['gt', 'count'])).toMatchObject(EQUAL)
  })

  it('should count per gt as DuckDB does over the same files with the columns declared', async () => {
    const duckdb = await queryWithDuckDB(
      `SELECT gt, count(*) AS count, max(Creation_Time) AS latest FROM read_json('${join(fixture.dataPath, '*.json')}', format = 'newline_delimited', ` +
      `columns = {gt: 'VARCHAR', Creation_Time: 'BIGINT'}) GROUP BY gt`)
    const sluice = await fixture.activity().groupBy('gt').agg(count('*').alias('count'), max('Creation_Time').alias('latest')).collect()
    expect(multisetDifference(duckdb, sluice, ['gt', 'count', 'latest'])).toMatchObject(EQUAL)
  })

  it('should filter with a SQL string and project columns', async () => {
    const expected = fixture.reference.rows.filter((r) => r.gt === 'stand').map((r) => ({ User: r.User, x: r.x, y: r.y, z: r.z }))
    const df = fixture.activity().where("gt = 'stand'").select('User', 'x', 'y', 'z')
    expect(await df.columns()).toEqual(['User', 'x', 'y', 'z'])
    expect(multisetDifference(expected, await df.collect(), ['User', 'x', 'y', 'z'])).toMatchObject(EQUAL)
  })

  it('should average x and take the exact BIGINT max of Creation_Time per User and Model', async () => {
    const groups = [...groupRows(fixture.reference.rows, (r) => [r.User, r.Model] as const).values()]
    const actual = await fixture.activity().groupBy('User', 'Model').agg(avg('x'), max('Creation_Time')).collect()
    expect(actual).toHaveLength(groups.length)
    for (const group of groups) {
      const [user, model] = group.key
      const row = actual.find((r) => r['User'] === user && r['Model'] === model)
      const mean = group.rows.reduce((sum, r) => sum + r.x!, 0) / group.rows.length
      const latest = group.rows.reduce((m, r) => (r.Creation_Time! > m ? r.Creation_Time! : m), -1n)
      expect(latest > 2n ** 53n).toBe(true)
      expect(row?.['max(Creation_Time)'], `${user}/${model}`).toBe(latest)
      expect(Math.abs((row?.['avg(x)'] as number) - mean), `${user}/${model}`).toBeLessThan(1e-12)
    }
  })

  it('should give distinct (User, gt) pairs', async () => {
    const expected = [...groupRows(fixture.reference.rows, (r) => [r.User, r.gt] as const).values()].map((g) => ({ User: g.key[0], gt: g.key[1] }))
    const actual = await fixture.activity().select('User', 'gt').distinct().collect()
    expect(multisetDifference(expected, actual, ['User', 'gt'])).toMatchObject(EQUAL)
  })

  it('should sort with nulls first or last as asked, ascending and descending', async () => {
    const rows = fixture.reference.rows
    const key = (r: (typeof rows)[number]) => ({ gt: r.gt, Device: r.Device, Index: r.Index })
    const ascLast = [...rows].sort((a, b) => compareNullable(a.gt, b.gt, false) || compareNullable(b.Device, a.Device, true) || Number(a.Index! - b.Index!)).map(key)
    const actualAscLast = await fixture.activity().orderBy(col('gt').asc_nulls_last(), col('Device').desc(), col('Index')).select('gt', 'Device', 'Index').collect()
    expect(actualAscLast).toEqual(ascLast)
    const descFirst = [...rows].sort((a, b) => compareNullable(b.gt, a.gt, false) || compareNullable(a.Device, b.Device, true) || Number(b.Index! - a.Index!)).map(key)
    expect(descFirst[0]!.gt).toBeNull()
    const actualDescFirst = await fixture.activity().orderBy(col('gt').desc_nulls_first(), col('Device'), col('Index').desc()).select('gt', 'Device', 'Index').collect()
    expect(actualDescFirst).toEqual(descFirst)
  })

  it('should compute every grouping set of a cube, keeping real nulls apart from subtotals', async () => {
    const rows = fixture.reference.rows
    const expected: Record<string, unknown>[] = []
    for (const [useGt, useModel] of [[true, true], [true, false], [false, true], [false, false]] as const) {
      for (const group of groupRows(rows, (r) => [useGt ? r.gt : null, useModel ? r.Model : null] as const).values()) {
        expected.push({ gt: group.key[0], Model: group.key[1], n: BigInt(group.rows.length) })
      }
    }
    const actual = await fixture.activity().cube('gt', 'Model').agg(count('*').alias('n')).collect()
    expect(multisetDifference(expected, actual, ['gt', 'Model', 'n'])).toMatchObject(EQUAL)
  })

  it('should join with a static lookup table, inner and left outer', async () => {
    const teams = [{ User: 'a', team: 'red' }, { User: 'b', team: 'red' }, { User: 'c', team: 'blue' }, { User: 'z', team: 'none' }]
    const lookup = fixture.spark.createDataFrame(teams, 'User STRING, team STRING')
    const teamOf = new Map(teams.map((t) => [t.User, t.team]))
    const rows = fixture.reference.rows
    const inner = rows.filter((r) => teamOf.has(r.User!)).map((r) => ({ User: r.User, Index: r.Index, Device: r.Device, team: teamOf.get(r.User!) }))
    const actualInner = await fixture.activity().join(lookup, 'User').select('User', 'Index', 'Device', 'team').collect()
    expect(multisetDifference(inner, actualInner, ['User', 'Index', 'Device', 'team'])).toMatchObject(EQUAL)
    const perTeam = [...groupRows(rows, (r) => teamOf.get(r.User!) ?? null).values()].map((g) => ({ team: g.key, n: BigInt(g.rows.length) }))
    const actualPerTeam = await fixture.activity().join(lookup, 'User', 'left').groupBy('team').agg(count('*').alias('n')).collect()
    expect(multisetDifference(perTeam, actualPerTeam, ['team', 'n'])).toMatchObject(EQUAL)
  })

  const topUsersSql = (user: string) =>
    `SELECT ${user}, n, latest FROM (SELECT ${user}, count(*) AS n, max(Creation_Time) AS latest FROM activity ` +
    `WHERE gt IS NOT NULL GROUP BY ${user} HAVING count(*) > 10) t ORDER BY n DESC, ${user} LIMIT 4`

  it('should run SQL with a subquery in FROM, GROUP BY, HAVING, ORDER BY and LIMIT', async () => {
    fixture.activity().createOrReplaceTempView('activity')
    const actual = await fixture.spark.sql(topUsersSql('`User`')).collect()
    const expected = [...groupRows(fixture.reference.rows.filter((r) => r.gt !== null), (r) => r.User).values()]
      .map((g) => ({ User: g.key, n: BigInt(g.rows.length), latest: g.rows.reduce((m, r) => (r.Creation_Time! > m ? r.Creation_Time! : m), -1n) }))
      .filter((r) => r.n > 10n)
      .sort((a, b) => (a.n === b.n ? compareNullable(a.User, b.User, true) : a.n > b.n ? -1 : 1))
      .slice(0, 4)
    expect(actual).toEqual(expected)
  })

  // Spark resolves a bare USER to the column first, to the user() function only without one.
  it('should resolve a bare User in SQL to the column, as Spark does', async () => {
    fixture.activity().createOrReplaceTempView('activity')
    const rows = await fixture.spark.sql(topUsersSql('User')).collect()
    expect(rows).toEqual(await fixture.spark.sql(topUsersSql('`User`')).collect())
  })

  it('should read every column of every row exactly', async () => {
    expect(multisetDifference(fixture.reference.rows, await fixture.activity().collect(), COURSE_COLUMNS)).toMatchObject(EQUAL)
  })
})
