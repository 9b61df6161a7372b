import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Row, SourceSpec } from '@sluice/shared'
import {
  AdmissionLimits, checkStreamStartingVersion, commitTimestamps, deltaChangesSince, differentTableReadByStreamingSource, loadSnapshot, readDeltaFiles, timestampGreaterThanCommit, timestampMillis,
  type DeltaAddFile, type DeltaChangesOptions, type DeltaSnapshot,
} from '@sluice/storage'
import type { OffsetJson } from '../../checkpoint/index.js'
import type { SourceBatchInput, StreamingSourceRuntime } from './streaming-source.js'
import { DEFAULT_MAX_FILES_PER_TRIGGER, parseDeltaSourceOptions, type DeltaSourceOptions } from './delta-source-options.js'

/** Delta's DeltaSourceOffset, as its JSON appears in `offsets/N`. */
interface DeltaSourceOffset {
  readonly sourceVersion: 1
  readonly reservoirId: string
  readonly reservoirVersion: number
  readonly index: number
  readonly isStartingVersion: boolean
}

/** What the source fixes when it starts: its options, the table's latest snapshot (read schema), where to begin. */
interface SourceStart {
  readonly options: DeltaSourceOptions
  readonly snapshot: DeltaSnapshot
  readonly initial: DeltaSourceOffset
}

/**
 * A Delta table as a stream (Delta's DeltaSource): without startingVersion /
 * startingTimestamp, first the files of the table at query start
 * (isStartingVersion), then every later commit's added files in (version, index)
 * order; with one, the commits from that version. Each batch admits files up to
 * maxFilesPerTrigger (1000 by default) and maxBytesPerTrigger (soft: at least one
 * file). Commits that remove data fail the stream unless ignoreDeletes,
 * ignoreChanges or skipChangeCommits allow them; a schema change the stream's
 * schema (the table's at query start) cannot read fails it too. A replay of
 * (start, end] reads the same files. Under Trigger.AvailableNow the table's
 * version when the run starts is the last one read; later commits wait for the
 * next run.
 */
export class DeltaStreamSource implements StreamingSourceRuntime {
  readonly description: string
  readonly #path: string
  #start: Promise<SourceStart> | undefined
  /** Trigger.AvailableNow: the last table version this run reads (Delta's lastOffsetForTriggerAvailableNow). */
  #availableNowEnd: number | undefined

  constructor(private readonly source: SourceSpec, private readonly timeZone = 'UTC') {
    this.#path = resolve(source.paths[0] ?? '')
    this.description = `DeltaSource[${pathToFileURL(this.#path).href}]`
  }

  async latestOffset(start: OffsetJson | null): Promise<OffsetJson | null> {
    const { options, initial } = await this.started()
    const from = start === null ? initial : await this.offset(start)
    if (from.isStartingVersion) {
      const snapshotFiles = await this.startingFiles(from.reservoirVersion)
      const { maxFiles, maxBytes } = this.limits(options)
      const limits = new AdmissionLimits(maxFiles, maxBytes)
      let last = from.index
      while (last + 1 < snapshotFiles.length && limits.admit(snapshotFiles[last + 1]!.size)) last++
      if (last > from.index) return JSON.stringify({ ...from, index: last })
    }
    const changes = await deltaChangesSince(this.#path, from.isStartingVersion ? from.reservoirVersion + 1 : from.reservoirVersion, from.isStartingVersion ? -1 : from.index, {
      ...await this.changeOptions(), ...this.limits(options), ...(this.#availableNowEnd !== undefined ? { endVersion: this.#availableNowEnd } : {}),
    })
    const last = changes.at(-1)
    if (last === undefined) return start ?? (from.index >= 0 ? JSON.stringify(from) : null)
    return JSON.stringify({ ...from, reservoirVersion: last.version, index: last.index, isStartingVersion: false })
  }

