import { readFile } from 'node:fs/promises'
import type { Row, StructType } from '@sluice/shared'
import type { FileReadOptions } from '../file-format.js'
import { corruptRecordColumnOf, malformedRecordError, parseModeOf } from '../../io/parse-mode.js'
import { readTextChunks } from '../../io/text-chunks.js'
import { JsonLineParser } from './json-line-parser.js'

/** Rows per batch the readers yield. */
export const READ_BATCH_ROWS = 4096

/** Index of the corrupt-record column in `schema` (a STRING field), or -1. */
export function corruptColumnIndexOf(schema: StructType, options: Readonly<Record<string, string>>): number {
  const name = corruptRecordColumnOf(options)
  return schema.fields.findIndex((field) => field.name === name && field.dataType.kind === 'string')
}

/**
 * Reads a JSON Lines file into batches of rows of `options.schema`.
 *
 * - Only the columns in `requiredColumns` are converted; the others stay null.
 * - Blank lines are skipped; a line holding an array of objects gives one row per object.
 * - A malformed line (invalid JSON, not an object, or a value that does not
 *   convert to its field's type) follows `options.options.mode`: PERMISSIVE
 *   (default) yields the row with the fields that did convert (all null for a
 *   syntax error) and the raw line in the corrupt-record column when the schema
 *   has one; DROPMALFORMED skips it; FAILFAST throws MALFORMED_RECORD_IN_PARSING
 *   naming the file, line, column and field.
 * - Option `timezone` is the zone of timestamps without one (default UTC);
 *   `timestampFormat` and `dateFormat` (Spark datetime patterns) replace the
 *   default forms.
 * - Option `multiLine` true reads the whole file as one JSON document (an object,
 *   or an array of objects), as Spark does; a malformed file is one record.
 */
export async function* readJsonLinesFile(path: string, options: FileReadOptions): AsyncGenerator<Row[]> {
  const mode = parseModeOf(options.options)
  const corruptIndex = corruptColumnIndexOf(options.schema, options.options)
  const timeZone = options.options['timezone'] ?? 'UTC'
  const parser = new JsonLineParser(options.schema, options.requiredColumns, corruptIndex, timeZone, {
    ...(options.options['timestampformat'] === undefined ? {} : { timestampFormat: options.options['timestampformat'] }),
    ...(options.options['dateformat'] === undefined ? {} : { dateFormat: options.options['dateformat'] }),
  })
  const multiLine = (options.options['multiline'] ?? 'false').toLowerCase() === 'true'
  let batch: Row[] = []
  let lineNumber = 0
  const texts = multiLine ? wholeFile(path) : readTextChunks(path)
  for await (const text of texts) {
    let start = 0
    const length = text.length
    while (start < length) {
      let end = multiLine ? length : text.indexOf('\n', start)
      if (end < 0) end = length
      lineNumber++
      const row = parser.parseLine(text, start, end)
      const malformed = parser.malformed
      if (row !== null) {
        batch.push(row)
      } else if (parser.arrayRows !== undefined) {
        for (const arrayRow of parser.arrayRows) batch.push(arrayRow)
      } else if (malformed !== undefined) {
        if (mode === 'FAILFAST') {
          const position = multiLine ? lineAndColumn(text, malformed.problem.offset) : { line: lineNumber, column: malformed.problem.offset + 1 }
          throw malformedRecordError({
            path,
            lineNumber: position.line,
            column: position.column,
            field: malformed.problem.field,
            record: text.slice(start, end).replace(/\r$/, ''),
            reason: malformed.problem.reason,
          })
        }
        if (mode === 'PERMISSIVE') {
          const partialRow = malformed.partialRow ?? parser.emptyRow()
          if (corruptIndex >= 0) partialRow[corruptIndex] = text.slice(start, end).replace(/\r$/, '')
          batch.push(partialRow)
        }
      }
      if (batch.length >= READ_BATCH_ROWS) {
        yield batch
        batch = []
      }
      start = end + 1
    }
  }
  if (batch.length > 0) yield batch
}

async function* wholeFile(path: string): AsyncGenerator<string> {
  const text = await readFile(path, 'utf8')
  yield text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** 1-based line and column of an offset in a multi-line text. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  return { line, column: offset - lineStart + 1 }
}
