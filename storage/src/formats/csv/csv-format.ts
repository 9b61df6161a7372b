import type { FileFormat } from '../file-format.js'
import { inferCsvSchema } from './csv-infer-schema.js'
import { readCsvFile } from './csv-reader.js'
import { rowsToCsv, writeCsvFile } from './csv-writer.js'
import { textFileWriter } from '../open-file-writer.js'

/** Spark's `csv` data source (one record per line, or quoted fields across lines with `multiLine`). */
export const csvFileFormat: FileFormat = Object.freeze<FileFormat>({
  name: 'csv',
  extension: '.csv',
  read: readCsvFile,
  write: writeCsvFile,
  // The header goes in front of the first batch only.
  openWriter: (path, schema, options) => textFileWriter(path, (rows, first) => rowsToCsv(schema, rows, first ? options : { ...options, header: 'false' })),
  inferSchema: inferCsvSchema,
})
