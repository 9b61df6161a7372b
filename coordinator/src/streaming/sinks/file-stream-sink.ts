import { mkdir, readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { randomUUID } from 'node:crypto'
import { ExecutionError, type Row, type SinkWriteSpec, type StructType } from '@sluice/shared'
import { LocalCheckpointStore } from '../../checkpoint/index.js'
import { writeDataFiles } from '@sluice/storage'
import type { OutputMode, SinkWriteResult, StreamingSink } from './streaming-sink.js'
import { deleteSupersededFiles } from './delete-superseded-files.js'
import { DEFAULT_LOG_CLEANUP_POLICY, deleteExpiredLogFiles, type LogCleanupPolicy } from '../file-source/expired-log-cleanup.js'

/** One `_spark_metadata` entry (Spark's SinkFileStatus). */
interface SinkFileStatus {
  path: string
  size: number
  isDir: boolean
  modificationTime: number
  blockReplication: number
  blockSize: number
  action: 'add' | 'delete'
}

/**
 * Spark's FileStreamSink: each batch's files are written under the output folder,
 * then listed in `_spark_metadata/N` (created only if absent). Readers that honour
 * the manifest never see files of an uncommitted batch; a replayed batch whose id
 * is already in the manifest is skipped. Every `compactInterval` batches the log is
 * compacted into `N.compact` (all entries so far), as Spark does; after each batch,
 * files a retained compaction covers are deleted once older than
 * `spark.sql.streaming.fileSink.log.cleanupDelay` (see expired-log-cleanup.ts).
 */
export class FileStreamSink implements StreamingSink {
  readonly description: string
  readonly #path: string
  readonly #metadataDir: string

  constructor(
    path: string,
    private readonly format: string,
    private readonly partitionBy: readonly string[],
    private readonly options: Readonly<Record<string, string>>,
    private readonly timeZone: string,
    private readonly compactInterval = 10,
    private readonly logCleanup: LogCleanupPolicy = DEFAULT_LOG_CLEANUP_POLICY,
  ) {
    this.#path = resolve(path)
    this.#metadataDir = join(this.#path, '_spark_metadata')
    this.description = `FileSink[${path}]`
  }

  async addBatch(batchId: number, schema: StructType, rows: readonly Row[], _mode: OutputMode): Promise<void> {
    if (await this.isCommitted(batchId)) return
    const placed = rows.length === 0 ? [] : await writeDataFiles(this.#path, {
      format: this.format, schema, rows, partitionBy: this.partitionBy, options: this.options, timeZone: this.timeZone, jobId: randomUUID(),
    })
    await this.commitFiles(batchId, { files: placed })
  }

  async executorWrite(batchId: number): Promise<SinkWriteSpec | undefined> {
    if (await this.isCommitted(batchId)) return undefined
    return { format: this.format, path: this.#path, partitionBy: this.partitionBy, options: this.options, timeZone: this.timeZone, jobId: randomUUID() }
  }

  /**
   * Phase two: lists the batch's files in `_spark_metadata/N` (create-if-absent), then
   * deletes the files of the batch's superseded attempts (see `deleteSupersededFiles`).
   */
  async commitFiles(batchId: number, written: SinkWriteResult): Promise<void> {
    const entries: SinkFileStatus[] = []
    // Sizes and times come from the writers (the tasks' commit messages): the coordinator never reads the files.
    for (const file of written.files ?? []) {
      entries.push({ path: pathToFileURL(file.path).href, size: file.size, isDir: false, modificationTime: file.modificationTime, blockReplication: 1, blockSize: 33554432, action: 'add' })
    }
    const compact = (batchId + 1) % this.compactInterval === 0
    const all = compact ? [...(await this.allEntries(batchId)), ...entries] : entries
    const name = compact ? `${batchId}.compact` : String(batchId)
    const text = ['v1', ...all.map((e) => JSON.stringify(e))].join('\n')
    const store = new LocalCheckpointStore(this.#metadataDir, { fsync: false })
    const created = await store.putIfAbsent(name, text)
    if (!created) {
      throw new ExecutionError('CONCURRENT_STREAM_LOG_UPDATE', `Concurrent update to the log ${join(this.#metadataDir, name)}: another query wrote batch ${batchId} of this sink. Multiple streaming jobs detected.`)
    }
    await deleteSupersededFiles(this.#path, written.supersededAttempts)
    await deleteExpiredLogFiles(store, '', batchId, this.compactInterval, this.logCleanup)
  }

  private async isCommitted(batchId: number): Promise<boolean> {
    await mkdir(this.#metadataDir, { recursive: true })
    const latest = await this.latestBatchId()
    return latest !== null && batchId <= latest
  }

  /** The highest batch id in `_spark_metadata`, or null. */
  async latestBatchId(): Promise<number | null> {
    const ids = await this.batchIds()
    return ids.length === 0 ? null : ids[ids.length - 1]!
  }

  private async batchIds(): Promise<number[]> {
    let names: string[]
    try {
      names = await readdir(this.#metadataDir)
    } catch {
      return []
    }
    return names.map((n) => /^(\d+)(\.compact)?$/.exec(n)).flatMap((m) => (m ? [Number(m[1])] : [])).sort((a, b) => a - b)
  }

  /** Entries of every batch before `batchId`, from the latest compact file and the batches after it. */
  private async allEntries(batchId: number): Promise<SinkFileStatus[]> {
    const ids = (await this.batchIds()).filter((id) => id < batchId)
    const lastCompact = [...ids].reverse().find((id) => (id + 1) % this.compactInterval === 0)
    const wanted = ids.filter((id) => lastCompact === undefined || id >= lastCompact)
    const entries: SinkFileStatus[] = []
    for (const id of wanted) {
      const name = id === lastCompact ? `${id}.compact` : String(id)
      const text = await readFile(join(this.#metadataDir, name), 'utf8')
      for (const line of text.split('\n').slice(1)) if (line.trim() !== '') entries.push(JSON.parse(line) as SinkFileStatus)
    }
    return entries
  }
}
