import { afterAll, describe, expect, it } from 'vitest'
import { IntegerType, Plan, StructField, StructType, parseQuery, physicalChildren, type PhysicalPlan } from '@sluice/shared'
import { QueryEngine } from '../session/query-engine.js'

// The joins Spark's optimizer makes of subqueries (RewritePredicateSubquery, RewriteCorrelatedScalarSubquery,
// PullupCorrelatedPredicates in sql/catalyst/.../optimizer/subquery.scala) and Spark's analysis errors.
const engine = new QueryEngine()
afterAll(async () => { await engine.close() })
const ints = (...names: string[]) => StructType(names.map((n) => StructField(n, IntegerType, true)))
engine.catalog.createOrReplaceTempView('t', Plan.localRelation(ints('a', 'k'), [[1, 1], [2, 1], [null, 2], [4, 3]]))
engine.catalog.createOrReplaceTempView('u', Plan.localRelation(ints('b', 'k'), [[1, 1], [4, 1], [null, 3], [2, 3]]))

const joins = async (sql: string): Promise<string[]> => {
  const out: string[] = []
  const walk = (p: PhysicalPlan): void => {
    if (p.kind === 'HashJoin' || p.kind === 'NestedLoopJoin') out.push(`${p.kind} ${p.joinType}`)
    physicalChildren(p).forEach(walk)
  }
  walk((await engine.plan(parseQuery(sql))).plan)
  return out
}
const rows = async (sql: string) => (await engine.collect(parseQuery(sql))).rows

describe('subquery planning', () => {
  it('should make WHERE IN / EXISTS semi joins and NOT EXISTS an anti join, hashed on the correlation', async () => {
    expect(await joins('SELECT a FROM t WHERE a IN (SELECT b FROM u)')).toEqual(['HashJoin semi'])
    expect(await joins('SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k)')).toEqual(['HashJoin semi'])
    expect(await joins('SELECT a FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k)')).toEqual(['HashJoin anti'])
  })

  it('should make NOT IN a null-aware anti join: (a = b) OR isnull(a = b) is no hash key', async () => {
    expect(await joins('SELECT a FROM t WHERE a NOT IN (SELECT b FROM u)')).toEqual(['NestedLoopJoin anti'])
    // u.b holds a null: no row qualifies; without it, the null a still does not.
    expect(await rows('SELECT a FROM t WHERE a NOT IN (SELECT b FROM u)')).toEqual([])
    expect(await rows('SELECT a FROM t WHERE a NOT IN (SELECT b FROM u WHERE b > 1)')).toEqual([[1]])
  })

  it('should make IN / EXISTS under OR existence joins and scalar subqueries single joins', async () => {
    expect(await joins('SELECT a FROM t WHERE a > 3 OR a IN (SELECT b FROM u)')).toEqual(['HashJoin existence'])
    expect(await joins('SELECT a, (SELECT max(b) FROM u) FROM t')).toEqual(['NestedLoopJoin single'])
    expect(await joins('SELECT a, (SELECT count(*) FROM u WHERE u.k = t.k) FROM t')).toEqual(['HashJoin single'])
  })

  it('should give a correlated count 0 where no row matches, as Spark fixes the count bug', async () => {
    expect(await rows('SELECT a, (SELECT count(*) FROM u WHERE u.k = t.k) AS c, (SELECT max(b) FROM u WHERE u.k = t.k) AS m FROM t'))
      .toEqual([[1, 2n, 4], [2, 2n, 4], [null, 0n, null], [4, 2n, 2]])
  })

  it("should name an unaliased scalar subquery scalarsubquery() and keep the outer row's qualifiers", async () => {
    const planned = await engine.plan(parseQuery('SELECT t.a, (SELECT max(b) FROM u) FROM t WHERE t.a IN (SELECT b FROM u)'))
    expect(planned.plan.schema.fields.map((f) => f.name)).toEqual(['a', 'scalarsubquery()'])
  })

  it('should fail as Spark does: too many rows at run time, too many columns, IN length, non-equality correlation under an aggregate', async () => {
    await expect(rows('SELECT (SELECT b FROM u)')).rejects.toThrow('[SCALAR_SUBQUERY_TOO_MANY_ROWS] More than one row returned by a subquery used as an expression.')
    await expect(rows('SELECT a, (SELECT b FROM u WHERE u.k = t.k) FROM t')).rejects.toThrow('SCALAR_SUBQUERY_TOO_MANY_ROWS')
    await expect(rows('SELECT (SELECT b, k FROM u)')).rejects.toThrow(
      '[INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN] Invalid subquery: Scalar subquery must return only one column, but got 2.')
    await expect(rows('SELECT a FROM t WHERE a IN (SELECT b, k FROM u)')).rejects.toThrow('DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH')
    await expect(rows('SELECT a, (SELECT max(b) FROM u WHERE u.k > t.k) FROM t')).rejects.toThrow(
      'UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE')
    await expect(rows('SELECT a FROM t JOIN u ON a IN (SELECT b FROM u)')).rejects.toThrow('UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_IN_EXISTS_SUBQUERY')
  })

  it('should give a non-aggregated correlated scalar subquery its one matching value (Spark 4 LeftSingle join)', async () => {
    expect(await rows('SELECT a, (SELECT b FROM u WHERE u.k = t.k AND u.b > 3) AS x FROM t')).toEqual([[1, 4], [2, 4], [null, null], [4, null]])
  })
})
