import { CheckpointError, CheckpointErrorClass } from './checkpoint-error.js'
import type { CheckpointStore } from './checkpoint-store.js'

/** How a log turns an entry into a file's text and back. `file` is for error messages. */
export interface BatchLogCodec<T> {
  serialize(entry: T): string
  deserialize(text: string, file: string): T
}

/** Spark's `minBatchesToRetain` default (spark.sql.streaming.minBatchesToRetain). */
export const DEFAULT_MIN_BATCHES_TO_RETAIN = 100

const BATCH_FILE_NAME = /^\d+$/

/**
 * A write-once log with one entry per batch id (`<folder>/<batchId>`), Spark's
 * HDFSMetadataLog: the base of the offset and commit logs.
 *
 * NOTE: entries are immutable; `add` on an existing id returns false and leaves it
 * unchanged, which is how a second writer of the same batch is detected.
 */
export class BatchLog<T> {
  /** After one listing purge: every id below this is gone, and the highest id this instance wrote. */
  #purgedBelow: number | undefined
  #latestWritten: number | undefined

  constructor(
    protected readonly store: CheckpointStore,
    /** Folder inside the checkpoint, e.g. `offsets`. */
    readonly folder: string,
    private readonly codec: BatchLogCodec<T>,
  ) {}

  /** Entry name of a batch, e.g. `offsets/3`. */
  entryName(batchId: number): string {
    return `${this.folder}/${batchId}`
  }

  /** The batch's file as users see it (a path for a local store), for messages. */
  describeEntry(batchId: number): string {
    return this.store.describe(this.entryName(batchId))
  }

  /** Writes batch `batchId` unless it exists; true when this call wrote it. */
  async add(batchId: number, entry: T): Promise<boolean> {
    if (!Number.isSafeInteger(batchId) || batchId < 0) throw new RangeError(`Batch id must be a non-negative integer, got ${batchId}`)
    const written = await this.store.putIfAbsent(this.entryName(batchId), this.codec.serialize(entry))
    if (written) this.#latestWritten = Math.max(this.#latestWritten ?? batchId, batchId)
    return written
  }

  /** The entry of `batchId`, or null when absent. Throws a CheckpointError when it cannot be read. */
  async get(batchId: number): Promise<T | null> {
    const name = this.entryName(batchId)
    const text = await this.store.get(name)
    return text === null ? null : this.codec.deserialize(text, this.store.describe(name))
  }

  /** Batch ids present, ascending (files whose names are not batch ids are ignored, as Spark does). */
  async listBatchIds(): Promise<number[]> {
    const names = await this.store.list(this.folder)
    return names.filter((n) => BATCH_FILE_NAME.test(n)).map(Number).sort((a, b) => a - b)
  }

  /** The entry with the highest batch id, or null for an empty log. */
  async getLatest(): Promise<{ batchId: number; entry: T } | null> {
    const ids = await this.listBatchIds()
    const latest = ids.at(-1)
    if (latest === undefined) return null
    const entry = await this.get(latest)
    if (entry === null) return null
    return { batchId: latest, entry }
  }

  /**
   * Reads every entry and checks that the ids are contiguous (purging removes only
   * a prefix, so the first id may be above 0). Reads only; throws CHECKPOINT_GAP,
   * CHECKPOINT_CORRUPT or CHECKPOINT_UNSUPPORTED_VERSION naming the file.
   */
  async validate(): Promise<number[]> {
    const ids = await this.listBatchIds()
    for (let i = 1; i < ids.length; i++) {
      if (ids[i] !== ids[i - 1]! + 1) {
        const missing = this.store.describe(this.entryName(ids[i - 1]! + 1))
        throw new CheckpointError(
          CheckpointErrorClass.GAP,
          missing,
          `The log ${this.store.describe(this.folder)} has a gap: batches ${ids[i - 1]} and ${ids[i]} exist but ${missing} is missing. ` +
            `The checkpoint was modified by hand or partially deleted.`,
        )
      }
    }
    for (const id of ids) await this.get(id)
    return ids
  }

  /** Deletes every entry with a batch id below `thresholdBatchId` (Spark's `purge`). */
  async purgeBefore(thresholdBatchId: number, ids?: readonly number[]): Promise<void> {
    for (const id of ids ?? await this.listBatchIds()) {
      if (id < thresholdBatchId) await this.store.delete(this.entryName(id))
    }
  }

  /**
   * Keeps the latest `minBatchesToRetain` entries and deletes older ones. The first call
   * lists the log; later ones, once this instance has written the latest entry, delete
   * the ids that fell out of the window without listing (a micro-batch's fixed cost).
   */
  async purge(minBatchesToRetain = DEFAULT_MIN_BATCHES_TO_RETAIN): Promise<void> {
    if (this.#purgedBelow !== undefined && this.#latestWritten !== undefined) {
      const threshold = this.#latestWritten - minBatchesToRetain + 1
      for (let id = this.#purgedBelow; id < threshold; id++) await this.store.delete(this.entryName(id))
      this.#purgedBelow = Math.max(this.#purgedBelow, threshold)
      return
    }
    const ids = await this.listBatchIds()
    const latest = ids.at(-1)
    if (latest === undefined) return
    const threshold = latest - minBatchesToRetain + 1
    await this.purgeBefore(threshold, ids)
    this.#purgedBelow = Math.max(threshold, ids[0] ?? 0)
    this.#latestWritten = Math.max(this.#latestWritten ?? latest, latest)
  }
}
