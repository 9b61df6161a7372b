import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Row, SourceSpec } from '@sluice/shared'
import { deltaChangesSince, loadSnapshot, readDeltaFiles, type DeltaAddFile } from '@sluice/executor'
import type { OffsetJson } from '../../checkpoint/index.js'
import type { SourceBatchInput, StreamingSourceRuntime } from './streaming-source.js'

/** Delta's DeltaSourceOffset, as its JSON appears in `offsets/N`. */
interface DeltaSourceOffset {
  readonly sourceVersion: 1
  readonly reservoirId: string
  readonly reservoirVersion: number
  readonly index: number
  readonly isStartingVersion: boolean
}

const DEFAULT_MAX_FILES = 1000

/**
 * A Delta table as a stream: without `startingVersion`, first the files of the
 * table at query start (isStartingVersion), then every later commit's added files
 * in (version, index) order; at most maxFilesPerTrigger files per batch. A replay
 * of (start, end] reads the same files.
 */
export class DeltaStreamSource implements StreamingSourceRuntime {
  readonly description: string
  readonly #path: string

  constructor(private readonly source: SourceSpec) {
    this.#path = resolve(source.paths[0] ?? '')
    this.description = `DeltaSource[${pathToFileURL(this.#path).href}]`
  }

  private get maxFiles(): number {
    return Number(this.source.options['maxfilespertrigger'] ?? DEFAULT_MAX_FILES)
  }

  async latestOffset(start: OffsetJson | null): Promise<OffsetJson | null> {
    const from = start === null ? await this.initialPosition() : (JSON.parse(start) as DeltaSourceOffset)
    const snapshotFiles = from.isStartingVersion ? await this.startingFiles(from.reservoirVersion) : []
    if (from.isStartingVersion && from.index + 1 < snapshotFiles.length) {
      const last = Math.min(snapshotFiles.length - 1, from.index + this.maxFiles)
      return JSON.stringify({ ...from, index: last })
    }
    const changes = await deltaChangesSince(this.#path, from.isStartingVersion ? from.reservoirVersion + 1 : from.reservoirVersion, from.isStartingVersion ? -1 : from.index, {
      maxFiles: this.maxFiles, skipChangeCommits: this.source.options['skipchangecommits'] === 'true',
    })
    const last = changes.at(-1)
    if (last === undefined) return start ?? (from.index >= 0 ? JSON.stringify(from) : null)
    return JSON.stringify({ ...from, reservoirVersion: last.version, index: last.index, isStartingVersion: false })
  }

  async getBatch(start: OffsetJson | null, end: OffsetJson): Promise<SourceBatchInput> {
    const to = JSON.parse(end) as DeltaSourceOffset
    const from = start === null ? { ...to, reservoirVersion: to.isStartingVersion ? to.reservoirVersion : await this.firstVersion(), index: -1, isStartingVersion: to.isStartingVersion || this.source.options['startingversion'] === undefined } : (JSON.parse(start) as DeltaSourceOffset)
    const files: DeltaAddFile[] = []
    if (from.isStartingVersion) {
      const snapshotFiles = await this.startingFiles(from.reservoirVersion)
      const upTo = to.isStartingVersion ? to.index : snapshotFiles.length - 1
      files.push(...snapshotFiles.slice(from.index + 1, upTo + 1))
    }
    if (!to.isStartingVersion) {
      const changes = await deltaChangesSince(this.#path, from.isStartingVersion ? from.reservoirVersion + 1 : from.reservoirVersion, from.isStartingVersion ? -1 : from.index, {
        endVersion: to.reservoirVersion, skipChangeCommits: this.source.options['skipchangecommits'] === 'true',
      })
      files.push(...changes.filter((c) => c.version < to.reservoirVersion || c.index <= to.index).map((c) => c.add))
    }
    const snapshot = await loadSnapshot(this.#path, { versionAsOf: to.reservoirVersion })
    const rows: Row[] = []
    for await (const batch of readDeltaFiles(this.#path, snapshot.schema, snapshot.partitionColumns, files)) rows.push(...batch)
    return { kind: 'rows', rows }
  }

  async commit(): Promise<void> {}
  async stop(): Promise<void> {}

  private async initialPosition(): Promise<DeltaSourceOffset> {
    const snapshot = await loadSnapshot(this.#path)
    const starting = this.source.options['startingversion']
    if (starting !== undefined) {
      const version = starting === 'latest' ? snapshot.version + 1 : Number(starting)
      return { sourceVersion: 1, reservoirId: snapshot.metadata.id, reservoirVersion: version, index: -1, isStartingVersion: false }
    }
    return { sourceVersion: 1, reservoirId: snapshot.metadata.id, reservoirVersion: snapshot.version, index: -1, isStartingVersion: true }
  }

  private async firstVersion(): Promise<number> {
    return (await this.initialPosition()).reservoirVersion
  }

  private async startingFiles(version: number): Promise<readonly DeltaAddFile[]> {
    return (await loadSnapshot(this.#path, { versionAsOf: version })).files
  }
}
