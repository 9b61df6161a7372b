import type { FileFormat } from '../file-format.js'
import { inferCsvSchema } from './csv-infer-schema.js'
import { readCsvFile } from './csv-reader.js'
import { writeCsvFile } from './csv-writer.js'

/** Spark's `csv` data source (one record per line, or quoted fields across lines with `multiLine`). */
export const csvFileFormat: FileFormat = Object.freeze({
  name: 'csv',
  extension: '.csv',
  read: readCsvFile,
  write: writeCsvFile,
  inferSchema: inferCsvSchema,
})
