import { describe, expect, it } from 'vitest'
import { Expr } from '../expr/expr.js'
import { subqueryExpr } from '../expr/subquery-expr.js'
import { Plan } from '../plan/logical-plan.js'
import { IntegerType } from '../types/data-type.js'
import { exprOutputName } from '../eval/expr-output-name.js'
import { parseQuery } from './query-parser.js'
import { parseExpression } from './expression-parser.js'

const col = (...parts: string[]) => Expr.column(...parts)
const selectB = Plan.project(Plan.tableRef('u'), [col('b')])

describe('subqueries in SQL expressions', () => {
  it('should read `a IN (SELECT ...)` and `a NOT IN (SELECT ...)` as IN subqueries', () => {
    expect(parseQuery('SELECT a FROM t WHERE a IN (SELECT b FROM u)')).toEqual(Plan.project(
      Plan.filter(Plan.tableRef('t'), subqueryExpr('in', selectB, [col('a')])), [col('a')]))
    const notIn = parseQuery('SELECT a FROM t WHERE a NOT IN (SELECT b FROM u)')
    expect(notIn).toEqual(Plan.project(
      Plan.filter(Plan.tableRef('t'), Expr.call('not', [subqueryExpr('in', selectB, [col('a')])])), [col('a')]))
  })

  it('should compare a parenthesized list of values column by column', () => {
    const plan = parseQuery('SELECT 1 FROM t WHERE (a, c) IN (SELECT b, d FROM u)')
    expect(plan.kind === 'Project' && plan.input.kind === 'Filter' && plan.input.condition).toEqual(
      subqueryExpr('in', Plan.project(Plan.tableRef('u'), [col('b'), col('d')]), [col('a'), col('c')]))
  })

  it('should read EXISTS / NOT EXISTS with a correlated reference kept as written', () => {
    const plan = parseQuery('SELECT a FROM t WHERE NOT EXISTS (SELECT * FROM u WHERE u.b = t.a)')
    const inner = Plan.project(Plan.filter(Plan.tableRef('u'), Expr.call('=', [col('u', 'b'), col('t', 'a')])), [Expr.star()])
    expect(plan).toEqual(Plan.project(Plan.filter(Plan.tableRef('t'), Expr.call('not', [subqueryExpr('exists', inner)])), [col('a')]))
  })

  it('should keep exists(array, lambda) a function call', () => {
    const e = parseExpression('exists(xs, x -> x > 1)')
    expect(e.kind).toBe('Call')
  })

  it('should read a scalar subquery anywhere an expression goes (select list, CASE, WHERE)', () => {
    const max = Plan.aggregate(Plan.tableRef('u'), [], [Expr.call('max', [col('b')])])
    const plan = parseQuery('SELECT CASE WHEN a > (SELECT max(b) FROM u) THEN 1 END FROM t')
    expect(plan).toEqual(Plan.project(Plan.tableRef('t'), [Expr.caseWhen(
      [{ when: Expr.call('>', [col('a'), subqueryExpr('scalar', max)]), then: Expr.literal(1, IntegerType) }])]))
  })

  it('should keep ORDER BY ordinals on the enclosing select list after a subquery', () => {
    const plan = parseQuery('SELECT a, c FROM t WHERE a IN (SELECT b FROM u) ORDER BY 2')
    expect(plan.kind === 'Sort' && plan.orders[0]!.child).toEqual(col('c'))
  })

  it("should name unaliased subqueries as Spark does: scalarsubquery(), exists(), (a IN (listquery()))", () => {
    expect(exprOutputName(subqueryExpr('scalar', selectB))).toBe('scalarsubquery()')
    expect(exprOutputName(subqueryExpr('exists', selectB))).toBe('exists()')
    expect(exprOutputName(subqueryExpr('in', selectB, [col('a')]))).toBe('(a IN (listquery()))')
  })

  it('should refuse a subquery in a lone expression (no query parser around it)', () => {
    expect(() => parseExpression('a IN (SELECT b FROM u)')).toThrow(/UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY/)
  })
})