  async getBatch(start: OffsetJson | null, end: OffsetJson): Promise<SourceBatchInput> {
    const { snapshot, initial } = await this.started()
    const to = await this.offset(end)
    const from = start !== null ? await this.offset(start)
      : to.isStartingVersion || initial.isStartingVersion ? { ...to, reservoirVersion: to.isStartingVersion ? to.reservoirVersion : initial.reservoirVersion, index: -1, isStartingVersion: true }
        : initial
    const files: DeltaAddFile[] = []
    if (from.isStartingVersion) {
      const snapshotFiles = await this.startingFiles(from.reservoirVersion)
      const upTo = to.isStartingVersion ? to.index : snapshotFiles.length - 1
      files.push(...snapshotFiles.slice(from.index + 1, upTo + 1))
    }
    if (!to.isStartingVersion) {
      const changes = await deltaChangesSince(this.#path, from.isStartingVersion ? from.reservoirVersion + 1 : from.reservoirVersion, from.isStartingVersion ? -1 : from.index, {
        ...await this.changeOptions(), endVersion: to.reservoirVersion,
      })
      files.push(...changes.filter((c) => c.version < to.reservoirVersion || c.index <= to.index).map((c) => c.add))
    }
    const rows: Row[] = []
    for await (const batch of readDeltaFiles(this.#path, snapshot.schema, snapshot.partitionColumns, files)) rows.push(...batch)
    return { kind: 'rows', rows }
  }

  /**
   * Delta's `prepareForTriggerAvailableNow`: the end of this run is fixed when it
   * starts, at the table's latest version then; batches still honour the rate limits.
   */
  async prepareForAvailableNow(): Promise<void> {
    await this.started()
    this.#availableNowEnd = (await loadSnapshot(this.#path)).version
  }

  async commit(): Promise<void> {}
  async stop(): Promise<void> {}

  /** Options, read schema and starting offset, fixed once per query run (Delta's `getStartingVersion` is lazy too). */
  private started(): Promise<SourceStart> {
    this.#start ??= (async () => {
      const options = parseDeltaSourceOptions(this.source.options)
      const snapshot = await loadSnapshot(this.#path)
      const offset = (reservoirVersion: number, isStartingVersion: boolean): DeltaSourceOffset =>
        ({ sourceVersion: 1, reservoirId: snapshot.metadata.id, reservoirVersion, index: -1, isStartingVersion })
      if (options.startingVersion === 'latest') return { options, snapshot, initial: offset(snapshot.version + 1, false) }
      if (options.startingVersion !== undefined) {
        await checkStreamStartingVersion(this.#path, options.startingVersion)
        return { options, snapshot, initial: offset(options.startingVersion, false) }
      }
      if (options.startingTimestamp !== undefined) {
        return { options, snapshot, initial: offset(await this.versionAtOrAfter(options.startingTimestamp, snapshot.version), false) }
      }
      return { options, snapshot, initial: offset(snapshot.version, true) }
    })()
    return this.#start
  }

  /**
   * Delta's `getStartingVersionFromTimestamp`: the first commit at or after the
   * timestamp (text read in the session time zone); one after the last commit fails.
   */
  private async versionAtOrAfter(timestamp: string, latest: number): Promise<number> {
    const wanted = timestampMillis(timestamp, this.timeZone)
    const times = await commitTimestamps(this.#path, Array.from({ length: latest + 1 }, (_, v) => v))
    for (const [version, time] of times) if (time >= wanted) return version
    throw timestampGreaterThanCommit(wanted, times.get(latest)!, this.timeZone)
  }

  /**
   * An offset of the checkpoint, as Delta's `DeltaSourceOffset(tableId, offset)`: one
   * naming another table id (the table was deleted and re-created) fails the stream.
   */
  private async offset(json: OffsetJson): Promise<DeltaSourceOffset> {
    const offset = JSON.parse(json) as DeltaSourceOffset
    const tableId = (await this.started()).snapshot.metadata.id
    if (offset.reservoirId !== tableId) throw differentTableReadByStreamingSource(tableId, offset.reservoirId)
    return offset
  }

  /** Delta's AdmissionLimits: maxFilesPerTrigger defaults to 1000 only when maxBytesPerTrigger is not set either. */
  private limits(options: DeltaSourceOptions): { maxFiles: number; maxBytes: number } {
    const maxFiles = options.maxFilesPerTrigger ?? (options.maxBytesPerTrigger === undefined ? DEFAULT_MAX_FILES_PER_TRIGGER : Infinity)
    return { maxFiles, maxBytes: options.maxBytesPerTrigger ?? Infinity }
  }

  private async changeOptions(): Promise<DeltaChangesOptions> {
    const { options, snapshot } = await this.started()
    return {
      ignoreDeletes: options.ignoreDeletes,
      ignoreChanges: options.ignoreChanges,
      skipChangeCommits: options.skipChangeCommits,
      readSchema: snapshot.schema,
      failOnDataLoss: options.failOnDataLoss,
      startingOption: options.startingVersion !== undefined || options.startingTimestamp !== undefined,
    }
  }

  private async startingFiles(version: number): Promise<readonly DeltaAddFile[]> {
    return (await loadSnapshot(this.#path, { versionAsOf: version })).files
  }
}
