import { AnalysisError } from '@sluice/shared'
import type { FileFormat } from './file-format.js'
import { avroFileFormat } from './avro/index.js'
import { csvFileFormat } from './csv/csv-format.js'
import { jsonFileFormat } from './json/json-format.js'
import { parquetFileFormat } from './parquet/index.js'
import { textFileFormat } from './text/text-format.js'

const formats = new Map<string, FileFormat>()

/**
 * Makes a file format available to `getFileFormat` under its `name` (lower-cased),
 * replacing one of the same name. Parquet and Avro register themselves here.
 */
export function registerFileFormat(format: FileFormat): void {
  formats.set(format.name.toLowerCase(), format)
}

/** The names of the registered file formats, sorted. */
export function fileFormatNames(): string[] {
  return [...formats.keys()].sort()
}

/**
 * The file format named `name` (case-insensitive, as Spark's `format("JSON")`).
 * Throws AnalysisError DATA_SOURCE_NOT_FOUND listing the known formats.
 */
export function getFileFormat(name: string): FileFormat {
  const format = formats.get(name.toLowerCase())
  if (format !== undefined) return format
  throw new AnalysisError(
    'DATA_SOURCE_NOT_FOUND',
    `Failed to find the data source: ${name}. Known file formats: ${fileFormatNames().join(', ')}.`,
    { provider: name },
  )
}

registerFileFormat(jsonFileFormat)
registerFileFormat(csvFileFormat)
registerFileFormat(textFileFormat)
registerFileFormat(parquetFileFormat)
registerFileFormat(avroFileFormat)
