import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { ExecutionError, StructType, type Row } from '@sluice/shared'
import { readParquetFile, type ParquetReadOptions } from '../formats/parquet/parquet-reader.js'
import type { RowGroupPredicate } from '../formats/parquet/row-group-filter.js'
import { compareInternal } from '../formats/parquet/column-stats.js'
import { decodeDeltaPath, type DeltaAddFile } from './delta-actions.js'
import { parsePartitionValue } from './delta-partition.js'
import { loadSnapshot, type DeltaSnapshot, type DeltaTimeTravel } from './delta-snapshot.js'

/** Options of a Delta read. */
export interface DeltaReadOptions extends DeltaTimeTravel {
  /** Indexes into the table schema of the columns to read; others come out null. */
  readonly requiredColumns?: ReadonlySet<number>
  /**
   * A conjunction of simple predicates used only to skip data: files whose partition
   * values fail one, and Parquet row groups whose statistics rule one out. Rows of
   * the files read are not filtered.
   */
  readonly rowGroupFilter?: readonly RowGroupPredicate[]
}

/** A Delta table opened for reading. */
export interface DeltaTableRead {
  readonly schema: StructType
  readonly version: number
  readonly snapshot: DeltaSnapshot
  readonly rows: AsyncIterable<Row[]>
}

/** Reads the live rows of a Delta table at the latest version or the one time travel names. */
export async function readDeltaTable(tablePath: string, options: DeltaReadOptions = {}): Promise<DeltaTableRead> {
  const snapshot = await loadSnapshot(tablePath, options)
  return {
    schema: snapshot.schema,
    version: snapshot.version,
    snapshot,
    rows: readDeltaFiles(tablePath, snapshot.schema, snapshot.partitionColumns, snapshot.files, options.requiredColumns, options.rowGroupFilter),
  }
}

/**
 * Reads the rows of some data files of a table (a snapshot's, or those a streaming
 * source picked) in the shape of `schema`: data columns from Parquet (matched by
 * name), partition columns typed from the `partitionValues` strings.
 */
export async function* readDeltaFiles(
  tablePath: string,
  schema: StructType,
  partitionColumns: readonly string[],
  files: readonly DeltaAddFile[],
  requiredColumns?: ReadonlySet<number>,
  rowGroupFilter?: readonly RowGroupPredicate[],
): AsyncGenerator<Row[]> {
  const partitionLower = partitionColumns.map((c) => c.toLowerCase())
  const isPartition = schema.fields.map((f) => partitionLower.includes(f.name.toLowerCase()))
  const dataFieldIndexes = schema.fields.map((_, i) => i).filter((i) => !isPartition[i])
  const dataSchema = StructType(dataFieldIndexes.map((i) => schema.fields[i]!))
  const dataRequired = requiredColumns ? new Set(dataFieldIndexes.map((tableIndex, dataIndex) => (requiredColumns.has(tableIndex) ? dataIndex : -1)).filter((i) => i >= 0)) : undefined
  const wantedPartitions = schema.fields.map((f, i) => i).filter((i) => isPartition[i] && (!requiredColumns || requiredColumns.has(i)))
  const partitionPredicates = (rowGroupFilter ?? []).flatMap((predicate) => {
    const index = schema.fields.findIndex((f, i) => isPartition[i] && f.name.toLowerCase() === predicate.column.toLowerCase())
    return index >= 0 ? [{ predicate, field: schema.fields[index]! }] : []
  })
  for (const file of files) {
    const rawByLower = new Map(Object.entries(file.partitionValues ?? {}).map(([k, v]) => [k.toLowerCase(), v]))
    // Partition pruning: a file whose partition value fails a predicate holds no matching row.
    const pruned = partitionPredicates.some(({ predicate, field }) =>
      !satisfies(parsePartitionValue(rawByLower.get(field.name.toLowerCase()), field.dataType, field.name), predicate))
    if (pruned) continue
    const partitionValues = new Map<number, unknown>()
    for (const i of wantedPartitions) {
      const field = schema.fields[i]!
      partitionValues.set(i, parsePartitionValue(rawByLower.get(field.name.toLowerCase()), field.dataType, field.name))
    }
    const path = join(tablePath, decodeDeltaPath(file.path))
    for await (const batch of readLiveFile(tablePath, path, { schema: dataSchema, requiredColumns: dataRequired, options: {}, rowGroupFilter })) {
      if (partitionValues.size === 0 && dataFieldIndexes.length === schema.fields.length) {
        yield batch
        continue
      }
      yield batch.map((dataRow) => {
        const row = new Array<unknown>(schema.fields.length).fill(null)
        for (let d = 0; d < dataFieldIndexes.length; d++) row[dataFieldIndexes[d]!] = dataRow[d]
        for (const [i, value] of partitionValues) row[i] = value
        return row
      })
    }
  }
}

/** Reads one data file the log lists; a file missing on disk is Delta's DELTA_FILE_NOT_FOUND_DETAILED, not a generic read error. */
async function* readLiveFile(tablePath: string, path: string, options: ParquetReadOptions): AsyncGenerator<Row[]> {
  try {
    await access(path)
  } catch {
    throw new ExecutionError('DELTA_FILE_NOT_FOUND_DETAILED', `File ${path} referenced in the transaction log of ${tablePath} cannot be found. This occurs when data has been manually deleted from the file system rather than using the table \`DELETE\` statement.`, { filePath: path })
  }
  yield* readParquetFile(path, options)
}

/** Whether a (non-null) value satisfies `column op value`; null never does, as in SQL. */
function satisfies(value: unknown, predicate: RowGroupPredicate): boolean {
  if (value === null || value === undefined || predicate.value === null || predicate.value === undefined) return false
  if (typeof value !== typeof predicate.value && !(typeof value === 'number' && typeof predicate.value === 'bigint') && !(typeof value === 'bigint' && typeof predicate.value === 'number')) return true
  const order = compareInternal(value, predicate.value)
  switch (predicate.op) {
    case '=': return order === 0
    case '<': return order < 0
    case '<=': return order <= 0
    case '>': return order > 0
    case '>=': return order >= 0
  }
}
