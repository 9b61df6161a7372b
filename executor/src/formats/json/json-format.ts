import type { FileFormat } from '../file-format.js'
import { inferJsonSchema } from './json-infer-schema.js'
import { readJsonLinesFile } from './json-reader.js'
import { writeJsonLinesFile } from './json-writer.js'

/** Spark's `json` data source: JSON Lines files (one object per line). */
export const jsonFileFormat: FileFormat = Object.freeze({
  name: 'json',
  extension: '.json',
  read: readJsonLinesFile,
  write: writeJsonLinesFile,
  inferSchema: inferJsonSchema,
})
