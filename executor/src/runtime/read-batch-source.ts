import { AnalysisError, type PushedFilter, type Row, type SourceSpec, type StructType } from '@sluice/shared'
import { getFileFormat, discoverPartitions, listDataFiles, deltaReadTarget, loadSnapshot, readDeltaFiles } from '@sluice/storage'

/**
 * Reads a batch source in full: every data file of its paths, or a Delta table's live
 * files (time travel read in the session `timeZone`); with `source.files`, only those
 * (paths as listed; a Delta table's: the add actions' relative paths).
 */
export async function* readBatchSource(source: SourceSpec, schema: StructType, requiredColumns: readonly number[] | undefined, pushedFilters?: readonly PushedFilter[], timeZone = 'UTC'): AsyncIterable<Row[]> {
  const required = requiredColumns ? new Set(requiredColumns) : undefined
  const filter = pushedFilters && pushedFilters.length > 0 ? { rowGroupFilter: pushedFilters } : {}
  if (source.format === 'delta') {
    for (const given of source.paths) {
      const { path, travel } = deltaReadTarget(given, source.options, timeZone)
      const snapshot = await loadSnapshot(path, travel)
      const only = source.files ? new Set(source.files) : undefined
      const files = only ? snapshot.files.filter((file) => only.has(file.path)) : snapshot.files
      yield* readDeltaFiles(path, snapshot.schema, snapshot.partitionColumns, files, required, pushedFilters && pushedFilters.length > 0 ? pushedFilters : undefined)
    }
    return
  }
  const format = getFileFormat(source.format)
  if (source.paths.length === 0) throw new AnalysisError('UNABLE_TO_INFER_SCHEMA', `No path given for the ${source.format} source.`)
  const only = source.files ? new Set(source.files) : undefined
  for (const path of source.paths) {
    const listed = await listDataFiles(path, source.options)
    // Partitions are discovered over the whole listing, so a split reads the same values as the whole scan.
    const partitions = discoverPartitions(listed, source.options['basepath'] ?? path)
    const files = only ? listed.filter((file) => only.has(file.path)) : listed
    const partitionNames = partitions.columns.map((c) => c.name.toLowerCase())
    const partitionIndexes = schema.fields.map((f) => partitionNames.indexOf(f.name.toLowerCase()))
    if (partitionNames.length === 0 || partitionIndexes.every((i) => i < 0)) {
      for (const file of files) yield* format.read(file.path, { schema, requiredColumns: required, options: source.options, ...filter })
      continue
    }
    // The files hold the data columns; the partition columns come from the folder names.
    const dataFields = schema.fields.filter((_, i) => partitionIndexes[i]! < 0)
    const dataIndexOf = schema.fields.map((_, i) => (partitionIndexes[i]! < 0 ? schema.fields.slice(0, i).filter((__, j) => partitionIndexes[j]! < 0).length : -1))
    const dataRequired = required ? new Set([...required].map((i) => dataIndexOf[i]!).filter((i) => i >= 0)) : undefined
    const dataSchema: StructType = { kind: 'struct', fields: dataFields }
    for (const file of files) {
      const values = partitions.values.get(file.path) ?? []
      for await (const batch of format.read(file.path, { schema: dataSchema, ...(dataRequired ? { requiredColumns: dataRequired } : {}), options: source.options })) {
        yield batch.map((row) => schema.fields.map((_, i) => (partitionIndexes[i]! >= 0 ? values[partitionIndexes[i]!] ?? null : row[dataIndexOf[i]!])))
      }
    }
  }
}
