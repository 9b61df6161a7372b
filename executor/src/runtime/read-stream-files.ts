import { relative, resolve, sep } from 'node:path'
import type { Row, StreamInputExec } from '@sluice/shared'
import { getFileFormat, unescapePathName, parsePartitionValue } from '@sluice/storage'

/** The `key=value` folders between `basePath` and `file`, keys lower-cased, values unescaped. */
function partitionFolders(file: string, basePath: string): Map<string, string> {
  const raw = new Map<string, string>()
  for (const folder of relative(resolve(basePath), resolve(file)).split(sep).slice(0, -1)) {
    const equals = folder.indexOf('=')
    if (equals > 0) raw.set(unescapePathName(folder.slice(0, equals)).toLowerCase(), unescapePathName(folder.slice(equals + 1)))
  }
  return raw
}

/**
 * Reads a streaming file source's batch files. Columns of the source schema named
 * by a `key=value` folder of a file take the folder's value (typed as the schema
 * says), the others come from the file, as Spark's partition discovery for file streams.
 */
export async function* readStreamFiles(node: StreamInputExec, files: readonly string[]): AsyncIterable<Row[]> {
  const format = getFileFormat(node.source.format)
  const schema = node.schema
  const required = node.requiredColumns ? new Set(node.requiredColumns) : undefined
  const basePath = node.source.options['basepath'] ?? node.source.paths[0]
  for (const file of files) {
    const folders = basePath === undefined ? new Map<string, string>() : partitionFolders(file, basePath)
    const isPartition = schema.fields.map((f) => folders.has(f.name.toLowerCase()))
    if (!isPartition.includes(true)) {
      yield* format.read(file, { schema, ...(required ? { requiredColumns: required } : {}), options: node.source.options })
      continue
    }
    const values = schema.fields.map((f, i) => (isPartition[i] ? parsePartitionValue(folders.get(f.name.toLowerCase()), f.dataType, f.name) : undefined))
    const dataIndexOf: number[] = []
    let next = 0
    for (const partition of isPartition) dataIndexOf.push(partition ? -1 : next++)
    const dataSchema = { ...schema, fields: schema.fields.filter((_, i) => !isPartition[i]) }
    const dataRequired = required ? new Set([...required].map((i) => dataIndexOf[i]!).filter((i) => i >= 0)) : undefined
    for await (const batch of format.read(file, { schema: dataSchema, ...(dataRequired ? { requiredColumns: dataRequired } : {}), options: node.source.options })) {
      yield batch.map((row) => schema.fields.map((_, i) => (isPartition[i] ? values[i] : row[dataIndexOf[i]!])))
    }
  }
}
