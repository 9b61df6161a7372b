import { writeFile } from 'node:fs/promises'
import {
  daysToDateString, decimalToString, formatDayTimeInterval, formatTime, formatYearMonthInterval, microsToLocalDateTime,
  type DataType, type Row, type StructType,
} from '@sluice/shared'
import type { WrittenFile } from '../file-format.js'
import { compileDatetimeFormatter } from '../../io/datetime-pattern.js'

/** Formats one value of a type as JSON text; `undefined` never occurs (nulls are handled by the caller). */
type ValueWriter = (value: unknown) => string

/**
 * Java's `Double.toString` (what Spark's Jackson generator writes): at least one
 * fraction digit, scientific notation with `E` outside [1e-3, 1e7).
 */
export function javaDoubleText(value: number, isFloat = false): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return 'Infinity'
  if (value === -Infinity) return '-Infinity'
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0'
  let digits = String(value)
  if (isFloat) {
    for (let precision = 1; precision <= 9; precision++) {
      const candidate = Number(value.toPrecision(precision))
      if (Math.fround(candidate) === value) { digits = String(candidate); break }
    }
  }
  const magnitude = Math.abs(value)
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const plain = Number(digits).toFixed(20).replace(/0+$/, '')
    const text = digits.includes('e') ? plain : digits
    return text.includes('.') ? (text.endsWith('.') ? `${text}0` : text) : `${text}.0`
  }
  const [mantissa, exponent] = Number(digits).toExponential().split('e') as [string, string]
  const mantissaText = mantissa.includes('.') ? mantissa : `${mantissa}.0`
  return `${mantissaText}E${exponent.startsWith('+') ? exponent.slice(1) : exponent}`
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0')

/** `yyyy-MM-dd'T'HH:mm:ss.SSSXXX` in `timeZone` (Spark's default JSON timestampFormat). */
export function formatJsonTimestamp(micros: number, timeZone: string): string {
  const local = microsToLocalDateTime(micros, timeZone)
  const localSeconds = local.days * 86_400 + local.hour * 3600 + local.minute * 60 + local.second
  const offsetSeconds = localSeconds - Math.floor(micros / 1_000_000)
  let zone = 'Z'
  if (offsetSeconds !== 0) {
    const magnitude = Math.abs(offsetSeconds)
    zone = `${offsetSeconds < 0 ? '-' : '+'}${pad(Math.floor(magnitude / 3600), 2)}:${pad(Math.floor((magnitude % 3600) / 60), 2)}`
  }
  return `${daysToDateString(local.days)}T${pad(local.hour, 2)}:${pad(local.minute, 2)}:${pad(local.second, 2)}` +
    `.${pad(Math.floor(local.microsecond / 1000), 3)}${zone}`
}

/** How the writer renders values: session zone, null fields, custom datetime patterns. */
interface JsonWriteSettings {
  readonly timeZone: string
  readonly ignoreNullFields: boolean
  readonly formatTimestamp?: (micros: number) => string
  readonly formatDate?: (days: number) => string
}

