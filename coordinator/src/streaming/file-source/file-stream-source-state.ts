import * as path from 'node:path'
import { AnalysisError } from '@sluice/shared'
import type { CheckpointStore } from '../../checkpoint/checkpoint-store.js'
import { CheckpointError, CheckpointErrorClass } from '../../checkpoint/checkpoint-error.js'
import { FileStreamSourceCleaner, localPathOf, type CleanSourceMode } from './file-stream-source-cleaner.js'
import type { LogCleanupPolicy } from './expired-log-cleanup.js'
import { FileStreamSourceLog, type FileStreamSourceEntry } from './file-stream-source-log.js'
import { SeenFilesMap } from './seen-files-map.js'

/** One file of a listing, as the caller's file lister reports it. */
export interface FileListingEntry {
  readonly path: string
  readonly size: number
  /** ms since the epoch. */
  readonly modificationTime: number
}

/** The file source options that shape batches (Spark's FileStreamOptions). */
export interface FileStreamSourceOptions {
  readonly maxFilesPerTrigger?: number
  readonly maxBytesPerTrigger?: number
  /** Take the newest files first. */
  readonly latestFirst?: boolean
  /** ms; files older than the newest seen file by more than this are ignored. Default 7 days. */
  readonly maxFileAgeMs?: number
  /** Identify files by name only (not full path) when de-duplicating. */
  readonly fileNameOnly?: boolean
  readonly cleanSource?: CleanSourceMode
  readonly sourceArchiveDir?: string
  /** The source folder, to check that sourceArchiveDir is not inside it. */
  readonly sourcePath?: string
  /** `spark.sql.streaming.fileSource.log.compactInterval`. */
  readonly compactInterval?: number
  /** When the log deletes batch files a compaction covers (Spark's defaults when absent). */
  readonly logCleanup?: LogCleanupPolicy
}

/** Spark's default maxFileAge: 7 days. */
export const DEFAULT_MAX_FILE_AGE_MS = 7 * 24 * 3600 * 1000

/** A file source offset `{"logOffset":N}`. */
export function fileSourceOffsetJson(logOffset: number): string {
  return JSON.stringify({ logOffset })
}

/** Reads `{"logOffset":N}` (or a bare N, as older Spark wrote). */
export function parseFileSourceOffset(offset: string): number {
  let value: unknown
  try {
    value = JSON.parse(offset)
  } catch {
    value = undefined
  }
  const logOffset = typeof value === 'number' ? value : (value as { logOffset?: unknown } | undefined)?.logOffset
  if (typeof logOffset !== 'number' || !Number.isSafeInteger(logOffset)) {
    throw new CheckpointError(CheckpointErrorClass.CORRUPT, 'offsets', `Invalid file source offset ${JSON.stringify(offset)}: expected {"logOffset":N}.`)
  }
  return logOffset
}

/**
 * The file source's admission control and log (Spark's FileStreamSource without
 * the reading): from a listing supplied by the caller it picks the next batch's
 * files, logs them in `sources/<i>/N`, and answers which files a batch covers.
 *
 * Selection, as Spark: files not seen before (and not older than the last purge
 * threshold) sorted by modification time (newest first with latestFirst), then cut
 * by maxFilesPerTrigger or maxBytesPerTrigger (at least one file). maxFileAge is
 * measured from the newest file seen, and ignored when latestFirst is combined with
 * a max-per-trigger option. On restart the seen files are rebuilt from the log.
 *
 * @example
 * const state = await FileStreamSourceState.open(store, 0, { maxFilesPerTrigger: 1 })
 * const end = await state.latestOffset(await listFiles(dir))   // {"logOffset":0} or null
 * const files = await state.filesBetween(start, end)
 */
export class FileStreamSourceState {
  private logOffset: number
  private lastCleanedLogOffset: number | null = null

  private constructor(
    readonly log: FileStreamSourceLog,
    readonly options: FileStreamSourceOptions,
    private readonly seenFiles: SeenFilesMap,
    latestLogOffset: number,
    private readonly cleaner: FileStreamSourceCleaner | null,
  ) {
    this.logOffset = latestLogOffset
  }

  /** Opens source `sourceIndex` of a checkpoint, rebuilding the seen files from its log. Throws AnalysisError for invalid options. */
  static async open(store: CheckpointStore, sourceIndex: number, options: FileStreamSourceOptions = {}): Promise<FileStreamSourceState> {
    validateOptions(options)
    const log = new FileStreamSourceLog(store, sourceIndex, options.compactInterval, options.logCleanup)
    const maxFilesOrBytes = options.maxFilesPerTrigger !== undefined || options.maxBytesPerTrigger !== undefined
    const maxAgeMs = options.latestFirst === true && maxFilesOrBytes ? Number.POSITIVE_INFINITY : (options.maxFileAgeMs ?? DEFAULT_MAX_FILE_AGE_MS)
    const seenFiles = new SeenFilesMap(maxAgeMs, options.fileNameOnly === true)
    for (const entry of await log.allFiles()) seenFiles.add(entry.path, entry.timestamp)
    seenFiles.purge()
    const latest = (await log.getLatestBatchId()) ?? -1
    const mode = options.cleanSource ?? 'off'
    const cleaner = mode === 'off' ? null : new FileStreamSourceCleaner(mode, options.sourceArchiveDir)
    return new FileStreamSourceState(log, options, seenFiles, latest, cleaner)
  }

