import {
  castStringToDayTime,
  castStringToYearMonth,
  dateStringToDays,
  decimalFitsPrecision,
  IntervalFormatError,
  parseDecimal,
  parseTime,
  truncateTime,
  timestampNtzStringToMicros,
  timestampStringToMicros,
  type DataType,
} from '@sluice/shared'
import { compileDatetimePattern } from '../../io/datetime-pattern.js'
import type { CsvOptions } from './csv-options.js'

/** Converts one non-null CSV field text; returns {@link CSV_BAD_VALUE} when it does not convert. */
export type CsvValueParser = (text: string) => unknown

/** What a parser returns for a value that does not convert (the record is then malformed). */
export const CSV_BAD_VALUE: unique symbol = Symbol('csv-bad-value')

const INTEGER_TEXT = /^[+-]?\d+$/
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/

function parseInteger(text: string, limit: number): unknown {
  if (!INTEGER_TEXT.test(text)) return CSV_BAD_VALUE
  const value = Number(text)
  return value < -limit || value >= limit ? CSV_BAD_VALUE : value
}

function parseLong(text: string): unknown {
  if (!INTEGER_TEXT.test(text)) return CSV_BAD_VALUE
  if (text.length <= 15) return BigInt(Number(text))
  const value = BigInt(text)
  return value < -(2n ** 63n) || value >= 2n ** 63n ? CSV_BAD_VALUE : value
}

/**
 * The parser of a column type, as Spark's UnivocityParser: integers without
 * spaces and in range, `true`/`false` in any case, doubles with the `nanValue`,
 * `positiveInf` and `negativeInf` texts, decimals HALF_UP at the type's scale,
 * dates and timestamps in Spark's default forms (timestamps without a zone in
 * option `timeZone`). Nested types are not supported by CSV.
 */
export function csvValueParser(dataType: DataType, options: CsvOptions): CsvValueParser {
  switch (dataType.kind) {
    case 'string': return (text) => text
    case 'byte': return (text) => parseInteger(text, 0x80)
    case 'short': return (text) => parseInteger(text, 0x8000)
    case 'integer': return (text) => parseInteger(text, 0x80000000)
    case 'long': return parseLong
    case 'float':
    case 'double': {
      const round = dataType.kind === 'float' ? Math.fround : (value: number) => value
      return (text) => {
        if (text === options.nanValue) return NaN
        if (text === options.positiveInf) return Infinity
        if (text === options.negativeInf) return -Infinity
        if (!NUMBER_TEXT.test(text)) return CSV_BAD_VALUE
        return round(Number(text.replace(/[dDfF]$/, '')))
      }
    }
    case 'boolean':
      return (text) => {
        const lower = text.toLowerCase()
        return lower === 'true' ? true : lower === 'false' ? false : CSV_BAD_VALUE
      }
    case 'decimal':
      return (text) => {
        const unscaled = parseDecimal(text, dataType.scale)
        return unscaled === null || !decimalFitsPrecision(unscaled, dataType.precision) ? CSV_BAD_VALUE : unscaled
      }
    case 'date': {
      const pattern = options.dateFormat === undefined ? undefined : compileDatetimePattern(options.dateFormat, options.timeZone, 'date')
      return (text) => (pattern === undefined ? dateStringToDays(text) : pattern(text)) ?? CSV_BAD_VALUE
    }
    case 'timestamp': {
      const pattern = options.timestampFormat === undefined ? undefined : compileDatetimePattern(options.timestampFormat, options.timeZone, 'timestamp')
      return (text) => (pattern === undefined ? timestampStringToMicros(text, options.timeZone) : pattern(text)) ?? CSV_BAD_VALUE
    }
    case 'timestamp_ntz': return (text) => timestampNtzStringToMicros(text) ?? CSV_BAD_VALUE
    case 'binary': return (text) => new TextEncoder().encode(text)
    case 'null': return () => null
    // Spark's UnivocityParser reads ANSI intervals and TIME as a cast of the text.
    case 'time': return (text) => {
      const nanos = parseTime(text)
      return nanos === null ? CSV_BAD_VALUE : truncateTime(nanos, dataType.precision)
    }
    case 'year_month_interval': case 'day_time_interval': return (text) => {
      try {
        return dataType.kind === 'year_month_interval' ? castStringToYearMonth(text, dataType) : castStringToDayTime(text, dataType)
      } catch (error) {
        if (error instanceof IntervalFormatError) return CSV_BAD_VALUE
        throw error
      }
    }
    default: return () => CSV_BAD_VALUE
  }
}
