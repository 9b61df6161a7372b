import { AnalysisError, type Row, type SourceSpec, type StructType } from '@sluice/shared'
import { getFileFormat } from '../formats/registry.js'
import { listDataFiles } from '../sources/file-listing.js'
import { readDeltaTable } from '../delta/index.js'

/** Reads a batch source in full: every data file of its paths, or a Delta table's live files. */
export async function* readBatchSource(source: SourceSpec, schema: StructType, requiredColumns: readonly number[] | undefined): AsyncIterable<Row[]> {
  const required = requiredColumns ? new Set(requiredColumns) : undefined
  if (source.format === 'delta') {
    for (const path of source.paths) {
      const table = await readDeltaTable(path, {
        versionAsOf: source.options['versionasof'] === undefined ? undefined : Number(source.options['versionasof']),
        timestampAsOf: source.options['timestampasof'],
        requiredColumns: required,
      })
      yield* table.rows
    }
    return
  }
  const format = getFileFormat(source.format)
  if (source.paths.length === 0) throw new AnalysisError('UNABLE_TO_INFER_SCHEMA', `No path given for the ${source.format} source.`)
  for (const path of source.paths) {
    const files = await listDataFiles(path, source.options)
    for (const file of files) yield* format.read(file.path, { schema, requiredColumns: required, options: source.options })
  }
}
