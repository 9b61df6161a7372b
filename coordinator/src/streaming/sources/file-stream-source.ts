import { mkdir, rename, rm } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { AnalysisError, parseDurationMs, type SourceSpec } from '@sluice/shared'
import { listDataFiles } from '@sluice/executor'
import { LocalCheckpointStore, type OffsetJson } from '../../checkpoint/index.js'
import { FileSourceLog, type FileEntry } from './file-source-log.js'
import type { SourceBatchInput, StreamingSourceRuntime } from './streaming-source.js'

const DEFAULT_MAX_FILE_AGE_MS = 7 * 24 * 3_600_000

/**
 * Spark's FileStreamSource. Each `latestOffset` lists the folder, takes files not
 * seen before (at most maxFilesPerTrigger / maxBytesPerTrigger, oldest first or
 * newest first with latestFirst, skipping files older than maxFileAge relative to
 * the newest seen), and records them as the next source batch in `sources/<i>/N`
 * before the batch's offsets are logged. Offsets are `{"logOffset":N}`; a batch
 * (start, end] reads the files of source batches start+1..end, the same on replay.
 */
export class FileStreamSource implements StreamingSourceRuntime {
  readonly description: string
  readonly #log: FileSourceLog
  readonly #seen = new Map<string, number>()
  #latestBatchId = -1
  #newestTimestamp = 0
  #availableNowEnd: number | undefined
  #loaded = false

  constructor(private readonly source: SourceSpec, sourceIndex: number, checkpointLocation: string) {
    const path = source.paths[0]
    if (path === undefined || source.paths.length !== 1) {
      throw new AnalysisError('STREAMING_FILE_SOURCE_PATH', `A streaming ${source.format} source reads exactly one path (a folder or a glob), got ${source.paths.length}.`)
    }
    this.description = `FileStreamSource[${pathToFileURL(resolve(path)).href}]`
    this.#log = new FileSourceLog(new LocalCheckpointStore(checkpointLocation), `sources/${sourceIndex}`,
      Number(source.options['compactinterval'] ?? 10))
  }

  private async load(): Promise<void> {
    if (this.#loaded) return
    const ids = await this.#log.batchIds()
    this.#latestBatchId = ids.at(-1) ?? -1
    for (const entry of await this.#log.allEntries(this.#latestBatchId)) this.remember(entry.path, entry.timestamp)
    this.#loaded = true
  }

  private key(path: string): string {
    return this.source.options['filenameonly'] === 'true' ? basename(path) : path
  }

  private remember(path: string, timestamp: number): void {
    this.#seen.set(this.key(path), timestamp)
    if (timestamp > this.#newestTimestamp) this.#newestTimestamp = timestamp
  }

  async latestOffset(start: OffsetJson | null): Promise<OffsetJson | null> {
    await this.load()
    const startBatch = start === null ? -1 : logOffsetOf(start)
    if (this.#latestBatchId > startBatch) return offsetJson(startBatch + 1)
    if (this.#availableNowEnd !== undefined && this.#latestBatchId >= this.#availableNowEnd) return start
    const files = await this.newFiles()
    if (files.length === 0) return start
    const batchId = this.#latestBatchId + 1
    const entries: FileEntry[] = files.map((f) => ({ path: pathToFileURL(f.path).href, timestamp: Math.floor(f.modificationTime), batchId }))
    await this.#log.add(batchId, entries)
    for (const e of entries) this.remember(e.path, e.timestamp)
    this.#latestBatchId = batchId
    return offsetJson(batchId)
  }

  private async newFiles(): Promise<{ path: string; size: number; modificationTime: number }[]> {
    const options = this.source.options
    const listed = await listDataFiles(this.source.paths[0]!, options)
    const latestFirst = options['latestfirst'] === 'true'
    const maxFiles = options['maxfilespertrigger'] === undefined ? Infinity : Number(options['maxfilespertrigger'])
    const maxBytes = options['maxbytespertrigger'] === undefined ? Infinity : Number(options['maxbytespertrigger'])
    if (maxFiles !== Infinity && maxBytes !== Infinity) {
      throw new AnalysisError('INVALID_OPTIONS', 'Options maxFilesPerTrigger and maxBytesPerTrigger cannot be set together.')
    }
    const maxAge = options['maxfileage'] === undefined ? DEFAULT_MAX_FILE_AGE_MS : parseDurationMs(options['maxfileage'])
    // Spark ignores maxFileAge when latestFirst and maxFilesPerTrigger are both set.
    const ageLimit = latestFirst && maxFiles !== Infinity ? -Infinity : Math.max(this.#newestTimestamp, ...listed.map((f) => f.modificationTime)) - maxAge
    const fresh = listed
      .filter((f) => !this.#seen.has(this.key(pathToFileURL(f.path).href)) && f.modificationTime >= ageLimit)
      .sort((a, b) => (latestFirst ? b.modificationTime - a.modificationTime : a.modificationTime - b.modificationTime) || a.path.localeCompare(b.path))
    const chosen: typeof fresh = []
    let bytes = 0
    for (const file of fresh) {
      if (chosen.length >= maxFiles) break
      if (chosen.length > 0 && bytes + file.size > maxBytes) break
      chosen.push(file)
      bytes += file.size
    }
    return chosen
  }

  async getBatch(start: OffsetJson | null, end: OffsetJson): Promise<SourceBatchInput> {
    const from = start === null ? 0 : logOffsetOf(start) + 1
    const entries = await this.#log.entries(from, logOffsetOf(end))
    return { kind: 'files', files: entries.map((e) => fileURLToPath(e.path)) }
  }

  async commit(end: OffsetJson): Promise<void> {
    const mode = (this.source.options['cleansource'] ?? 'off').toLowerCase()
    if (mode === 'off') return
    const entries = await this.#log.entries(0, logOffsetOf(end))
    for (const entry of entries) {
      const file = fileURLToPath(entry.path)
      if (mode === 'delete') await rm(file, { force: true })
      else if (mode === 'archive') {
        const archiveDir = this.source.options['sourcearchivedir']
        if (archiveDir === undefined) throw new AnalysisError('INVALID_OPTIONS', "cleanSource 'archive' needs the option sourceArchiveDir.")
        const target = join(resolve(archiveDir), relativeForArchive(file))
        await mkdir(dirname(target), { recursive: true })
        await rename(file, target).catch((error: NodeJS.ErrnoException) => { if (error.code !== 'ENOENT') throw error })
      }
    }
  }

  async prepareForAvailableNow(): Promise<void> {
    await this.load()
    // Take every file present now into the log, honouring the rate limit batch by batch later.
    let current: OffsetJson | null = this.#latestBatchId < 0 ? null : offsetJson(this.#latestBatchId)
    for (;;) {
      const next = await this.latestOffset(current)
      if (next === current) break
      current = next
    }
    this.#availableNowEnd = this.#latestBatchId
  }

  async stop(): Promise<void> {}
}

function relativeForArchive(file: string): string {
  // Spark keeps the full source path below the archive folder.
  const absolute = resolve(file)
  return isAbsolute(absolute) ? relative('/', absolute) : absolute
}

function logOffsetOf(offset: OffsetJson): number {
  const parsed = JSON.parse(offset) as { logOffset?: number } | number
  return typeof parsed === 'number' ? parsed : parsed.logOffset ?? -1
}

const offsetJson = (batchId: number): OffsetJson => JSON.stringify({ logOffset: batchId })
