import { mkdir, rename, rm, stat, writeFile, readdir } from 'node:fs/promises'
import { join, dirname } from 'node:path'
import { randomUUID } from 'node:crypto'
import { AnalysisError, StructType, type PlacedFile, type Row } from '@sluice/shared'
import { getFileFormat } from '../formats/registry.js'
import { SKIP_FILE_STATISTICS } from '../formats/parquet/parquet-writer.js'
import type { FileWriter } from '../formats/file-format.js'
import { openFileWriter } from '../formats/open-file-writer.js'
import { throwIfAborted } from '../io/task-abort.js'
import { escapePathName, HIVE_DEFAULT_PARTITION, partitionValueFormatter } from './partition-path.js'

export interface DataFilesOptions {
  readonly format: string
  readonly schema: StructType
  readonly partitionBy: readonly string[]
  readonly options: Readonly<Record<string, string>>
  readonly timeZone: string
  /** Spark's file name prefix part: `part-00000-<uuid>`. */
  readonly jobId?: string
  /** Rows per file before the next file of the same partition starts (Spark's `maxRecordsPerFile`; 0: no limit). */
  readonly maxRecordsPerFile?: number
  /** Once aborted, `write` rejects with an AbortError before starting another file (the caller then calls `abort`). */
  readonly signal?: AbortSignal
}

export interface WriteFilesOptions extends DataFilesOptions {
  readonly rows: readonly Row[]
}

export type { PlacedFile } from '@sluice/shared'

/** Data files being written batch by batch; each appears under its final name only when closed. */
export interface DataFilesWriter {
  write(rows: readonly Row[]): Promise<void>
  /** Closes every open file and returns them all; `writeEmptyFile` writes one empty file when no row came (a batch write keeps its schema so). */
  close(options?: { writeEmptyFile?: boolean }): Promise<PlacedFile[]>
  /**
   * Removes every file this writer wrote: the ones still open and the ones already
   * closed (a failed or aborted task leaves none behind; nothing else lists them).
   */
  abort(): Promise<void>
}

interface OpenFile {
  readonly writer: FileWriter
  readonly temporary: string
  readonly target: string
  readonly relativePath: string
}

interface PartitionFiles {
  readonly subdir: string
  readonly values: Record<string, string | null>
  readonly part: number
  counter: number
  open?: OpenFile
}

/**
 * Opens a writer of data files under `folder`, one file per partition (`k=v/` folders,
 * partition columns left out of the files, as Spark does) and a new one every
 * `maxRecordsPerFile` rows. Formats that can encode incrementally do so as batches
 * arrive; files are written under hidden temporary names and renamed, so a reader never
 * sees half a file.
 */
