import { writeFile } from 'node:fs/promises'
import type { Row, StructType } from '@sluice/shared'
import type { FileFormat, FileWriter } from './file-format.js'

/**
 * A writer for a new file of `format` at `path`: the format's own incremental writer,
 * or one that keeps the rows and writes them whole at `close`.
 */
export function openFileWriter(format: FileFormat, path: string, schema: StructType, options: Readonly<Record<string, string>>): FileWriter {
  if (format.openWriter) return format.openWriter(path, schema, options)
  const rows: Row[] = []
  return {
    write(batch) {
      for (const row of batch) rows.push(row)
    },
    get numRows() {
      return rows.length
    },
    close: () => format.write(path, schema, rows, options),
  }
}

/**
 * A new text file (JSON lines, CSV, text) built from the text of each batch as it
 * arrives, written whole at `close`; `render(rows, first)` renders one batch (and, for
 * no row at all, what an empty file holds: a CSV header).
 */
export function textFileWriter(path: string, render: (rows: readonly Row[], first: boolean) => string): FileWriter {
  const chunks: string[] = []
  let numRows = 0
  return {
    write(rows) {
      if (rows.length === 0) return
      chunks.push(render(rows, chunks.length === 0))
      numRows += rows.length
    },
    get numRows() {
      return numRows
    },
    async close() {
      if (chunks.length === 0) chunks.push(render([], true))
      const data = Buffer.from(chunks.join(''), 'utf8')
      await writeFile(path, data, { flag: 'wx' })
      return { path, size: data.length, numRows }
    },
  }
}
