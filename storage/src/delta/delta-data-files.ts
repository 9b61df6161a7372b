import { randomUUID } from 'node:crypto'
import { mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { StructType, type Row } from '@sluice/shared'
import { writeParquetFile } from '../formats/parquet/parquet-writer.js'
import { encodeDeltaPath, type DeltaAddFile } from './delta-actions.js'
import { formatPartitionValue, partitionFolder } from './delta-partition.js'
import { deltaStatsJson } from './delta-stats.js'
import { findField } from './delta-write-schema.js'

/** How a call's data files are named. */
export interface DeltaFileNaming {
  /**
   * The middle of the names: a task attempt's job id (`<uuid>-t<task>-a<attempt>`) so
   * every file can be traced to its task and attempt; default a random UUID.
   */
  readonly jobId?: string
  /** The part number of the first file (a task's second call continues its numbering); default 0. */
  readonly firstPart?: number
}

/**
 * Delta's data file name as Spark writes it, `part-<part>-<jobId>-c000.snappy.parquet`
 * (any name is valid in a table: the log lists files by path).
 */
export function deltaDataFileName(part: number, jobId: string): string {
  return `part-${String(part).padStart(5, '0')}-${jobId}-c000.snappy.parquet`
}

/** Writes the rows as Parquet files, one or more per partition, and returns their add actions. */
export async function writeDataFiles(
  tablePath: string,
  schema: StructType,
  sources: readonly number[],
  partitionBy: readonly string[],
  rows: readonly Row[],
  maxRecordsPerFile: number,
  naming: DeltaFileNaming = {},
): Promise<DeltaAddFile[]> {
  const jobId = naming.jobId ?? randomUUID()
  const partitionIndexes = partitionBy.map((c) => findField(schema.fields, c))
  const dataIndexes = schema.fields.map((_, i) => i).filter((i) => !partitionIndexes.includes(i))
  const dataSchema = StructType(dataIndexes.map((i) => schema.fields[i]!))
  const groups = new Map<string, { values: (string | null)[]; rows: Row[] }>()
  for (const row of rows) {
    const values = partitionIndexes.map((i) => formatPartitionValue(sources[i]! >= 0 ? row[sources[i]!] ?? null : null, schema.fields[i]!.dataType))
    const key = JSON.stringify(values)
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { values, rows: [] }))
    group.rows.push(dataIndexes.map((i) => (sources[i]! >= 0 ? row[sources[i]!] ?? null : null)))
  }
  const adds: DeltaAddFile[] = []
  let part = naming.firstPart ?? 0
  for (const group of groups.values()) {
    const folder = partitionBy.map((c, k) => partitionFolder(schema.fields[partitionIndexes[k]!]!.name, group.values[k]!)).join('/')
    if (folder) await mkdir(join(tablePath, folder), { recursive: true })
    else await mkdir(tablePath, { recursive: true })
    const chunk = maxRecordsPerFile > 0 ? maxRecordsPerFile : group.rows.length
    for (let start = 0; start < group.rows.length; start += chunk) {
      const fileRows = group.rows.slice(start, start + chunk)
      const name = deltaDataFileName(part++, jobId)
      const relative = folder ? `${folder}/${name}` : name
      const written = await writeParquetFile(join(tablePath, relative), dataSchema, fileRows, {})
      const modificationTime = Math.floor((await stat(written.path)).mtimeMs)
      adds.push({
        path: encodeDeltaPath(relative),
        partitionValues: Object.fromEntries(partitionBy.map((c, k) => [schema.fields[partitionIndexes[k]!]!.name, group.values[k]!])),
        size: written.size,
        modificationTime,
        dataChange: true,
        stats: deltaStatsJson(written.numRows, dataSchema, written.stats!),
      })
    }
  }
  return adds
}