function compileValueWriter(dataType: DataType, settings: JsonWriteSettings): ValueWriter {
  const { timeZone } = settings
  switch (dataType.kind) {
    case 'boolean':
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
      return (value) => String(value)
    case 'float':
    case 'double': {
      const isFloat = dataType.kind === 'float'
      return (value) => {
        const number = value as number
        return Number.isFinite(number) ? javaDoubleText(number, isFloat) : `"${javaDoubleText(number)}"`
      }
    }
    case 'decimal':
      return (value) => decimalToString(value as bigint, dataType.scale)
    case 'string':
      return (value) => JSON.stringify(value)
    case 'binary':
      return (value) => `"${Buffer.from(value as Uint8Array).toString('base64')}"`
    case 'date': {
      const format = settings.formatDate ?? daysToDateString
      return (value) => JSON.stringify(format(value as number))
    }
    case 'timestamp': {
      const format = settings.formatTimestamp ?? ((micros: number) => formatJsonTimestamp(micros, timeZone))
      return (value) => JSON.stringify(format(value as number))
    }
    case 'timestamp_ntz':
      return (value) => `"${formatJsonTimestamp(value as number, 'UTC').slice(0, -1)}"`
    case 'interval':
      return (value) => JSON.stringify(value)
    // Spark's JacksonGenerator writes ANSI intervals in their ANSI text, TIME as its text.
    case 'year_month_interval':
      return (value) => JSON.stringify(formatYearMonthInterval(value as number, dataType, 'ansi'))
    case 'day_time_interval':
      return (value) => JSON.stringify(formatDayTimeInterval(value as bigint, dataType, 'ansi'))
    case 'time':
      return (value) => JSON.stringify(formatTime(value as bigint))
    case 'null':
      return () => 'null'
    case 'array': {
      const element = compileValueWriter(dataType.elementType, settings)
      return (value) => `[${(value as unknown[]).map((item) => (item === null ? 'null' : element(item))).join(',')}]`
    }
    case 'map': {
      const valueWriter = compileValueWriter(dataType.valueType, settings)
      return (value) => {
        const parts: string[] = []
        for (const [key, item] of value as Map<unknown, unknown>) {
          parts.push(`${JSON.stringify(String(key))}:${item === null ? 'null' : valueWriter(item)}`)
        }
        return `{${parts.join(',')}}`
      }
    }
    case 'struct':
      return compileStructWriter(dataType, settings)
  }
}

function compileStructWriter(struct: StructType, settings: JsonWriteSettings): (values: unknown) => string {
  const { ignoreNullFields } = settings
  const names = struct.fields.map((field) => `${JSON.stringify(field.name)}:`)
  const writers = struct.fields.map((field) => compileValueWriter(field.dataType, settings))
  return (values) => {
    const row = values as unknown[]
    let text = '{'
    let first = true
    for (let i = 0; i < writers.length; i++) {
      const value = row[i]
      // Spark's `ignoreNullFields` (default true): null fields are left out.
      const isNull = value === null || value === undefined
      if (isNull && ignoreNullFields) continue
      text += (first ? '' : ',') + names[i] + (isNull ? 'null' : writers[i]!(value))
      first = false
    }
    return text + '}'
  }
}

/**
 * Renders rows as JSON Lines the way Spark writes them: one object per line in
 * field order, null fields omitted, longs and decimals as exact numbers,
 * timestamps as `yyyy-MM-dd'T'HH:mm:ss.SSSXXX` in option `timezone` (default UTC),
 * dates `yyyy-MM-dd` (or options `timestampFormat`, `dateFormat`), binary as
 * base64. Option `ignoreNullFields` false writes null fields as `null`.
 */
export function rowsToJsonLines(schema: StructType, rows: readonly Row[], options: Readonly<Record<string, string>> = {}): string {
  const timeZone = options['timezone'] ?? 'UTC'
  const timestampFormat = options['timestampformat']
  const dateFormat = options['dateformat']
  const writeRow = compileStructWriter(schema, {
    timeZone,
    ignoreNullFields: (options['ignorenullfields'] ?? 'true').toLowerCase() !== 'false',
    ...(timestampFormat === undefined ? {} : { formatTimestamp: compileDatetimeFormatter(timestampFormat, timeZone, 'timestamp') }),
    ...(dateFormat === undefined ? {} : { formatDate: compileDatetimeFormatter(dateFormat, timeZone, 'date') }),
  })
  let text = ''
  for (const row of rows) text += writeRow(row) + '\n'
  return text
}

/** Writes `rows` as a new JSON Lines file at `path`. */
export async function writeJsonLinesFile(
  path: string,
  schema: StructType,
  rows: readonly Row[],
  options: Readonly<Record<string, string>>,
): Promise<WrittenFile> {
  const data = Buffer.from(rowsToJsonLines(schema, rows, options), 'utf8')
  await writeFile(path, data, { flag: 'wx' })
  return { path, size: data.length, numRows: rows.length }
}
