import { mkdir, rename, rm, stat, writeFile, readdir } from 'node:fs/promises'
import { join, dirname } from 'node:path'
import { randomUUID } from 'node:crypto'
import { AnalysisError, StructType, type Row } from '@sluice/shared'
import { getFileFormat } from '../formats/registry.js'
import { SKIP_FILE_STATISTICS } from '../formats/parquet/parquet-writer.js'
import type { WrittenFile } from '../formats/file-format.js'
import { escapePathName, partitionValueString } from './partition-path.js'

export interface WriteFilesOptions {
  readonly format: string
  readonly schema: StructType
  readonly rows: readonly Row[]
  readonly partitionBy: readonly string[]
  readonly options: Readonly<Record<string, string>>
  readonly timeZone: string
  /** Spark's file name prefix part: `part-00000-<uuid>`. */
  readonly jobId?: string
}

/** A data file written into a folder, relative to that folder. */
export interface PlacedFile extends WrittenFile {
  readonly relativePath: string
  readonly partitionValues: Readonly<Record<string, string | null>>
}

/**
 * Writes rows as data files under `folder`, one file per partition (`k=v/` folders,
 * partition columns left out of the files, as Spark does). Files are written under
 * hidden temporary names and renamed, so a reader never sees half a file.
 */
export async function writeDataFiles(folder: string, options: WriteFilesOptions): Promise<PlacedFile[]> {
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
  const groups = new Map<string, { values: Record<string, string | null>; rows: Row[] }>()
  for (const row of options.rows) {
    const parts = partitionIndexes.map((i) => partitionValueString(row[i], fields[i]!.dataType, options.timeZone))
    const key = parts.join('/')
    let group = groups.get(key)
    if (!group) {
      const values: Record<string, string | null> = {}
      partitionIndexes.forEach((i, n) => { values[fields[i]!.name] = row[i] === null ? null : parts[n]! })
      group = { values, rows: [] }
      groups.set(key, group)
    }
    group.rows.push(partitionIndexes.length === 0 ? row : dataIndexes.map((i) => row[i]))
  }
  if (groups.size === 0 && partitionIndexes.length === 0) groups.set('', { values: {}, rows: [] })
  const jobId = options.jobId ?? randomUUID()
  const placed: PlacedFile[] = []
  let fileIndex = 0
  for (const group of groups.values()) {
    const subdir = partitionIndexes.map((i) => {
      const name = fields[i]!.name
      const value = group.values[name]
      return `${escapePathName(name)}=${escapePathName(value ?? '__HIVE_DEFAULT_PARTITION__')}`
    }).join('/')
    const fileName = `part-${String(fileIndex++).padStart(5, '0')}-${jobId}.c000${format.extension}`
    const relativePath = subdir === '' ? fileName : `${subdir}/${fileName}`
    const target = join(folder, relativePath)
    await mkdir(dirname(target), { recursive: true })
    const temporary = join(dirname(target), `.${fileName}.${randomUUID()}.tmp`)
    try {
      const written = await format.write(temporary, dataSchema, group.rows, { ...options.options, [SKIP_FILE_STATISTICS]: 'true' })
      await rename(temporary, target)
      placed.push({ ...written, path: target, relativePath, partitionValues: group.values })
    } catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
  }
  return placed
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