  /** The latest logged offset `{"logOffset":N}`, or null before the first batch. */
  get currentOffset(): string | null {
    return this.logOffset < 0 ? null : fileSourceOffsetJson(this.logOffset)
  }

  /** Files not yet taken from `listing`, in the order they would be taken, before rate limits. */
  newFiles(listing: readonly FileListingEntry[]): FileListingEntry[] {
    const fresh = listing.filter((f) => this.seenFiles.isNewFile(f.path, f.modificationTime))
    const direction = this.options.latestFirst === true ? -1 : 1
    return fresh.sort((a, b) => direction * (a.modificationTime - b.modificationTime) || a.path.localeCompare(b.path))
  }

  /**
   * Picks the next batch from `listing` and logs it as source batch N+1. Returns the
   * new offset `{"logOffset":N+1}`, or the current offset (null before any batch)
   * when there is no new file.
   */
  async latestOffset(listing: readonly FileListingEntry[]): Promise<string | null> {
    const candidates = this.newFiles(listing)
    const batch = this.applyLimits(candidates)
    if (batch.length === 0) return this.currentOffset
    const next = this.logOffset + 1
    const written = await this.log.add(next, batch.map((f) => ({ path: f.path, timestamp: f.modificationTime })))
    if (!written) {
      throw new CheckpointError(
        CheckpointErrorClass.CONCURRENT_UPDATE,
        `${this.log.folder}/${next}`,
        `Concurrent update to the log. Multiple streaming jobs detected for ${next} in ${this.log.folder}.`,
      )
    }
    for (const f of batch) this.seenFiles.add(f.path, f.modificationTime)
    this.seenFiles.purge()
    this.logOffset = next
    return fileSourceOffsetJson(next)
  }

  /** The files of source batches in (start, end], in log order. */
  async filesBetween(start: string | null, end: string): Promise<FileStreamSourceEntry[]> {
    const startId = start === null ? -1 : parseFileSourceOffset(start)
    const endId = parseFileSourceOffset(end)
    if (endId <= startId) return []
    return this.log.getRange(startId + 1, endId)
  }

  /**
   * The batch up to `end` is committed: with cleanSource, archive or delete the files
   * of the source batches committed since the last call (after a restart: of `end` only, as Spark).
   */
  async commit(end: string): Promise<void> {
    const endId = parseFileSourceOffset(end)
    if (this.cleaner === null) return
    const fromId = this.lastCleanedLogOffset === null ? endId : this.lastCleanedLogOffset + 1
    if (fromId <= endId) {
      const files = await this.log.getRange(fromId, endId)
      await this.cleaner.clean(files.map((f) => f.path))
    }
    this.lastCleanedLogOffset = Math.max(this.lastCleanedLogOffset ?? -1, endId)
  }

  private applyLimits(files: FileListingEntry[]): FileListingEntry[] {
    const { maxFilesPerTrigger, maxBytesPerTrigger } = this.options
    if (maxFilesPerTrigger !== undefined) return files.slice(0, maxFilesPerTrigger)
    if (maxBytesPerTrigger !== undefined) {
      let total = 0
      let count = 0
      for (const f of files) {
        if (count > 0 && total + f.size > maxBytesPerTrigger) break
        total += f.size
        count++
      }
      return files.slice(0, count)
    }
    return files
  }
}

function validateOptions(options: FileStreamSourceOptions): void {
  const positive = (name: string, value: number | undefined): void => {
    if (value !== undefined && (!Number.isSafeInteger(value) || value <= 0)) {
      throw new AnalysisError('INVALID_STREAMING_SOURCE_OPTION', `Invalid value '${value}' for option '${name}', must be a positive integer`, { option: name })
    }
  }
  positive('maxFilesPerTrigger', options.maxFilesPerTrigger)
  positive('maxBytesPerTrigger', options.maxBytesPerTrigger)
  if (options.maxFilesPerTrigger !== undefined && options.maxBytesPerTrigger !== undefined) {
    throw new AnalysisError(
      'INVALID_STREAMING_SOURCE_OPTION',
      "Options 'maxFilesPerTrigger' and 'maxBytesPerTrigger' can't be both set at the same time",
    )
  }
  if (options.cleanSource === 'archive') {
    if (options.sourceArchiveDir === undefined || options.sourceArchiveDir === '') {
      throw new AnalysisError('INVALID_STREAMING_SOURCE_OPTION', "Archive mode must be used with 'sourceArchiveDir' option.")
    }
    if (options.sourcePath !== undefined) {
      const source = path.resolve(localPathOf(options.sourcePath))
      const archive = path.resolve(localPathOf(options.sourceArchiveDir))
      if (archive === source || archive.startsWith(source + path.sep)) {
        throw new AnalysisError(
          'INVALID_STREAMING_SOURCE_OPTION',
          `The source archive directory '${archive}' is inside the source path '${source}': archived files would be read again. Use a folder outside it.`,
        )
      }
    }
  }
}
