import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { randomUUID } from 'node:crypto'
import { AnalysisError, type Row, type StructType } from '@sluice/shared'
import { writeDeltaBatch } from '@sluice/storage'
import type { WriteSpec } from './write-spec.js'
import { deltaWriteOptions } from './delta-write-options.js'
import { deltaSessionWrite, type DeltaSessionConf } from './delta-session-conf.js'
import { markSuccess, pathHasData, writeDataFiles } from '@sluice/storage'

/**
 * `df.write.save(path)`: the rows go to files in a hidden staging folder first, and
 * become visible by renames only after every file is complete, so a failed write
 * leaves nothing partial behind. A new or overwritten path appears by one folder
 * rename; an append moves each finished file into place.
 */
export async function saveBatch(spec: WriteSpec, schema: StructType, rows: readonly Row[], timeZone: string, sessionConf?: DeltaSessionConf): Promise<void> {
  const path = resolve(spec.path)
  if (spec.format === 'delta') {
    const options = deltaWriteOptions(spec)
    const session = sessionConf ? deltaSessionWrite(sessionConf, options) : undefined
    await writeDeltaBatch(path, {
      // The writer options win over the session confs (userMetadata, txnAppId / txnVersion).
      rows, schema, mode: spec.mode === 'errorifexists' ? 'error' : spec.mode, partitionBy: spec.partitionBy, timeZone,
      ...session?.options, ...options,
    })
    session?.afterWrite()
    return
  }
  const exists = await pathHasData(path)
  if (exists && (spec.mode === 'error' || spec.mode === 'errorifexists')) {
    throw new AnalysisError('PATH_ALREADY_EXISTS', `Path file:${path} already exists. Set mode as "overwrite" to overwrite the existing path.`, { outputPath: path })
  }
  if (exists && spec.mode === 'ignore') return
  const staging = join(dirname(path), `.${basename(path)}-staging-${randomUUID()}`)
  await mkdir(staging, { recursive: true })
  try {
    const placed = await writeDataFiles(staging, { format: spec.format, schema, rows, partitionBy: spec.partitionBy, options: spec.options, timeZone })
    if (!exists || spec.mode === 'overwrite') {
      await markSuccess(staging)
      await replaceFolder(staging, path)
      return
    }
    for (const file of placed) {
      const target = join(path, file.relativePath)
      await mkdir(dirname(target), { recursive: true })
      await rename(file.path, target)
    }
    await markSuccess(path)
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}

async function replaceFolder(staging: string, path: string): Promise<void> {
  let old: string | undefined
  try {
    await stat(path)
    old = join(dirname(path), `.${basename(path)}-old-${randomUUID()}`)
    await rename(path, old)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await mkdir(dirname(path), { recursive: true })
  await rename(staging, path)
  if (old) await rm(old, { recursive: true, force: true })
}
