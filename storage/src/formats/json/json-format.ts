import type { FileFormat } from '../file-format.js'
import { inferJsonSchema } from './json-infer-schema.js'
import { readJsonLinesFile } from './json-reader.js'
import { rowsToJsonLines, writeJsonLinesFile } from './json-writer.js'
import { textFileWriter } from '../open-file-writer.js'

/** Spark's `json` data source: JSON Lines files (one object per line). */
export const jsonFileFormat: FileFormat = Object.freeze<FileFormat>({
  name: 'json',
  extension: '.json',
  read: readJsonLinesFile,
  write: writeJsonLinesFile,
  openWriter: (path, schema, options) => textFileWriter(path, (rows) => rowsToJsonLines(schema, rows, options)),
  inferSchema: inferJsonSchema,
})
