import { access, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateActivityFiles } from '@sluice/datagen'
import type { BenchContext } from './bench-case.js'

/** Parameters of the generated bench input. */
export interface BenchDataOptions {
  readonly rows: number
  readonly files: number
  readonly seed: number
  /** Root of the cache (default `tmp/bench-data`). */
  readonly cacheRoot?: string
}

/**
 * The course data for the bench: generated once per parameter set under
 * `tmp/bench-data/rows<N>-files<F>-seed<S>/` and reused while its `_SUCCESS`
 * marker exists.
 */
export async function ensureBenchData(options: BenchDataOptions, log: (line: string) => void = () => {}): Promise<BenchContext> {
  const rowsPerFile = Math.ceil(options.rows / options.files)
  const dataDir = join(options.cacheRoot ?? 'tmp/bench-data', `rows${rowsPerFile * options.files}-files${options.files}-seed${options.seed}`)
  const marker = join(dataDir, '_SUCCESS')
  const cached = await access(marker).then(() => true, () => false)
  if (!cached) {
    log(`generating ${rowsPerFile * options.files} rows in ${options.files} files under ${dataDir} ...`)
    await rm(dataDir, { recursive: true, force: true })
    await generateActivityFiles({ outDir: dataDir, files: options.files, rowsPerFile, seed: options.seed })
    await writeFile(marker, '')
  }
  const files = (await readdir(dataDir)).filter((name) => name.endsWith('.json')).sort().map((name) => join(dataDir, name))
  return { dataDir, files, rows: rowsPerFile * options.files }
}
