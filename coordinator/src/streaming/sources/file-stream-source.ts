import { resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { AnalysisError, parseTimeStringMs, type SourceSpec } from '@sluice/shared'
import { listDataFiles } from '@sluice/storage'
import { LocalCheckpointStore, type OffsetJson } from '../../checkpoint/index.js'
import { FileStreamSourceState, parseFileSourceOffset, fileSourceOffsetJson } from '../file-source/file-stream-source-state.js'
import type { CleanSourceMode } from '../file-source/file-stream-source-cleaner.js'
import type { LogCleanupPolicy } from '../file-source/expired-log-cleanup.js'
import type { SourceBatchInput, StreamingSourceRuntime } from './streaming-source.js'

/**
 * Spark's FileStreamSource, as the micro-batch loop drives it: each trigger lists
 * the folder and lets FileStreamSourceState take the next files (rate limits,
 * latestFirst, maxFileAge, fileNameOnly) into `sources/<i>/N` before the batch's
 * offsets are logged. Offsets are `{"logOffset":N}`; batch (start, end] reads the
 * files of source batches start+1..end, the same files on a replay. Source
 * batches already in the log past the committed offset (a restart, or
 * Trigger.AvailableNow's up-front pass) are taken one per trigger.
 */
export class FileStreamSource implements StreamingSourceRuntime {
  readonly description: string
  #state: FileStreamSourceState | undefined
  #availableNowEnd: number | undefined

  constructor(
    private readonly source: SourceSpec,
    private readonly sourceIndex: number,
    private readonly checkpointLocation: string,
    /** The session's `spark.sql.streaming.fileSource.log.compactInterval` (a `compactInterval` option overrides it). */
    private readonly logCompactInterval?: number,
    /** The session's fileSource.log.deletion / cleanupDelay and minBatchesToRetain. */
    private readonly logCleanup?: LogCleanupPolicy,
  ) {
    const path = source.paths[0]
    if (path === undefined || source.paths.length !== 1) {
      throw new AnalysisError('STREAMING_FILE_SOURCE_PATH', `A streaming ${source.format} source reads exactly one path (a folder), got ${source.paths.length}.`)
    }
    // Spark prints the qualified Hadoop Path (Path.toString): `file:/tmp/in`, not the URI form `file:///tmp/in`.
    this.description = `FileStreamSource[file:${resolve(path)}]`
  }

  private async state(): Promise<FileStreamSourceState> {
    if (this.#state) return this.#state
    const o = this.source.options
    const number = (key: string) => (o[key] === undefined ? undefined : Number(o[key]))
    const maxFilesPerTrigger = number('maxfilespertrigger')
    const compactInterval = number('compactinterval') ?? this.logCompactInterval
    const maxBytesPerTrigger = number('maxbytespertrigger')
    this.#state = await FileStreamSourceState.open(new LocalCheckpointStore(this.checkpointLocation, { fsync: false }), this.sourceIndex, {
      ...(maxFilesPerTrigger !== undefined ? { maxFilesPerTrigger } : {}),
      ...(maxBytesPerTrigger !== undefined ? { maxBytesPerTrigger } : {}),
      latestFirst: o['latestfirst'] === 'true',
      ...(o['maxfileage'] !== undefined ? { maxFileAgeMs: parseTimeStringMs(o['maxfileage']) } : {}),
      fileNameOnly: o['filenameonly'] === 'true',
      cleanSource: (o['cleansource'] ?? 'off').toLowerCase() as CleanSourceMode,
      ...(o['sourcearchivedir'] !== undefined ? { sourceArchiveDir: resolve(o['sourcearchivedir']) } : {}),
      sourcePath: resolve(this.source.paths[0]!),
      ...(compactInterval !== undefined ? { compactInterval } : {}),
      ...(this.logCleanup !== undefined ? { logCleanup: this.logCleanup } : {}),
    })
    return this.#state
  }

  async latestOffset(start: OffsetJson | null): Promise<OffsetJson | null> {
    const state = await this.state()
    const startBatch = start === null ? -1 : parseFileSourceOffset(start)
    const logged = state.currentOffset === null ? -1 : parseFileSourceOffset(state.currentOffset)
    if (logged > startBatch) return fileSourceOffsetJson(startBatch + 1)
    if (this.#availableNowEnd !== undefined) return start
    const listing = await listDataFiles(this.source.paths[0]!, this.source.options)
    const next = await state.latestOffset(listing.map((f) => ({ ...f, path: pathToFileURL(f.path).href })))
    return next ?? start
  }

  async getBatch(start: OffsetJson | null, end: OffsetJson): Promise<SourceBatchInput> {
    const entries = await (await this.state()).filesBetween(start, end)
    return { kind: 'files', files: entries.map((e) => (e.path.startsWith('file:') ? fileURLToPath(e.path) : e.path)) }
  }

  async commit(end: OffsetJson): Promise<void> {
    await (await this.state()).commit(end)
  }

  /** Trigger.AvailableNow: log every file present now (in rate-limited source batches); nothing later is taken. */
  async prepareForAvailableNow(): Promise<void> {
    const state = await this.state()
    const listing = (await listDataFiles(this.source.paths[0]!, this.source.options)).map((f) => ({ ...f, path: pathToFileURL(f.path).href }))
    while (state.newFiles(listing).length > 0) await state.latestOffset(listing)
    this.#availableNowEnd = state.currentOffset === null ? -1 : parseFileSourceOffset(state.currentOffset)
  }

  async stop(): Promise<void> {}
}
