import { readFile } from 'node:fs/promises'
import { AnalysisError, type Row } from '@sluice/shared'
import type { FileReadOptions } from '../file-format.js'
import { corruptRecordColumnOf, malformedRecordError, parseModeOf } from '../../io/parse-mode.js'
import { readTextChunks } from '../../io/text-chunks.js'
import { resolveCsvOptions } from './csv-options.js'
import { CSV_BAD_VALUE, csvValueParser, type CsvValueParser } from './csv-value-parsers.js'
import { CsvSyntaxError, multiLineRecordEnd, splitCsvLine } from './csv-tokenizer.js'

const READ_BATCH_ROWS = 4096

/**
 * Reads a CSV file (one record per line) into batches of rows of
 * `options.schema`, fields matched by position (the corrupt-record column, when
 * the schema has one, takes no field). With `header`, the first line of the file
 * is the header: skipped, and with `enforceSchema` false checked against the
 * schema's names. Blank and comment lines are skipped. A record is malformed when
 * a quote is unclosed, the number of fields differs from the schema, or a value
 * does not convert; it then follows option `mode` (PERMISSIVE keeps the values
 * that converted and puts the line in the corrupt-record column; DROPMALFORMED
 * skips; FAILFAST throws naming the file, line and column). With option
 * `multiLine` a quoted field may span lines (the file is read whole).
 */
export async function* readCsvFile(path: string, options: FileReadOptions): AsyncGenerator<Row[]> {
  const csv = resolveCsvOptions(options.options)
  const mode = parseModeOf(options.options)
  const corruptName = corruptRecordColumnOf(options.options)
  const fields = options.schema.fields
  const corruptIndex = fields.findIndex((field) => field.name === corruptName && field.dataType.kind === 'string')
  // Data columns: every schema column but the corrupt-record one, in order.
  const dataColumns = fields.map((_, index) => index).filter((index) => index !== corruptIndex)
  const parsers: (CsvValueParser | undefined)[] = dataColumns.map((index) =>
    options.requiredColumns === undefined || options.requiredColumns.has(index) ? csvValueParser(fields[index]!.dataType, csv) : undefined)
  let batch: Row[] = []
  let lineNumber = 0
  let headerPending = csv.header
  const multiLine = (options.options['multiline'] ?? 'false').toLowerCase() === 'true'
  const texts = multiLine ? [(await readFile(path, 'utf8')).replace(/^\uFEFF/, '')] : readTextChunks(path)
  for await (const text of texts) {
    let start = 0
    while (start < text.length) {
      let end = multiLine ? multiLineRecordEnd(text, start, csv) : text.indexOf('\n', start)
      const next = end < 0 ? text.length : end + 1
      if (end < 0) end = text.length
      if (end > start && text.charCodeAt(end - 1) === 0x0d) end--
      const line = text.slice(start, end)
      start = next
      lineNumber++
      const recordLineNumber = lineNumber
      if (multiLine) for (let i = line.indexOf('\n'); i >= 0; i = line.indexOf('\n', i + 1)) lineNumber++
      if (line.trim() === '' || (csv.comment !== '' && line.startsWith(csv.comment))) continue
      if (headerPending) {
        headerPending = false
        if (!csv.enforceSchema) checkHeader(path, splitCsvLine(line, csv), dataColumns.map((index) => fields[index]!.name))
        continue
      }
      const row = new Array<unknown>(fields.length).fill(null)
      let problem: { column: number; field?: string; reason: string } | undefined
      let tokens: string[] = []
      try {
        tokens = splitCsvLine(line, csv)
      } catch (error) {
        if (!(error instanceof CsvSyntaxError)) throw error
        problem = { column: error.offset + 1, reason: error.message }
      }
      if (problem === undefined) {
        if (tokens.length !== dataColumns.length) {
          problem = { column: 1, reason: `expected ${dataColumns.length} fields, found ${tokens.length}` }
        }
        const count = Math.min(tokens.length, dataColumns.length)
        for (let i = 0; i < count; i++) {
          const parser = parsers[i]
          if (parser === undefined) continue
          const token = tokens[i]!
          if (token === csv.nullValue) continue
          const value = parser(token)
          if (value === CSV_BAD_VALUE) {
            const field = fields[dataColumns[i]!]!
            problem ??= { column: i + 1, field: field.name, reason: `cannot parse '${token}' as ${field.dataType.kind} (field ${i + 1})` }
          } else {
            row[dataColumns[i]!] = value
          }
        }
      }
      if (problem === undefined) {
        batch.push(row)
      } else if (mode === 'FAILFAST') {
        throw malformedRecordError({ path, lineNumber: recordLineNumber, column: problem.column, field: problem.field, record: line, reason: problem.reason })
      } else if (mode === 'PERMISSIVE') {
        if (corruptIndex >= 0) row[corruptIndex] = line
        batch.push(row)
      }
      if (batch.length >= READ_BATCH_ROWS) {
        yield batch
        batch = []
      }
    }
  }
  if (batch.length > 0) yield batch
}

function checkHeader(path: string, header: string[], names: string[]): void {
  const matches = header.length === names.length && header.every((name, i) => name === names[i])
  if (!matches) {
    throw new AnalysisError(
      'CSV_HEADER_DOES_NOT_CONFORM_TO_SCHEMA',
      `CSV header does not conform to the schema.\n Header: ${header.join(', ')}\n Schema: ${names.join(', ')}\nCSV file: ${path}`,
      { path },
    )
  }
}
