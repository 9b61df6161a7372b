import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { DateType, StructField, StructType, TimeType, TimestampNTZType, YearMonthIntervalType } from '../types/data-type.js'
import { parseExpression } from '../sql/expression-parser.js'
import { daysToDateString, microsToTimestampNtzString } from '../data/temporal.js'
import { formatTime } from '../data/time-of-day.js'
import { compileExpr } from './compile-expr.js'
import type { EvalContext } from './types.js'

// DuckDB is an independent oracle where its datetime semantics are Spark's: adding months
// to a date or a zone-less timestamp clamps the day to the month's end (Spark's
// DateAddYMInterval / TimestampAddYMInterval), TIME prints HH:MM:SS with the fraction's
// trailing zeros dropped, TIME - TIME and the fields of a TIME are exact microseconds.
const ctx: EvalContext = { ansi: true, timeZone: 'UTC', caseSensitive: false, currentTimestampMicros: 0 }
let duck: DuckDBConnection

/** A small deterministic PRNG (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const MICROS_PER_DAY = 86_400_000_000

beforeAll(async () => {
  duck = await (await DuckDBInstance.create(':memory:')).connect()
})
afterAll(() => duck?.closeSync())

describe('ANSI interval and TIME semantics against DuckDB', () => {
  it('should add and subtract year-month intervals to dates, clamping to the month end', async () => {
    const next = random(5)
    const schema = StructType([StructField('d', DateType), StructField('m', YearMonthIntervalType())])
    const plus = compileExpr(parseExpression('d + m'), schema, ctx)
    const minus = compileExpr(parseExpression('d - m'), schema, ctx)
    // Month ends, leap days and ordinary days from 1900 to 2100; -50 to +50 years of months.
    const cases = Array.from({ length: 200 }, () => {
      const days = Math.floor((next() - 0.35) * 73_000)
      const day = next() < 0.5 ? days - (days % 31) + 30 : days
      return [day, Math.floor((next() - 0.5) * 1200)] as const
    })
    const sql = `SELECT ${cases.map(([d, m]) =>
      `(DATE '${daysToDateString(d)}' + INTERVAL (${m}) MONTH)::DATE::VARCHAR, (DATE '${daysToDateString(d)}' - INTERVAL (${m}) MONTH)::DATE::VARCHAR`).join(', ')}`
    const expected = (await duck.runAndReadAll(sql)).getRows()[0]
    const actual = cases.flatMap(([d, m]) => [daysToDateString(plus.eval([d, m]) as number), daysToDateString(minus.eval([d, m]) as number)])
    expect(plus.dataType).toEqual(DateType)
    expect(actual).toEqual(expected)
  })

  it('should add year-month intervals to TIMESTAMP_NTZ on the wall clock', async () => {
    const next = random(9)
    const schema = StructType([StructField('t', TimestampNTZType), StructField('m', YearMonthIntervalType())])
    const plus = compileExpr(parseExpression('t + m'), schema, ctx)
    const cases = Array.from({ length: 100 }, () => [Math.floor((next() - 0.3) * 60 * 365 * MICROS_PER_DAY), Math.floor((next() - 0.5) * 600)] as const)
    const sql = `SELECT ${cases.map(([t, m]) => `(TIMESTAMP '${microsToTimestampNtzString(t)}' + INTERVAL (${m}) MONTH)::VARCHAR`).join(', ')}`
    const expected = (await duck.runAndReadAll(sql)).getRows()[0]
    expect(cases.map(([t, m]) => microsToTimestampNtzString(plus.eval([t, m]) as number))).toEqual(expected)
  })

  it('should print TIME values, subtract them and read their fields as DuckDB does', async () => {
    const next = random(13)
    const schema = StructType([StructField('a', TimeType()), StructField('b', TimeType())])
    const diff = compileExpr(parseExpression('a - b'), schema, ctx)
    const fields = ['hour(a)', 'minute(a)', 'second(a)'].map((e) => compileExpr(parseExpression(e), schema, ctx))
    const micros = (): bigint => BigInt(Math.floor(next() * MICROS_PER_DAY)) * 1000n
    const cases = Array.from({ length: 200 }, () => {
      // Whole seconds and trailing zeros too, so both print forms are compared.
      const a = next() < 0.3 ? micros() - (micros() % 1_000_000_000n) : micros()
      return [a < 0n ? -a : a, micros()] as const
    })
    const sql = `SELECT ${cases.map(([a, b]) => {
      const ta = `TIME '${formatTime(a)}'`
      return `${ta}::VARCHAR, datediff('microsecond', TIME '${formatTime(b)}', ${ta}), hour(${ta}), minute(${ta}), second(${ta})`
    }).join(', ')}`
    const expected = (await duck.runAndReadAll(sql)).getRows()[0]!
    const actual = cases.flatMap(([a, b]) => [
      formatTime(a), diff.eval([a, b]), ...fields.map((f) => BigInt(f.eval([a, b]) as number)),
    ])
    expect(actual).toEqual(expected)
  })
})
