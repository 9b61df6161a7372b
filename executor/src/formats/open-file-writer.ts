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
