import { describe, expect, it } from 'vitest'
import { Expr } from '../expr/expr.js'
import { IntegerType, LongType, StringType, StructField, StructType } from '../types/data-type.js'
import { parseExpression } from '../sql/expression-parser.js'
import { compileAggregate } from './compile-aggregate.js'
import { containsAggregate, expandStar } from './expr-analysis.js'
import type { EvalContext } from './types.js'

const ctx: EvalContext = { ansi: true, timeZone: 'UTC', caseSensitive: false, currentTimestampMicros: 0 }
const schema = StructType([StructField('k', StringType), StructField('v', IntegerType)])
const rows = [['a', 1], ['b', 2], ['a', null], ['c', 4]]

describe('compileAggregate', () => {
  it('should fold rows with argument closures and merge partial buffers', () => {
    const sum = compileAggregate(parseExpression('sum(v + 1)'), schema, ctx)
    expect(sum.name).toBe('sum((v + 1))')
    expect(sum.dataType).toEqual(LongType)
    let left = sum.init()
    for (const r of rows.slice(0, 2)) left = sum.update(left, r)
    let right = sum.init()
    for (const r of rows.slice(2)) right = sum.update(right, r)
    expect(sum.evaluate(sum.merge(left, right))).toBe(10n)
  })

  it('should name count(*) count(1) and keep an alias', () => {
    const count = compileAggregate(parseExpression('count(*) AS n'), schema, ctx)
    expect(count.name).toBe('n')
    let buffer = count.init()
    for (const r of rows) buffer = count.update(buffer, r)
    expect(count.evaluate(buffer)).toBe(4n)
  })
})

describe('containsAggregate', () => {
  it('should find aggregate calls inside expressions', () => {
    expect(containsAggregate(parseExpression('sum(v) + 1'))).toBe(true)
    expect(containsAggregate(parseExpression('upper(k)'))).toBe(false)
  })
})

describe('expandStar', () => {
  it('should replace * with the schema columns and s.* with struct fields', () => {
    const nested = StructType([StructField('s', StructType([StructField('x', IntegerType)])), StructField('y', IntegerType)])
    expect(expandStar([Expr.star(), Expr.column('y')], nested)).toEqual([Expr.column('s'), Expr.column('y'), Expr.column('y')])
    expect(expandStar([Expr.star('s')], nested)).toEqual([Expr.column('s', 'x')])
  })
})
