import { describe, expect, it } from 'vitest'
import { exprOutputName, parseQuery, type LogicalPlan } from '@sluice/shared'
import { extractWindowExpressions } from './extract-window-expressions.js'

// Spark's Analyzer.ExtractWindowExpressions: window expressions leave the select list for
// Window operators below it, one per (PARTITION BY, ORDER BY); an aggregate computes what
// they read first; window functions in WHERE / GROUP BY are refused (_LEGACY_ERROR_TEMP_1034).
const shape = (p: LogicalPlan): string[] => {
  const out: string[] = []
  for (let node: LogicalPlan | undefined = p; node !== undefined; node = 'input' in node ? node.input : undefined) {
    out.push(node.kind === 'Window' ? `Window[${node.windowExprs.map((e) => exprOutputName(e)).join(',')}]`
      : node.kind === 'Project' ? `Project[${node.exprs.map((e) => exprOutputName(e)).join(',')}]`
      : node.kind === 'Aggregate' ? `Aggregate[${node.aggregates.map((e) => exprOutputName(e)).join(',')}]`
      : node.kind === 'DropColumns' ? `Drop[${node.names.join(',')}]` : node.kind)
  }
  return out
}

describe('extractWindowExpressions', () => {
  it('should put one Window per partitioning and ordering under the projection', () => {
    const plan = extractWindowExpressions(parseQuery(
      'SELECT a, rank() OVER (PARTITION BY k ORDER BY t) AS r, sum(x) OVER (PARTITION BY k ORDER BY t) + 1 AS s, count(1) OVER () AS n FROM t'))
    expect(shape(plan)).toEqual(['Project[a,r,s,n]', 'Window[_we2]', 'Window[_we0,_we1]', 'TableRef'])
  })

  it('should drop the hidden window columns when the list has a star', () => {
    expect(shape(extractWindowExpressions(parseQuery('SELECT *, row_number() OVER (ORDER BY t) rn FROM t'))))
      .toEqual(['Drop[_we0]', 'Project[*,rn]', 'Window[_we0]', 'TableRef'])
  })

  it('should aggregate what a window over GROUP BY reads, keeping HAVING on the aggregate', () => {
    const plan = extractWindowExpressions(parseQuery('SELECT k, sum(v) AS s, rank() OVER (ORDER BY sum(v)) AS r FROM t GROUP BY k HAVING count(1) > 1'))
    expect(shape(plan)).toEqual(['Project[k,s,r]', 'Window[_we0]', 'Filter', 'Aggregate[k,s,_w0]', 'TableRef'])
  })

  it('should refuse window functions in WHERE and GROUP BY', () => {
    expect(() => extractWindowExpressions(parseQuery('SELECT a FROM t WHERE rank() OVER (ORDER BY a) = 1')))
      .toThrow('[_LEGACY_ERROR_TEMP_1034] It is not allowed to use window functions inside WHERE clause.')
    expect(() => extractWindowExpressions(parseQuery('SELECT count(1) FROM t GROUP BY rank() OVER (ORDER BY a)')))
      .toThrow('inside GROUP BY clause')
  })
})
