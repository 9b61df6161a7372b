import { describe, expect, it } from 'vitest'
import {
  compileAggregate, compileExpr, DoubleType, LongType, StringType, StructField, StructType, TimestampType, type EvalContext,
} from '@sluice/shared'
import type { Column } from '../column/index.js'
import {
  approx_count_distinct, avg, col, concat_ws, count, countDistinct, date_format, lit, percentile_approx, regexp_extract,
  round, split, sum, to_timestamp, upper, when, window,
} from './index.js'

const ctx: EvalContext = { ansi: true, timeZone: 'UTC', caseSensitive: false, currentTimestampMicros: 0 }
const schema = StructType([StructField('name', StringType), StructField('x', DoubleType), StructField('n', LongType), StructField('t', TimestampType)])
const T = Date.UTC(2024, 0, 2, 3, 4, 5) * 1000
const rows = [['ada', 1.25, 1n, T], ['bob', 2.5, 2n, T + 60_000_000], ['ada', null, 3n, T + 700_000_000]]

const evalColumn = (c: Column, row: unknown[] = rows[0]!): unknown => compileExpr(c.expr, schema, ctx).eval(row)
function aggregateColumn(c: Column): unknown {
  const a = compileAggregate(c.expr, schema, ctx)
  return a.evaluate(rows.reduce((b, r) => a.update(b, r), a.init()))
}

describe('functions evaluated by the expression compiler', () => {
  it('should evaluate scalar functions built by the client', () => {
    expect(evalColumn(upper('name'))).toBe('ADA')
    expect(evalColumn(round('x', 1))).toBe(1.3)
    expect(evalColumn(concat_ws('-', 'name', col('n').cast('string')))).toBe('ada-1')
    expect(evalColumn(split(lit('a,b,c'), ','))).toEqual(['a', 'b', 'c'])
    expect(evalColumn(regexp_extract(lit('id-42'), '(\\d+)', 1))).toBe('42')
    expect(evalColumn(date_format('t', 'yyyy-MM-dd HH:mm'))).toBe('2024-01-02 03:04')
    expect(evalColumn(to_timestamp(lit('2024-01-02 03:04:05'), 'yyyy-MM-dd HH:mm:ss'))).toBe(T)
    expect(evalColumn(when(col('x').gt(2), 'big').otherwise('small'))).toBe('small')
    const tenMinutes = Date.UTC(2024, 0, 2, 3, 0, 0) * 1000
    expect(evalColumn(window('t', '10 minutes'))).toEqual([tenMinutes, tenMinutes + 600_000_000])
  })

  it('should evaluate aggregates built by the client', () => {
    expect(aggregateColumn(count(lit(1)))).toBe(3n) // count('*') becomes count(1) in the planner
    expect(aggregateColumn(count('x'))).toBe(2n)
    expect(aggregateColumn(countDistinct('name'))).toBe(2n)
    expect(aggregateColumn(sum('n'))).toBe(6n)
    expect(aggregateColumn(avg('x'))).toBe(1.875)
    expect(aggregateColumn(approx_count_distinct('name'))).toBe(2n)
    expect(aggregateColumn(percentile_approx('n', [0.5, 1.0]))).toEqual([2n, 3n])
  })
})
