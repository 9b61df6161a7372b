import type { CalendarInterval, DataType } from '../types/data-type.js'
import { decimalToString } from '../data/decimal.js'
import { daysToDateString, microsToTimestampNtzString, microsToTimestampString } from '../data/temporal.js'
import { formatDayTimeInterval, formatYearMonthInterval } from '../data/ansi-interval.js'
import { formatTime } from '../data/time-of-day.js'

/**
 * Java's `Double.toString`: plain notation for 1e-3 <= |x| < 1e7 with at least one
 * fractional digit (`1.0`), else `d.dddE±n` (`1.0E7`, `1.0E-4`); `NaN`, `Infinity`.
 */
export function javaDoubleString(x: number, isFloat = false): string {
  if (Number.isNaN(x)) return 'NaN'
  if (x === Infinity) return 'Infinity'
  if (x === -Infinity) return '-Infinity'
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  const digitsText = isFloat ? shortestFloatDigits(x) : x.toExponential()
  // digitsText is like "-1.2345e+7"
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(digitsText)
  if (match === null) return String(x)
  const [, sign, lead, frac = '', expText] = match
  const exponent = Number(expText)
  const digits = (lead! + frac).replace(/0+$/, '') || '0'
  const abs = Math.abs(x)
  if (abs >= 1e-3 && abs < 1e7) {
    if (exponent >= 0) {
      const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0')
      const fracPart = digits.slice(exponent + 1) || '0'
      return `${sign}${intPart}.${fracPart}`
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exponent}`
}

/** Shortest exponential form that reads back to the same single-precision float. */
function shortestFloatDigits(x: number): string {
  for (let precision = 1; precision <= 9; precision++) {
    const text = x.toExponential(precision - 1)
    if (Math.fround(Number(text)) === x) return text
  }
  return x.toExponential()
}

const decimalString = decimalToString

/** A calendar interval as Spark's `CalendarInterval.toString`: `1 years 2 months 3 days 4.5 seconds`. */
export function formatCalendarInterval(v: CalendarInterval): string {
  const parts: string[] = []
  const years = Math.trunc(v.months / 12)
  const months = v.months % 12
  if (years !== 0) parts.push(`${years} years`)
  if (months !== 0) parts.push(`${months} months`)
  if (v.days !== 0) parts.push(`${v.days} days`)
  let micros = v.microseconds
  if (micros !== 0) {
    const hours = Math.trunc(micros / 3_600_000_000); micros -= hours * 3_600_000_000
    const minutes = Math.trunc(micros / 60_000_000); micros -= minutes * 60_000_000
    if (hours !== 0) parts.push(`${hours} hours`)
    if (minutes !== 0) parts.push(`${minutes} minutes`)
    if (micros !== 0) parts.push(`${decimalString(BigInt(micros), 6).replace(/\.?0+$/, '')} seconds`)
  }
  return parts.length === 0 ? '0 seconds' : parts.join(' ')
}

function bytesHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).toUpperCase().padStart(2, '0')).join('')
}

/**
 * A literal as it appears inside Spark's auto-generated column names
 * (`toPrettySQL`): numbers and strings bare (`1`, `1.50`, `a`), NULL as `NULL`,
 * others as SQL (`true`, `DATE '2020-01-01'`, `X'AB'`).
 */
export function literalPrettyName(value: unknown, dataType: DataType, timeZone = 'UTC'): string {
  if (value === null || value === undefined) return 'NULL'
  switch (dataType.kind) {
    case 'string': return String(value)
    case 'byte': case 'short': case 'integer': case 'long': return String(value)
    case 'float': return javaDoubleString(value as number, true)
    case 'double': return javaDoubleString(value as number)
    case 'decimal': return javaBigDecimalString(value as bigint, dataType.scale)
    case 'boolean': return String(value)
    case 'date': return `DATE '${daysToDateString(value as number)}'`
    case 'timestamp': return `TIMESTAMP '${microsToTimestampString(value as number, timeZone)}'`
    case 'timestamp_ntz': return `TIMESTAMP_NTZ '${microsToTimestampNtzString(value as number)}'`
    case 'binary': return `X'${bytesHex(value as Uint8Array)}'`
    case 'interval': return `INTERVAL '${formatCalendarInterval(value as CalendarInterval)}'`
    case 'year_month_interval': return formatYearMonthInterval(value as number, dataType, 'ansi')
    case 'day_time_interval': return formatDayTimeInterval(value as bigint, dataType, 'ansi')
    case 'time': return `TIME '${formatTime(value as bigint)}'`
    default: return String(value)
  }
}

/**
 * Java's `BigDecimal.toString`: plain unless the adjusted exponent is below -6,
 * then scientific (`1.230E-26`), as Spark prints decimal literals in names.
 */
export function javaBigDecimalString(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n
  const digits = (negative ? -unscaled : unscaled).toString()
  const adjusted = -scale + (digits.length - 1)
  if (scale >= 0 && adjusted >= -6) return decimalString(unscaled, scale)
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
  return `${negative ? '-' : ''}${mantissa}E${adjusted >= 0 ? '+' : ''}${adjusted}`
}
