import { describe, expect, it } from 'vitest'
import { Expr } from '../expr/expr.js'
import { Plan } from '../plan/logical-plan.js'
import { IntegerType, StructType } from '../types/data-type.js'
import { parseQuery } from './query-parser.js'

const one = Expr.literal(1, IntegerType)

describe('parseQuery', () => {
  it('should read a FROM-less SELECT from a one-row empty relation', () => {
    expect(parseQuery('SELECT 1')).toEqual(Plan.project(Plan.localRelation(StructType([]), [[]]), [one]))
  })

  it('should build filter, project, sort and limit in Spark order', () => {
    const plan = parseQuery('SELECT a, b AS c FROM t WHERE a > 1 ORDER BY a DESC NULLS LAST, 2 LIMIT 5')
    expect(plan).toEqual(Plan.limit(Plan.sort(
      Plan.project(Plan.filter(Plan.tableRef('t'), Expr.call('>', [Expr.column('a'), one])),
        [Expr.column('a'), Expr.alias(Expr.column('b'), 'c')]),
      [Expr.sortOrder(Expr.column('a'), false, false), Expr.sortOrder(Expr.column('c'), true, true)]), 5))
  })

  it('should build an aggregate with HAVING above it and GROUP BY ordinals', () => {
    const plan = parseQuery('SELECT k, count(*) FROM t GROUP BY 1 HAVING count(*) > 1')
    const count = Expr.call('count', [one])
    expect(plan).toEqual(Plan.filter(
      Plan.aggregate(Plan.tableRef('t'), [Expr.column('k')], [Expr.column('k'), count]),
      Expr.call('>', [count, one])))
  })

  it('should make a global aggregate when the select list has aggregate calls', () => {
    expect(parseQuery('SELECT sum(x) FROM t')).toEqual(
      Plan.aggregate(Plan.tableRef('t'), [], [Expr.call('sum', [Expr.column('x')])]))
  })

  it('should group by every non-aggregate item with GROUP BY ALL', () => {
    expect(parseQuery('SELECT k, upper(j) AS u, count(1) FROM t GROUP BY ALL')).toMatchObject({
      kind: 'Aggregate', grouping: [Expr.column('k'), Expr.call('upper', [Expr.column('j')])],
    })
  })

  it('should expand ROLLUP and CUBE into grouping sets', () => {
    const rollup = parseQuery('SELECT a, b, count(1) FROM t GROUP BY ROLLUP(a, b)')
    expect(rollup).toMatchObject({ kind: 'Aggregate', groupingSets: [[0, 1], [0], []] })
    const cube = parseQuery('SELECT a, b, count(1) FROM t GROUP BY CUBE(a, b)')
    expect(cube).toMatchObject({ kind: 'Aggregate', groupingSets: [[0, 1], [0], [1], []] })
    const sets = parseQuery('SELECT a, b FROM t GROUP BY GROUPING SETS ((a, b), (b), ())')
    expect(sets).toMatchObject({ kind: 'Aggregate', groupingSets: [[0, 1], [1], []] })
  })

  it('should parse joins with ON and USING and aliases', () => {
    const plan = parseQuery('SELECT * FROM a x LEFT OUTER JOIN b AS y ON x.id = y.id JOIN c USING (id)')
    expect(plan).toEqual(Plan.project(Plan.join(
      Plan.join(Plan.subqueryAlias(Plan.tableRef('a'), 'x'), Plan.subqueryAlias(Plan.tableRef('b'), 'y'), 'left',
        Expr.call('=', [Expr.column('x', 'id'), Expr.column('y', 'id')])),
      Plan.tableRef('c'), 'inner', undefined, ['id']), [Expr.star()]))
    expect(parseQuery('SELECT * FROM a LEFT ANTI JOIN b ON a.k = b.k')).toMatchObject({ input: { joinType: 'anti' } })
  })

  it('should parse SELECT DISTINCT, subqueries and UNION', () => {
    expect(parseQuery('SELECT DISTINCT a FROM (SELECT a FROM t) s')).toEqual(Plan.distinct(
      Plan.project(Plan.subqueryAlias(Plan.project(Plan.tableRef('t'), [Expr.column('a')]), 's'), [Expr.column('a')])))
    const all = parseQuery('SELECT 1 UNION ALL SELECT 1')
    expect(all).toMatchObject({ kind: 'Union', byName: false })
    expect(parseQuery('SELECT 1 UNION SELECT 1')).toMatchObject({ kind: 'Distinct', input: { kind: 'Union' } })
  })

  it('should substitute WITH definitions for table names', () => {
    const plan = parseQuery('WITH x AS (SELECT 1 AS a) SELECT a FROM x')
    expect(plan).toEqual(Plan.project(Plan.subqueryAlias(
      Plan.project(Plan.localRelation(StructType([]), [[]]), [Expr.alias(one, 'a')]), 'x'), [Expr.column('a')]))
  })

  it('should read VALUES as a local relation with common column types', () => {
    const plan = parseQuery("SELECT * FROM VALUES (1, 'a'), (2.5, NULL) AS t(id, name)")
    expect(plan).toMatchObject({ kind: 'Project', input: { kind: 'SubqueryAlias', alias: 't', input: {
      kind: 'LocalRelation',
      schema: { fields: [{ name: 'id', dataType: { kind: 'decimal', precision: 11, scale: 1 } }, { name: 'name', dataType: { kind: 'string' } }] },
      rows: [[10n, 'a'], [25n, null]],
    } } })
  })

  it('should read range(start, end) as a relation of ids', () => {
    expect(parseQuery('SELECT id FROM range(2, 5)')).toMatchObject({ input: { kind: 'LocalRelation', rows: [[2n], [3n], [4n]] } })
  })

  it('should fail with PARSE_SYNTAX_ERROR at the offending token', () => {
    expect(() => parseQuery('SELECT a FROM t WHERE')).toThrow(/PARSE_SYNTAX_ERROR.*end of input/)
    expect(() => parseQuery('SELEC 1')).toThrow("Syntax error at or near 'SELEC'. SQLSTATE: 42601 (line 1, pos 0)")
  })
})
