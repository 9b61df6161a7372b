import { writeFile } from 'node:fs/promises'
import { AnalysisError, type Row, type StructType } from '@sluice/shared'
import type { FileFormat, WrittenFile } from '../file-format.js'
import { readTextFile } from './text-reader.js'

/**
 * Writes rows of a single STRING column one per line, as Spark's text writer
 * (a null value writes an empty line). Other schemas throw Spark's error.
 */
export async function writeTextFile(path: string, schema: StructType, rows: readonly Row[], options: Readonly<Record<string, string>>): Promise<WrittenFile> {
  if (schema.fields.length !== 1 || schema.fields[0]!.dataType.kind !== 'string') {
    throw new AnalysisError(
      'UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE',
      `Text data source supports only a single column of type STRING, and you have ${schema.fields.length} columns (${schema.fields.map((f) => `${f.name} ${f.dataType.kind}`).join(', ')}).`,
      { format: 'Text' },
    )
  }
  const separator = options['linesep'] ?? '\n'
  let text = ''
  for (const row of rows) text += (row[0] === null ? '' : (row[0] as string)) + separator
  const data = Buffer.from(text, 'utf8')
  await writeFile(path, data, { flag: 'wx' })
  return { path, size: data.length, numRows: rows.length }
}

/** Spark's `text` data source: one `value STRING` row per line (or per file with `wholetext`). */
export const textFileFormat: FileFormat = Object.freeze({
  name: 'text',
  extension: '.txt',
  read: readTextFile,
  write: writeTextFile,
})
