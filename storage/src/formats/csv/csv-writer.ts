import { writeFile } from 'node:fs/promises'
import {
  AnalysisError, daysToDateString, decimalToString, formatDayTimeInterval, formatTime, formatYearMonthInterval,
  type DataType, type Row, type StructType,
} from '@sluice/shared'
import type { WrittenFile } from '../file-format.js'
import { formatJsonTimestamp, javaDoubleText } from '../json/json-writer.js'
import { compileDatetimeFormatter } from '../../io/datetime-pattern.js'
import { resolveCsvOptions, type CsvOptions } from './csv-options.js'

interface CsvFormatters {
  readonly timestamp: (micros: number) => string
  readonly date: (days: number) => string
}

function valueText(dataType: DataType, value: unknown, options: CsvOptions, formatters: CsvFormatters): string {
  switch (dataType.kind) {
    case 'float':
    case 'double': {
      const number = value as number
      if (Number.isNaN(number)) return options.nanValue
      if (number === Infinity) return options.positiveInf
      if (number === -Infinity) return options.negativeInf
      return javaDoubleText(number, dataType.kind === 'float')
    }
    case 'decimal': return decimalToString(value as bigint, dataType.scale)
    case 'date': return formatters.date(value as number)
    case 'timestamp': return formatters.timestamp(value as number)
    case 'timestamp_ntz': return formatJsonTimestamp(value as number, 'UTC').slice(0, -1)
    case 'binary': return Buffer.from(value as Uint8Array).toString('base64')
    // Spark's UnivocityGenerator writes ANSI intervals in their ANSI text (`INTERVAL '32' HOUR`), TIME as its text.
    case 'year_month_interval': return formatYearMonthInterval(value as number, dataType, 'ansi')
    case 'day_time_interval': return formatDayTimeInterval(value as bigint, dataType, 'ansi')
    case 'time': return formatTime(value as bigint)
    case 'array':
    case 'map':
    case 'struct':
      throw new AnalysisError('UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE', `The CSV datasource doesn't support the column of the type "${dataType.kind.toUpperCase()}".`, { format: 'CSV' })
    default: return String(value)
  }
}

function quoteIfNeeded(text: string, options: CsvOptions): string {
  const needsQuotes = options.quoteAll || text.includes(options.separator) || text.includes(options.quote) ||
    text.includes('\n') || text.includes('\r')
  if (!needsQuotes) return text
  const escaped = options.escapeQuotes ? text.replaceAll(options.escape, options.escape + options.escape).replaceAll(options.quote, options.escape + options.quote) : text
  return options.quote + escaped + options.quote
}

/**
 * Renders rows as CSV the way Spark writes them: `header` (false) writes the
 * column names first; nulls as `nullValue` (empty), empty strings as `emptyValue`
 * (`""`); values trimmed (ignoreLeading/TrailingWhiteSpace default true on write)
 * and quoted when they contain the separator, a quote or a line break (all with
 * `quoteAll`), quotes escaped with `escape`; timestamps
 * `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`, dates `yyyy-MM-dd`. Nested types throw.
 */
export function rowsToCsv(schema: StructType, rows: readonly Row[], rawOptions: Readonly<Record<string, string>> = {}): string {
  const options = resolveCsvOptions(rawOptions, true)
  const formatters: CsvFormatters = {
    timestamp: options.timestampFormat === undefined
      ? (micros) => formatJsonTimestamp(micros, options.timeZone)
      : compileDatetimeFormatter(options.timestampFormat, options.timeZone, 'timestamp'),
    date: options.dateFormat === undefined ? daysToDateString : compileDatetimeFormatter(options.dateFormat, options.timeZone, 'date'),
  }
  const lines: string[] = []
  if (options.header) lines.push(schema.fields.map((field) => quoteIfNeeded(field.name, options)).join(options.separator))
  for (const row of rows) {
    const cells = schema.fields.map((field, index) => {
      const value = row[index]
      if (value === null || value === undefined) return options.nullValue
      let text = valueText(field.dataType, value, options, formatters)
      if (options.ignoreLeadingWhiteSpace) text = text.replace(/^\s+/, '')
      if (options.ignoreTrailingWhiteSpace) text = text.replace(/\s+$/, '')
      if (text === '') return options.emptyValue
      return quoteIfNeeded(text, options)
    })
    lines.push(cells.join(options.separator))
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n'
}

/** Writes `rows` as a new CSV file at `path`. */
export async function writeCsvFile(path: string, schema: StructType, rows: readonly Row[], options: Readonly<Record<string, string>>): Promise<WrittenFile> {
  const data = Buffer.from(rowsToCsv(schema, rows, options), 'utf8')
  await writeFile(path, data, { flag: 'wx' })
  return { path, size: data.length, numRows: rows.length }
}
