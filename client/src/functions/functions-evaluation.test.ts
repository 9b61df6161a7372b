import { describe, expect, it } from 'vitest'
import {
  compileAggregate, compileExpr, DoubleType, LongType, StringType, StructField, StructType, TimestampType, type EvalContext,
} from '@sluice/shared'
import type { Column } from '../column/index.js'
import {
  approx_count_distinct, avg, col, concat_ws, count, countDistinct, date_format, lit, make_dt_interval, make_interval, make_time,
  make_ym_interval, percentile_approx, regexp_extract, round, split, sum, time_diff, time_trunc, to_time, to_timestamp, try_to_time, upper, when,
  window, expr,
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

  it('should build the interval and TIME functions as Spark names them', () => {
    // interval.sql.out / time.sql.out: make_dt_interval(1) is `make_dt_interval(1, 0, 0, 0.000000)`, 1 00:00:00; make_time(1, 18, 19.87) is 01:18:19.87.
    const dt = compileExpr(make_dt_interval(lit(1)).expr, schema, ctx)
    expect([dt.name, dt.eval([])]).toEqual(['make_dt_interval(1, 0, 0, 0.000000)', 86_400_000_000n])
    expect(evalColumn(make_ym_interval(lit(1), lit(2)))).toBe(14)
    expect(evalColumn(make_interval(lit(1), lit(2), lit(3)))).toEqual({ months: 14, days: 21, microseconds: 0 })
    expect(evalColumn(make_time(lit(1), lit(18), expr('19.87')))).toBe(4_699_870_000_000n)
    expect(evalColumn(to_time(lit('23-59-59.999999'), lit('HH-mm-ss.SSSSSS')))).toBe(86_399_999_999_000n)
    expect(evalColumn(try_to_time(lit('12:48:31 abc')))).toBeNull()
    expect(evalColumn(time_trunc('MINUTE', to_time(lit('12:34:56'))))).toBe(45_240_000_000_000n)
    expect(evalColumn(time_diff('MINUTE', to_time(lit('01:02:03')), to_time(lit('12:34:56'))))).toBe(692n)
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