export function openDataFilesWriter(folder: string, options: DataFilesOptions): DataFilesWriter {
  const format = getFileFormat(options.format)
  const fields = options.schema.fields
  const partitionIndexes = options.partitionBy.map((name) => {
    const i = fields.findIndex((f) => f.name.toLowerCase() === name.toLowerCase())
    if (i < 0) throw new AnalysisError('COLUMN_NOT_FOUND', `The partition column \`${name}\` is not among the columns [${fields.map((f) => `\`${f.name}\``).join(', ')}].`)
    return i
  })
  const dataIndexes = fields.map((_, i) => i).filter((i) => !partitionIndexes.includes(i))
  if (dataIndexes.length === 0 && partitionIndexes.length > 0) {
    throw new AnalysisError('ALL_PARTITION_COLUMNS_NOT_ALLOWED', 'Cannot use all columns for partition columns.')
  }
  const dataSchema = StructType(dataIndexes.map((i) => fields[i]!))
  const fileOptions = { ...options.options, [SKIP_FILE_STATISTICS]: 'true' }
  const jobId = options.jobId ?? randomUUID()
  const maxRecords = options.maxRecordsPerFile ?? maxRecordsPerFileOption(options.options) ?? 0
  const partitions = new Map<string, PartitionFiles>()
  const placed: PlacedFile[] = []

  const formatters = partitionIndexes.map((i) => partitionValueFormatter(fields[i]!.dataType, options.timeZone))

  const partitionOf = (key: string, parts: readonly (string | null)[]): PartitionFiles => {
    let partition = partitions.get(key)
    if (!partition) {
      const values: Record<string, string | null> = {}
      partitionIndexes.forEach((i, n) => { values[fields[i]!.name] = parts[n]! })
      const subdir = partitionIndexes.map((i) => {
        const name = fields[i]!.name
        return `${escapePathName(name)}=${escapePathName(values[name] ?? HIVE_DEFAULT_PARTITION)}`
      }).join('/')
      partition = { subdir, values, part: partitions.size, counter: 0 }
      partitions.set(key, partition)
    }
    return partition
  }

  const openFile = async (partition: PartitionFiles): Promise<OpenFile> => {
    const fileName = `part-${String(partition.part).padStart(5, '0')}-${jobId}.c${String(partition.counter++).padStart(3, '0')}${format.extension}`
    const relativePath = partition.subdir === '' ? fileName : `${partition.subdir}/${fileName}`
    const target = join(folder, relativePath)
    await mkdir(dirname(target), { recursive: true })
    const temporary = join(dirname(target), `.${fileName}.${randomUUID()}.tmp`)
    return { writer: openFileWriter(format, temporary, dataSchema, fileOptions), temporary, target, relativePath }
  }

  const closeFile = async (partition: PartitionFiles): Promise<void> => {
    const file = partition.open
    if (!file) return
    partition.open = undefined
    try {
      const written = await file.writer.close()
      await rename(file.temporary, file.target)
      // The writer's own stat of its file: the size and time a file sink's manifest lists (nobody else reads the file for them).
      const info = await stat(file.target)
      placed.push({
        ...written, path: file.target, size: info.size, modificationTime: Math.floor(info.mtimeMs), relativePath: file.relativePath, partitionValues: partition.values,
      })
    } catch (error) {
      await rm(file.temporary, { force: true })
      throw error
    }
  }

  const writeTo = async (partition: PartitionFiles, rows: readonly Row[]): Promise<void> => {
    let start = 0
    while (start < rows.length) {
      if (!partition.open) {
        throwIfAborted(options.signal)
        partition.open = await openFile(partition)
      }
      const room = maxRecords > 0 ? maxRecords - partition.open.writer.numRows : rows.length - start
      const end = Math.min(rows.length, start + room)
      await partition.open.writer.write(start === 0 && end === rows.length ? rows : rows.slice(start, end))
      start = end
      if (maxRecords > 0 && partition.open.writer.numRows >= maxRecords) await closeFile(partition)
    }
  }

  return {
    async write(rows) {
      if (rows.length === 0) return
      if (partitionIndexes.length === 0) {
        await writeTo(partitionOf('', []), rows)
        return
      }
      const batches = new Map<PartitionFiles, Row[]>()
      for (const row of rows) {
        const parts = partitionIndexes.map((i, n) => formatters[n]!(row[i]))
        // Length-prefixed, so no value can pass for another combination (cheaper than escaping on the per-row path).
        const partition = partitionOf(parts.map((part) => (part === null ? '-' : `${part.length}:${part}`)).join('/'), parts)
        let batch = batches.get(partition)
        if (!batch) batches.set(partition, (batch = []))
        batch.push(dataIndexes.map((i) => row[i]))
      }
      for (const [partition, batch] of batches) await writeTo(partition, batch)
    },
    async close(closeOptions = {}) {
      if (closeOptions.writeEmptyFile && partitions.size === 0 && partitionIndexes.length === 0) {
        const partition = partitionOf('', [])
        partition.open = await openFile(partition)
      }
      for (const partition of partitions.values()) await closeFile(partition)
      return placed
    },
    async abort() {
      for (const partition of partitions.values()) {
        const open = partition.open
        partition.open = undefined
        // Writers buffer in memory and hold no file open: removing the temporary file is enough.
        if (open) await rm(open.temporary, { force: true })
      }
      await Promise.all(placed.map((file) => rm(file.path, { force: true })))
    },
  }
}

/** Spark's `maxRecordsPerFile` write option (keys may come lower-cased), when set. */
export function maxRecordsPerFileOption(options: Readonly<Record<string, string>>): number | undefined {
  const value = options['maxrecordsperfile'] ?? options['maxRecordsPerFile']
  if (value === undefined) return undefined
  const records = Number(value)
  if (!Number.isInteger(records)) throw new AnalysisError('INVALID_OPTION_VALUE', `The value '${value}' of the option maxRecordsPerFile is not an integer.`, { option: 'maxRecordsPerFile', value })
  return records
}

/** Writes rows as data files under `folder` (see `openDataFilesWriter`), an empty file when there is no row and no partition column. */
export async function writeDataFiles(folder: string, options: WriteFilesOptions): Promise<PlacedFile[]> {
  const writer = openDataFilesWriter(folder, options)
  try {
    await writer.write(options.rows)
    return await writer.close({ writeEmptyFile: true })
  } catch (error) {
    await writer.abort()
    throw error
  }
}

/** True when `path` exists and holds anything but hidden files. */
export async function pathHasData(path: string): Promise<boolean> {
  try {
    const info = await stat(path)
    if (!info.isDirectory()) return true
    return (await readdir(path)).some((name) => !name.startsWith('.') && !name.startsWith('_'))
  } catch {
    return false
  }
}

/** Writes `_SUCCESS`, as Spark's committer does. */
export async function markSuccess(folder: string): Promise<void> {
  await writeFile(join(folder, '_SUCCESS'), '')
}
