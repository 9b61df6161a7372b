import type { CsvOptions } from './csv-options.js'

/** A line that cannot be split into fields (an unclosed quote), with the 0-based offset. */
export class CsvSyntaxError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message)
  }
}

/**
 * Splits one CSV line (without its line separator) into field texts. A quoted
 * field may contain the separator; inside it, the escape character or a doubled
 * quote stands for a quote. Unquoted fields are trimmed per the whitespace
 * options. Throws {@link CsvSyntaxError} for an unclosed quote.
 */
export function splitCsvLine(line: string, options: CsvOptions): string[] {
  const { separator, quote, escape } = options
  const fields: string[] = []
  let pos = 0
  const length = line.length
  for (;;) {
    let start = pos
    if (options.ignoreLeadingWhiteSpace) while (start < length && (line[start] === ' ' || line[start] === '\t')) start++
    if (start < length && line[start] === quote) {
      let value = ''
      let i = start + 1
      let closed = false
      while (i < length) {
        const c = line[i]!
        if (c === escape && escape !== quote && i + 1 < length && (line[i + 1] === quote || line[i + 1] === escape)) {
          value += line[i + 1]
          i += 2
        } else if (c === quote) {
          if (i + 1 < length && line[i + 1] === quote) { value += quote; i += 2; continue }
          closed = true
          i++
          break
        } else {
          value += c
          i++
        }
      }
      if (!closed) throw new CsvSyntaxError(start, 'unclosed quoted field')
      // Text between the closing quote and the separator is kept, as univocity does.
      const next = line.indexOf(separator, i)
      const end = next < 0 ? length : next
      const rest = line.slice(i, end)
      fields.push(rest.trim() === '' ? value : value + rest)
      if (next < 0) return fields
      pos = next + 1
    } else {
      const next = line.indexOf(separator, pos)
      const end = next < 0 ? length : next
      let value = line.slice(start, end)
      if (options.ignoreTrailingWhiteSpace) value = value.replace(/[ \t]+$/, '')
      fields.push(value)
      if (next < 0) return fields
      pos = next + 1
    }
  }
}

/** Index of the newline ending the record at `start`, ignoring newlines inside quotes; -1 at the end of the text. */
export function multiLineRecordEnd(text: string, start: number, csv: CsvOptions): number {
  const { quote, escape } = csv
  let inQuotes = false
  for (let i = start; i < text.length; i++) {
    const c = text[i]
    if (inQuotes) {
      if (c === escape && escape !== quote && (text[i + 1] === quote || text[i + 1] === escape)) i++
      else if (c === quote) inQuotes = false
    } else if (c === quote) {
      inQuotes = true
    } else if (c === '\n') {
      return i
    }
  }
  return -1
}
