import { describe, expect, it } from 'vitest'
import { StructType } from '../types/data-type.js'
import { parseExpression } from '../sql/expression-parser.js'
import { compileExpr } from './compile-expr.js'
import { addMonthsToDays } from './datetime-arithmetic.js'
import type { EvalContext } from './types.js'

const ctx = (timeZone: string): EvalContext => ({ ansi: true, timeZone, caseSensitive: false, currentTimestampMicros: 0 })
const run = (sql: string, timeZone = 'UTC') => compileExpr(parseExpression(sql, { timeZone }), StructType([]), ctx(timeZone))

describe('datetime arithmetic', () => {
  it('should add days to dates and name it date_add/date_sub as Spark', () => {
    const plus = run("DATE '2020-02-28' + 2")
    expect(plus.eval([])).toBe(Date.UTC(2020, 2, 1) / 86_400_000)
    expect(plus.name).toBe("date_add(DATE '2020-02-28', 2)")
    expect(run("DATE '2020-03-01' - 1").name).toBe("date_sub(DATE '2020-03-01', 1)")
  })

  it('should clamp the day when adding months', () => {
    expect(addMonthsToDays(Date.UTC(2020, 0, 31) / 86_400_000, 1)).toBe(Date.UTC(2020, 1, 29) / 86_400_000)
  })

  it('should add a calendar interval on the wall clock of the session zone, a day-time interval to the instant', () => {
    // 2021-03-13 12:00 in Los Angeles (PST) + 1 day = 2021-03-14 12:00 PDT: 23 hours later (Spark's timestampAddInterval).
    const e = run("TIMESTAMP '2021-03-13 12:00:00' + CAST('1 day' AS INTERVAL)", 'America/Los_Angeles')
    const start = run("TIMESTAMP '2021-03-13 12:00:00'", 'America/Los_Angeles').eval([]) as number
    expect((e.eval([]) as number) - start).toBe(23 * 3600 * 1_000_000)
    // INTERVAL 1 DAY is INTERVAL DAY in Spark 4, a duration: exactly 24 hours (timestampAddDayTime adds microseconds).
    const exact = run("TIMESTAMP '2021-03-13 12:00:00' + INTERVAL 1 DAY", 'America/Los_Angeles')
    expect((exact.eval([]) as number) - start).toBe(24 * 3600 * 1_000_000)
    expect(run("TIMESTAMP '2021-01-01 00:00:00' + INTERVAL '90' MINUTE").eval([]))
      .toBe(Date.UTC(2021, 0, 1, 1, 30) * 1000)
  })
})

describe('try_ arithmetic of dates and intervals', () => {
  it('should compute as the operator and give null for its errors', () => {
    expect(run("try_add(DATE '2021-01-31', INTERVAL '1' MONTH)").eval([])).toBe(Date.UTC(2021, 1, 28) / 86_400_000)
    expect(run("try_multiply(INTERVAL '1' DAY, 3)").eval([])).toBe(3n * 86_400_000_000n)
    // Overflow of INT months and division by zero raise in every mode; try_ gives NULL.
    expect(run("try_add(INTERVAL '2147483647' MONTH, INTERVAL '1' MONTH)").eval([])).toBeNull()
    expect(run("try_divide(INTERVAL '2' YEAR, 0)").eval([])).toBeNull()
    expect(run('try_add(1, 2)').eval([])).toBe(3)
  })
})
