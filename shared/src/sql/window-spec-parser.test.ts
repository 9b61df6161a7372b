import { describe, expect, it } from 'vitest'
import { exprOutputName } from '../eval/expr-output-name.js'
import { parseExpression } from './expression-parser.js'
import { parseQuery } from './query-parser.js'

// Column names of window expressions are Spark's WindowExpression.sql with the frame
// ResolveWindowFrame settles on (windowExpressions.scala): RANK() upper-cased,
// lag(x, 1, NULL) with its defaults, ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
// for ranking functions, RANGE ... CURRENT ROW when ordered, ROWS ... UNBOUNDED FOLLOWING not.
const name = (sql: string) => exprOutputName(parseExpression(sql))

describe('window expressions in SQL', () => {
  it('should name a ranking function with its required frame', () => {
    expect(name('row_number() OVER (PARTITION BY k ORDER BY ts DESC)'))
      .toBe('row_number() OVER (PARTITION BY k ORDER BY ts DESC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)')
    expect(name('rank() OVER (ORDER BY a)')).toBe('RANK() OVER (ORDER BY a ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)')
    expect(name('cume_dist() OVER (ORDER BY a)')).toBe('cume_dist() OVER (ORDER BY a ASC NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)')
  })

  it('should name lag and lead with their offset frame', () => {
    expect(name('lag(b) OVER (PARTITION BY a ORDER BY b)'))
      .toBe('lag(b, 1, NULL) OVER (PARTITION BY a ORDER BY b ASC NULLS FIRST ROWS BETWEEN -1 FOLLOWING AND -1 FOLLOWING)')
    expect(name('lead(b, 2, 0) OVER (ORDER BY b)')).toBe('lead(b, 2, 0) OVER (ORDER BY b ASC NULLS FIRST ROWS BETWEEN 2 FOLLOWING AND 2 FOLLOWING)')
  })

  it('should give aggregates the default frame, or the one written', () => {
    expect(name('sum(x) OVER (PARTITION BY k)')).toBe('sum(x) OVER (PARTITION BY k ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)')
    expect(name('sum(x) OVER (ORDER BY t)')).toBe('sum(x) OVER (ORDER BY t ASC NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)')
    expect(name('avg(x) OVER (ORDER BY t ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING)'))
      .toBe('avg(x) OVER (ORDER BY t ASC NULLS FIRST ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING)')
    expect(name('count(x) OVER (ORDER BY t RANGE 3 PRECEDING)')).toBe('count(x) OVER (ORDER BY t ASC NULLS FIRST RANGE BETWEEN 3 PRECEDING AND CURRENT ROW)')
  })

  it('should parse IGNORE NULLS into the function flag', () => {
    const e = parseExpression('nth_value(x, 2) IGNORE NULLS OVER (ORDER BY t)')
    expect(e.kind === 'Window' && e.function.kind === 'Call' ? e.function.args.map((a) => (a.kind === 'Literal' ? a.value : a.kind)) : []).toEqual(['Column', 2, true])
    expect(exprOutputName(e)).toBe('nth_value(x, 2) ignore nulls OVER (ORDER BY t ASC NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)')
  })

  it('should substitute named windows from the WINDOW clause', () => {
    const plan = parseQuery('SELECT rank() OVER w AS r, sum(x) OVER (w) AS s FROM t WINDOW w AS (PARTITION BY k ORDER BY x), v AS w')
    expect(plan.kind).toBe('Project')
    const exprs = plan.kind === 'Project' ? plan.exprs : []
    expect(exprs.map((e) => (e.kind === 'Alias' && e.child.kind === 'Window' ? e.child.specName === undefined && e.child.spec.partitionBy.length : -1))).toEqual([1, 1])
  })

  it('should keep a window aggregate out of GROUP BY inference', () => {
    expect(parseQuery('SELECT sum(x) OVER () FROM t').kind).toBe('Project')
    expect(parseQuery('SELECT sum(sum(x)) OVER () FROM t').kind).toBe('Aggregate')
  })

  it('should refuse an undefined window name as Spark does', () => {
    expect(() => parseQuery('SELECT rank() OVER w FROM t WINDOW v AS (ORDER BY x)')).toThrow(/MISSING_WINDOW_SPECIFICATION.*Window specification w is not defined/)
  })
})
