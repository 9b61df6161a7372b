import type { CheckpointStore } from '../../checkpoint/checkpoint-store.js'
import { CheckpointError, CheckpointErrorClass } from '../../checkpoint/checkpoint-error.js'
import { corruptLogFile, parseCheckpointJson, parseLogVersion } from '../../checkpoint/log-version.js'
import { DEFAULT_LOG_CLEANUP_POLICY, deleteExpiredLogFiles, type LogCleanupPolicy } from './expired-log-cleanup.js'

/** One file of a file-source batch, as Spark's FileEntry: `{"path":"/a/b/3","timestamp":1480730950000,"batchId":3}`. */
export interface FileStreamSourceEntry {
  readonly path: string
  /** The file's modification time, ms. */
  readonly timestamp: number
  /** The source log batch (the `logOffset`) that took the file. */
  readonly batchId: number
}

/** `spark.sql.streaming.fileSource.log.compactInterval`. */
export const DEFAULT_FILE_SOURCE_LOG_COMPACT_INTERVAL = 10
const FILE_SOURCE_LOG_VERSION = 1
const LOG_FILE_NAME = /^(\d+)(\.compact)?$/

/**
 * Spark's FileStreamSourceLog (a CompactibleFileStreamLog) under `sources/<i>/`:
 * `N` holds `v1` and one JSON line per file taken by source batch N; every
 * `compactInterval`-th batch (`(N + 1) % compactInterval == 0`) is written as
 * `N.compact` holding every file of the log up to N. After each batch, files a
 * retained compaction covers are deleted once older than the cleanup delay
 * (see expired-log-cleanup.ts).
 *
 * NOTE: batches are written once (create-if-absent); `add` returns false when the
 * batch exists.
 */
export class FileStreamSourceLog {
  readonly folder: string

  constructor(
    private readonly store: CheckpointStore,
    sourceIndex: number,
    readonly compactInterval = DEFAULT_FILE_SOURCE_LOG_COMPACT_INTERVAL,
    private readonly cleanup: LogCleanupPolicy = DEFAULT_LOG_CLEANUP_POLICY,
  ) {
    this.folder = `sources/${sourceIndex}`
  }

  isCompactionBatch(batchId: number): boolean {
    return (batchId + 1) % this.compactInterval === 0
  }

  private entryName(batchId: number): string {
    return `${this.folder}/${batchId}${this.isCompactionBatch(batchId) ? '.compact' : ''}`
  }

  /** Batch ids present (a compaction batch counts once), ascending. */
  async listBatchIds(): Promise<number[]> {
    const ids = new Set<number>()
    for (const name of await this.store.list(this.folder)) {
      const match = LOG_FILE_NAME.exec(name)
      if (match !== null) ids.add(Number(match[1]))
    }
    return [...ids].sort((a, b) => a - b)
  }

  async getLatestBatchId(): Promise<number | null> {
    return (await this.listBatchIds()).at(-1) ?? null
  }

  /** Logs the files of source batch `batchId`; false when the batch already exists. */
  async add(batchId: number, files: ReadonlyArray<{ path: string; timestamp: number }>): Promise<boolean> {
    const entries: FileStreamSourceEntry[] = files.map((f) => ({ path: f.path, timestamp: f.timestamp, batchId }))
    let content = entries
    if (this.isCompactionBatch(batchId)) content = [...(batchId > 0 ? await this.allFilesUpTo(batchId - 1) : []), ...entries]
    const written = await this.store.putIfAbsent(this.entryName(batchId), serialize(content))
    if (written) await deleteExpiredLogFiles(this.store, this.folder, batchId, this.compactInterval, this.cleanup)
    return written
  }

  /** The files taken by batch `batchId`, or null when the batch is not in the log. */
  async get(batchId: number): Promise<FileStreamSourceEntry[] | null> {
    const name = this.entryName(batchId)
    const text = await this.store.get(name)
    // Batch files older than the previous compaction are deleted: their entries live on in a later `.compact`.
    if (text === null) return this.fromLaterCompaction(batchId)
    const entries = deserialize(text, this.store.describe(name))
    return this.isCompactionBatch(batchId) ? entries.filter((e) => e.batchId === batchId) : entries
  }

  /** Every file of batches in [startId, endId], in batch order. Throws CHECKPOINT_GAP when a batch is missing. */
  async getRange(startId: number, endId: number): Promise<FileStreamSourceEntry[]> {
    const result: FileStreamSourceEntry[] = []
    for (let id = startId; id <= endId; id++) {
      const entries = await this.get(id)
      if (entries === null) throw missingBatch(this.store.describe(this.entryName(id)), id)
      result.push(...entries)
    }
    return result
  }

  /** Every file in the log (the latest compaction plus the batches after it). */
  async allFiles(): Promise<FileStreamSourceEntry[]> {
    const latest = await this.getLatestBatchId()
    return latest === null ? [] : this.allFilesUpTo(latest)
  }

  private async allFilesUpTo(batchId: number): Promise<FileStreamSourceEntry[]> {
    const ids = (await this.listBatchIds()).filter((id) => id <= batchId)
    const lastCompaction = ids.filter((id) => this.isCompactionBatch(id)).at(-1)
    const result: FileStreamSourceEntry[] = []
    let from = ids[0] ?? 0
    if (lastCompaction !== undefined) {
      const name = this.entryName(lastCompaction)
      const text = await this.store.get(name)
      if (text !== null) result.push(...deserialize(text, this.store.describe(name)))
      from = lastCompaction + 1
    }
    for (let id = from; id <= batchId; id++) {
      const entries = await this.get(id)
      if (entries === null) throw missingBatch(this.store.describe(this.entryName(id)), id)
      result.push(...entries)
    }
    return result
  }

  private async fromLaterCompaction(batchId: number): Promise<FileStreamSourceEntry[] | null> {
    for (const id of await this.listBatchIds()) {
      if (id < batchId || !this.isCompactionBatch(id)) continue
      const name = this.entryName(id)
      const text = await this.store.get(name)
      if (text === null) continue
      const entries = deserialize(text, this.store.describe(name)).filter((e) => e.batchId === batchId)
      // Batches are logged only when they take files, so no entry means no such batch.
      return entries.length > 0 ? entries : null
    }
    return null
  }
}

function serialize(entries: readonly FileStreamSourceEntry[]): string {
  const lines = [`v${FILE_SOURCE_LOG_VERSION}`]
  for (const e of entries) lines.push(JSON.stringify({ path: e.path, timestamp: e.timestamp, batchId: e.batchId }))
  return lines.join('\n')
}

function deserialize(text: string, file: string): FileStreamSourceEntry[] {
  if (text.length === 0) throw corruptLogFile(file, 'the file is empty (incomplete log file)')
  const lines = text.split('\n')
  parseLogVersion(lines[0], FILE_SOURCE_LOG_VERSION, file)
  const entries: FileStreamSourceEntry[] = []
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim()
    if (line === '') continue
    const value = parseCheckpointJson(line, file, 'file entry', i + 1) as Partial<FileStreamSourceEntry> | null
    if (value === null || typeof value.path !== 'string' || typeof value.timestamp !== 'number' || typeof value.batchId !== 'number') {
      throw corruptLogFile(file, `line ${i + 1} is not a file entry {"path","timestamp","batchId"}`)
    }
    entries.push({ path: value.path, timestamp: value.timestamp, batchId: value.batchId })
  }
  return entries
}

function missingBatch(file: string, batchId: number): CheckpointError {
  return new CheckpointError(CheckpointErrorClass.GAP, file, `The file source log has no batch ${batchId}: ${file} is missing.`)
}
