import { readFile } from 'node:fs/promises'
import type { Row } from '@sluice/shared'
import type { FileReadOptions } from '../file-format.js'
import { readTextChunks } from '../../io/text-chunks.js'

const READ_BATCH_ROWS = 4096

/**
 * Reads a text file as Spark's `text` source: one row per line with the line in
 * the first column (`value STRING`), the line separator (`\n`, `\r\n`, or option
 * `lineSep`) removed; with option `wholetext` true, one row per file. Other
 * schema columns (e.g. partition columns) stay null.
 */
export async function* readTextFile(path: string, options: FileReadOptions): AsyncGenerator<Row[]> {
  const width = options.schema.fields.length
  const makeRow = (value: string): Row => {
    const row = new Array<unknown>(width).fill(null)
    row[0] = value
    return row
  }
  if ((options.options['wholetext'] ?? 'false').toLowerCase() === 'true') {
    yield [makeRow(await readFile(path, 'utf8'))]
    return
  }
  const separator = options.options['linesep']
  if (separator !== undefined && separator !== '\n' && separator !== '\r\n') {
    const lines = (await readFile(path, 'utf8')).split(separator)
    if (lines[lines.length - 1] === '') lines.pop()
    for (let start = 0; start < lines.length; start += READ_BATCH_ROWS) {
      yield lines.slice(start, start + READ_BATCH_ROWS).map(makeRow)
    }
    return
  }
  let batch: Row[] = []
  for await (const text of readTextChunks(path)) {
    let start = 0
    while (start < text.length) {
      let end = text.indexOf('\n', start)
      const next = end < 0 ? text.length : end + 1
      if (end < 0) end = text.length
      if (end > start && text.charCodeAt(end - 1) === 0x0d) end--
      batch.push(makeRow(text.slice(start, end)))
      if (batch.length >= READ_BATCH_ROWS) { yield batch; batch = [] }
      start = next
    }
  }
  if (batch.length > 0) yield batch
}
