import {
  daysToDateString, decimalToString, javaDoubleString, microsToTimestampNtzString, microsToTimestampString, formatCalendarInterval,
  formatDayTimeInterval, formatTime, formatYearMonthInterval, type CalendarInterval, type DataType, type Row, type StructType,
} from '@sluice/shared'

/** A value as Spark's `show()` prints it (its string cast; NULL for null, as in Spark 4). */
export function cellString(value: unknown, type: DataType, timeZone: string, nested = false): string {
  if (value === null || value === undefined) return nested ? 'null' : 'NULL'
  switch (type.kind) {
    case 'float': return javaDoubleString(value as number, true)
    case 'double': return javaDoubleString(value as number)
    case 'decimal': return decimalToString(value as bigint, type.scale)
    case 'date': return daysToDateString(value as number)
    case 'timestamp': return microsToTimestampString(value as number, timeZone)
    case 'timestamp_ntz': return microsToTimestampNtzString(value as number)
    case 'interval': return formatCalendarInterval(value as CalendarInterval)
    // show() casts to string: ANSI intervals print in their ANSI form, TIME as HH:mm:ss[.f].
    case 'year_month_interval': return formatYearMonthInterval(value as number, type, 'ansi')
    case 'day_time_interval': return formatDayTimeInterval(value as bigint, type, 'ansi')
    case 'time': return formatTime(value as bigint)
    case 'binary': return `[${[...(value as Uint8Array)].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ')}]`
    case 'array': return `[${(value as unknown[]).map((v) => cellString(v, type.elementType, timeZone, true)).join(', ')}]`
    case 'map': return `{${[...(value as Map<unknown, unknown>).entries()].map(([k, v]) => `${cellString(k, type.keyType, timeZone, true)} -> ${cellString(v, type.valueType, timeZone, true)}`).join(', ')}}`
    case 'struct': return `{${(value as unknown[]).map((v, i) => cellString(v, type.fields[i]!.dataType, timeZone, true)).join(', ')}}`
    default: return String(value)
  }
}

/**
 * Spark's `Dataset.showString`: a `+---+` framed table, cells truncated to
 * `truncate` characters (Spark's 17 + "..."), right-aligned while truncating,
 * left-aligned when `truncate` is 0; `vertical` prints one `-RECORD n-` block per row.
 */
export function showString(schema: StructType, rows: readonly Row[], numRows: number, truncate: number, vertical: boolean, timeZone: string): string {
  const shown = rows.slice(0, numRows)
  const header = schema.fields.map((f) => f.name)
  const cut = (s: string) => (truncate > 0 && s.length > truncate ? (truncate < 4 ? s.slice(0, truncate) : s.slice(0, truncate - 3) + '...') : s)
  const cells = shown.map((row) => schema.fields.map((f, i) => cut(cellString(row[i], f.dataType, timeZone))))
  const more = rows.length > numRows ? `only showing top ${numRows} ${numRows === 1 ? 'row' : 'rows'}\n` : ''
  if (vertical) {
    if (cells.length === 0) return '(0 rows)\n'
    const nameWidth = Math.max(...header.map((h) => h.length))
    const valueWidth = Math.max(...cells.flat().map((c) => c.length), 0)
    const blocks = cells.map((row, r) => {
      const title = `-RECORD ${r}`
      const line = title + '-'.repeat(Math.max(nameWidth + valueWidth + 3 - title.length, 0))
      return [line, ...row.map((c, i) => `${header[i]!.padEnd(nameWidth)} | ${c.padEnd(valueWidth)}`)].join('\n')
    })
    return blocks.join('\n') + '\n' + more
  }
  const widths = header.map((h, i) => Math.max(3, h.length, ...cells.map((row) => row[i]!.length)))
  const pad = (s: string, w: number) => (truncate > 0 ? s.padStart(w) : s.padEnd(w))
  const separator = '+' + widths.map((w) => '-'.repeat(w)).join('+') + '+'
  const line = (values: readonly string[]) => '|' + values.map((v, i) => pad(v, widths[i]!)).join('|') + '|'
  return [separator, line(header), separator, ...cells.map(line), separator].join('\n') + '\n' + more
}
