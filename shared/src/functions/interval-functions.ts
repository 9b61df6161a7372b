/**
 * Spark's interval constructors: `make_interval` (a calendar interval),
 * `make_dt_interval` (INTERVAL DAY TO SECOND) and `make_ym_interval` (INTERVAL YEAR TO
 * MONTH). Missing trailing arguments are 0, as Spark fills them in (and prints them in
 * the column name: `make_dt_interval(1, 0, 0, 0.000000)`). Seconds are DECIMAL(18,6).
 */
import {
  CalendarIntervalType, DayTimeIntervalType, DecimalType, IntegerType, YearMonthIntervalType, type DataType,
} from '../types/data-type.js'
import { ExecutionError } from '../errors/sluice-error.js'
import { INT_MAX, INT_MIN, LONG_MAX, LONG_MIN, MICROS_PER_DAY_BIG, MICROS_PER_HOUR_BIG, MICROS_PER_MINUTE_BIG } from '../data/ansi-interval.js'
import type { ScalarFunctionDefinition } from './function-types.js'
import { coerceAll, defineScalar, strict } from './function-support.js'

/** Spark's seconds argument: DECIMAL(18,6) (`DecimalType(Decimal.MAX_LONG_DIGITS, 6)`). */
const SECONDS_TYPE = DecimalType(18, 6)

/** The `java.lang.ArithmeticException` of `Math.*Exact` in these constructors, as ARITHMETIC_OVERFLOW. */
function overflow(message: string, name: string): ExecutionError {
  return new ExecutionError('ARITHMETIC_OVERFLOW', `${message} in ${name}.`, { message, alternative: '', config: '"spark.sql.ansi.enabled"' })
}

/**
 * The argument types with the seconds at `index` cast to DECIMAL(18,6) exactly: the
 * function reads microseconds as the unscaled value (`coerceTo` keeps a decimal's own scale).
 */
function exactSeconds(types: DataType[], index: number): DataType[] {
  return types.map((t, i) => (i === index ? SECONDS_TYPE : t))
}

const toInt = (value: bigint, name: string): number => {
  if (value < BigInt(INT_MIN) || value > BigInt(INT_MAX)) throw overflow('integer overflow', name)
  return Number(value)
}

const toLong = (value: bigint, name: string): bigint => {
  if (value < LONG_MIN || value > LONG_MAX) throw overflow('long overflow', name)
  return value
}

/**
 * `make_interval([years[, months[, weeks[, days[, hours[, mins[, secs]]]]]]])`: a
 * calendar interval; on overflow ARITHMETIC_OVERFLOW in ANSI mode, else null (Spark's
 * MakeInterval with failOnError = ANSI).
 */
export const makeIntervalFunction = defineScalar('make_interval', [0, 7], (args) => {
  const expected = [IntegerType, IntegerType, IntegerType, IntegerType, IntegerType, IntegerType, SECONDS_TYPE]
  const inputTypes = exactSeconds(coerceAll('make_interval', args, expected.slice(0, args.types.length)), 6)
  const ansi = args.context.ansi
  return strict(inputTypes, CalendarIntervalType, (a) => {
    const [years = 0, months = 0, weeks = 0, days = 0, hours = 0, mins = 0] = a.slice(0, 6) as number[]
    const secs = (a[6] as bigint | undefined) ?? 0n
    try {
      const totalMonths = toInt(BigInt(months) + BigInt(toInt(BigInt(years) * 12n, 'make_interval')), 'make_interval')
      const totalDays = toInt(BigInt(days) + BigInt(toInt(BigInt(weeks) * 7n, 'make_interval')), 'make_interval')
      const micros = toLong(secs + BigInt(hours) * MICROS_PER_HOUR_BIG + BigInt(mins) * MICROS_PER_MINUTE_BIG, 'make_interval')
      return { months: totalMonths, days: totalDays, microseconds: Number(micros) }
    } catch (error) {
      if (!ansi && error instanceof ExecutionError) return null
      throw error
    }
  })
})

/** `make_dt_interval([days[, hours[, mins[, secs]]]])`: INTERVAL DAY TO SECOND; overflow is ARITHMETIC_OVERFLOW in every mode. */
export const makeDtIntervalFunction = defineScalar('make_dt_interval', [0, 4], (args) => {
  const expected = [IntegerType, IntegerType, IntegerType, SECONDS_TYPE]
  const inputTypes = exactSeconds(coerceAll('make_dt_interval', args, expected.slice(0, args.types.length)), 3)
  return strict(inputTypes, DayTimeIntervalType(), (a) => {
    const [days = 0, hours = 0, mins = 0] = a.slice(0, 3) as number[]
    const secs = (a[3] as bigint | undefined) ?? 0n
    return toLong(secs + BigInt(days) * MICROS_PER_DAY_BIG + BigInt(hours) * MICROS_PER_HOUR_BIG + BigInt(mins) * MICROS_PER_MINUTE_BIG,
      'make_dt_interval')
  })
})

/** `make_ym_interval([years[, months]])`: INTERVAL YEAR TO MONTH; overflow is ARITHMETIC_OVERFLOW in every mode. */
export const makeYmIntervalFunction = defineScalar('make_ym_interval', [0, 2], (args) => {
  const inputTypes = coerceAll('make_ym_interval', args, [IntegerType, IntegerType].slice(0, args.types.length))
  return strict(inputTypes, YearMonthIntervalType(), (a) => {
    const [years = 0, months = 0] = a as number[]
    return toInt(BigInt(months) + BigInt(toInt(BigInt(years) * 12n, 'make_ym_interval')), 'make_ym_interval')
  })
})

export const intervalFunctions: ScalarFunctionDefinition[] = [makeIntervalFunction, makeDtIntervalFunction, makeYmIntervalFunction]
