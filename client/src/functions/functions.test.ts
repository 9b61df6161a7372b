import { describe, expect, it } from 'vitest'
import { Expr, IntegerType, StringType } from '@sluice/shared'
import { Column, col } from '../column/index.js'
import {
  approx_count_distinct, concat_ws, count, countDistinct, first, functions, lit, regexp_extract, round, session_window,
  sum, upper, when, window,
} from './index.js'

describe('functions', () => {
  it('should take a string as a column name and build a Call', () => {
    expect(upper('name').expr).toEqual(Expr.call('upper', [Expr.column('name')]))
    expect(upper(col('name')).expr).toEqual(Expr.call('upper', [Expr.column('name')]))
  })

  it('should make literal parameters literals', () => {
    expect(round('x', 2).expr).toEqual(Expr.call('round', [Expr.column('x'), Expr.literal(2, IntegerType)]))
    expect(regexp_extract('s', '(\\d+)', 1).expr.kind).toBe('Call')
    expect(concat_ws('-', 'a', 'b').expr).toEqual(Expr.call('concat_ws', [Expr.literal('-', StringType), Expr.column('a'), Expr.column('b')]))
  })

  it('should mark distinct aggregates and keep count(*) as a star for the compiler', () => {
    expect(countDistinct('u', 'v').expr).toEqual(Expr.call('count', [Expr.column('u'), Expr.column('v')], true))
    expect(count('*').expr).toEqual(Expr.call('count', [Expr.star()]))
    expect(sum('x').expr).toEqual(Expr.call('sum', [Expr.column('x')]))
    expect(first('x', true).expr).toEqual(Expr.call('first', [Expr.column('x'), Expr.literal(true, { kind: 'boolean' })]))
    expect(approx_count_distinct('x').expr).toEqual(Expr.call('approx_count_distinct', [Expr.column('x')]))
  })

  it('should pass window durations as string literals, slide defaulting to the window when startTime is given', () => {
    expect(window('t', '10 minutes').expr).toEqual(Expr.call('window', [Expr.column('t'), Expr.literal('10 minutes', StringType)]))
    expect(window('t', '10 minutes', undefined, '1 minute').expr).toEqual(Expr.call('window', [Expr.column('t'),
      Expr.literal('10 minutes', StringType), Expr.literal('10 minutes', StringType), Expr.literal('1 minute', StringType)]))
    expect(session_window('t', '5 minutes').expr).toEqual(Expr.call('session_window', [Expr.column('t'), Expr.literal('5 minutes', StringType)]))
  })

  it('should build CASE WHEN with when/otherwise', () => {
    const c = when(col('a').gt(1), 'big').otherwise(lit('small'))
    expect(c).toBeInstanceOf(Column)
    expect(c.expr.kind).toBe('CaseWhen')
  })

  it('should expose every function on the functions object', () => {
    expect(functions.upper).toBe(upper)
    expect(typeof functions.window).toBe('function')
    expect(typeof functions.col).toBe('function')
  })
})
