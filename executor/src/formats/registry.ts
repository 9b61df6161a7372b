import { AnalysisError } from '@sluice/shared'
import type { FileFormat } from './file-format.js'
import { parquetFileFormat } from './parquet/index.js'
import { avroFileFormat } from './avro/index.js'
import { readJsonLinesFile } from './json/json-reader.js'

const formats = new Map<string, FileFormat>()

/** Adds (or replaces) a file format by its name. */
export function registerFileFormat(format: FileFormat): void {
  formats.set(format.name.toLowerCase(), format)
}

/** The file format called `name` (json, csv, text, parquet, avro). */
export function getFileFormat(name: string): FileFormat {
  const format = formats.get(name.toLowerCase())
  if (format === undefined) {
    throw new AnalysisError('DATA_SOURCE_NOT_FOUND', `Failed to find the data source: ${name}. Known file formats: ${[...formats.keys()].sort().join(', ')}.`, { provider: name })
  }
  return format
}

registerFileFormat(parquetFileFormat)
registerFileFormat(avroFileFormat)
registerFileFormat({
  name: 'json',
  extension: '.json',
  read: readJsonLinesFile,
  async write() { throw new AnalysisError('UNSUPPORTED_FEATURE.JSON_WRITE', 'Writing JSON files is not available yet.') },
})
