import * as fs from 'node:fs'
import * as path from 'node:path'
import { estimateEntryBytes } from './estimate-size.js'
import { applyStateRecords, StateFileWriter } from './state-file-format.js'
import { deltaFilePath, listStateFiles, snapshotFilePath, writeFileAtomically, type StateFile } from './state-files.js'
import { DEFAULT_STATE_STORE_CONF, type StateStoreConf } from './state-store-conf.js'
import { StateStoreLoadError, StateStoreStateError } from './state-store-error.js'
import type { ReadStateStore, StateStore, StateStoreId, StateStoreMetrics, StateStoreProvider } from './state-store.js'

/** A committed version in memory. NOTE: never mutated once cached; stores copy it. */
interface LoadedVersion {
  readonly map: Map<string, unknown>
  readonly memoryBytes: number
}

/** The folder of a store: `<checkpointRoot>/state/<operatorId>/<partitionId>[/<storeName>]`. */
export function stateStoreFolder(id: StateStoreId): string {
  const parts = [id.checkpointRoot, 'state', String(id.operatorId), String(id.partitionId)]
  if (id.storeName !== undefined && id.storeName !== 'default') parts.push(id.storeName)
  return path.join(...parts)
}

/**
 * Spark's HDFSBackedStateStoreProvider on the local filesystem. Version `v + 1` is
 * `(v+1).delta` (the changes of one batch) and, every so often, `(v+1).snapshot`
 * (the whole map). Loading version `v` starts from the newest cached version or
 * snapshot at or below `v` and replays the deltas after it.
 *
 * - Snapshots: `doMaintenance` writes `<latest>.snapshot` when more than
 *   `minDeltasForSnapshot` deltas follow the last snapshot (Spark's rule: with the
 *   default 10, the first snapshot is `11.snapshot`).
 * - Cleanup: files older than the base needed to rebuild version
 *   `latest - minBatchesToRetain` are deleted.
 * - Cache: the `maxVersionsToRetainInMemory` (2) newest loaded versions.
 *
 * File I/O is synchronous: a store is used by one task at a time and a commit must
 * be durable before the task reports success.
 *
 * @example
 * const provider = new HDFSBackedStateStoreProvider({ checkpointRoot, operatorId: 0, partitionId: 3 })
 * const store = provider.getStore(batchId)      // state after batch batchId-1
 * store.put('key', 1n)
 * store.commit()                                 // writes (batchId+1).delta
 */
export class HDFSBackedStateStoreProvider implements StateStoreProvider {
  readonly folder: string
  private readonly cache = new Map<number, LoadedVersion>()

  constructor(
    readonly id: StateStoreId,
    readonly conf: StateStoreConf = DEFAULT_STATE_STORE_CONF,
  ) {
    this.folder = stateStoreFolder(id)
  }

  getStore(version: number): StateStore {
    const base = this.loadVersion(version)
    return new HDFSBackedStateStore(this, version, new Map(base.map), base.memoryBytes)
  }

  getReadStore(version: number): ReadStateStore {
    return new ReadOnlyStateStore(this.id, version, this.loadVersion(version))
  }

  /** The highest version with a file on disk (0 when none). */
  latestVersion(): number {
    return listStateFiles(this.folder).at(-1)?.version ?? 0
  }

  doMaintenance(): void {
    this.writeSnapshotIfDue()
    this.cleanup()
  }

  close(): void {
    this.cache.clear()
  }

  /** @internal Called by a store's commit: durably writes `newVersion` and caches it. */
  commitVersion(newVersion: number, delta: StateFileWriter, loaded: LoadedVersion): void {
    writeFileAtomically(deltaFilePath(this.folder, newVersion), delta.finish(), this.conf.fsync)
    this.cacheVersion(newVersion, loaded)
    if (this.conf.maintenanceOnCommit) this.doMaintenance()
  }

  private loadVersion(version: number): LoadedVersion {
    if (!Number.isSafeInteger(version) || version < 0) throw new RangeError(`State store version must be a non-negative integer, got ${version}`)
    const cached = this.cache.get(version)
    if (cached !== undefined) return cached
    if (version === 0) return { map: new Map(), memoryBytes: 0 }
    const files = listStateFiles(this.folder)
    let baseVersion = 0
    let base: LoadedVersion = { map: new Map(), memoryBytes: 0 }
    let baseIsShared = false
    for (const [cachedVersion, loaded] of this.cache) {
      if (cachedVersion <= version && cachedVersion > baseVersion) {
        baseVersion = cachedVersion
        base = loaded
        baseIsShared = true
      }
    }
    const snapshot = files.filter((f) => f.isSnapshot && f.version <= version && f.version > baseVersion).at(-1)
    if (snapshot !== undefined) {
      base = readStateFile(snapshot.path, new Map(), 0)
      baseVersion = snapshot.version
      baseIsShared = false
    }
    let map = baseIsShared ? new Map(base.map) : base.map
    let memoryBytes = base.memoryBytes
    for (let next = baseVersion + 1; next <= version; next++) {
      const delta = deltaFilePath(this.folder, next)
      if (!files.some((f: StateFile) => f.path === delta)) {
        throw new StateStoreLoadError(
          'CANNOT_READ_DELTA_FILE_NOT_EXISTS',
          delta,
          `Error reading delta file ${delta} of state store ${describeId(this.id)}: ${delta} does not exist, so version ${version} cannot be rebuilt.`,
        )
      }
      const loaded = readStateFile(delta, map, memoryBytes)
      map = loaded.map
      memoryBytes = loaded.memoryBytes
    }
    const result = { map, memoryBytes }
    this.cacheVersion(version, result)
    return result
  }

  private cacheVersion(version: number, loaded: LoadedVersion): void {
    this.cache.set(version, loaded)
    const versions = [...this.cache.keys()].sort((a, b) => b - a)
    for (const old of versions.slice(this.conf.maxVersionsToRetainInMemory)) this.cache.delete(old)
  }

  private writeSnapshotIfDue(): void {
    const files = listStateFiles(this.folder)
    const latest = files.at(-1)
    if (latest === undefined || latest.isSnapshot) return
    const lastSnapshot = files.filter((f) => f.isSnapshot).at(-1)?.version ?? 0
    const deltasSinceSnapshot = files.filter((f) => !f.isSnapshot && f.version > lastSnapshot).length
    if (deltasSinceSnapshot <= this.conf.minDeltasForSnapshot) return
    const loaded = this.loadVersion(latest.version)
    const writer = new StateFileWriter()
    for (const [key, value] of loaded.map) writer.put(key, value)
    writeFileAtomically(snapshotFilePath(this.folder, latest.version), writer.finish(), this.conf.fsync)
  }

  private cleanup(): void {
    const files = listStateFiles(this.folder)
    const latest = files.at(-1)
    if (latest === undefined) return
    const earliestVersionToRetain = latest.version - this.conf.minBatchesToRetain
    if (earliestVersionToRetain <= 0) return
    // The oldest file needed to rebuild earliestVersionToRetain: its newest snapshot at or below it.
    const baseSnapshot = files.filter((f) => f.isSnapshot && f.version <= earliestVersionToRetain).at(-1)
    if (baseSnapshot === undefined) return
    for (const file of files) {
      if (file.version < baseSnapshot.version) fs.rmSync(file.path, { force: true })
    }
  }
}

function readStateFile(file: string, map: Map<string, unknown>, memoryBytes: number): LoadedVersion {
  let data: Buffer
  try {
    data = fs.readFileSync(file)
  } catch (cause) {
    throw new StateStoreLoadError('CANNOT_READ_STREAMING_STATE_FILE', file, `Error reading streaming state file ${file}: ${(cause as Error).message}.`, cause)
  }
  let bytes = memoryBytes
  applyStateRecords(
    data,
    file,
    (key, value) => {
      const previous = map.get(key)
      if (previous !== undefined || map.has(key)) bytes -= estimateEntryBytes(key, previous)
      map.set(key, value)
      bytes += estimateEntryBytes(key, value)
    },
    (key) => {
      if (!map.has(key)) return
      bytes -= estimateEntryBytes(key, map.get(key))
      map.delete(key)
    },
  )
  return { map, memoryBytes: bytes }
}

function describeId(id: StateStoreId): string {
  return `[operator ${id.operatorId}, partition ${id.partitionId}${id.storeName === undefined ? '' : `, store ${id.storeName}`}]`
}

class HDFSBackedStateStore implements StateStore {
  private state: 'UPDATING' | 'COMMITTED' | 'ABORTED' = 'UPDATING'
  /** Changes in order, encoded as they happen (as Spark streams them to the delta file). */
  private delta = new StateFileWriter()

  constructor(
    private readonly provider: HDFSBackedStateStoreProvider,
    readonly version: number,
    private map: Map<string, unknown>,
    private memoryBytes: number,
  ) {}

  get id(): StateStoreId {
    return this.provider.id
  }

  get hasCommitted(): boolean {
    return this.state === 'COMMITTED'
  }

  get metrics(): StateStoreMetrics {
    return { numKeys: this.map.size, memoryUsedBytes: this.memoryBytes }
  }

  get(key: string): unknown {
    return this.map.get(key)
  }

  iterator(): IterableIterator<[string, unknown]> {
    return this.map.entries()
  }

  put(key: string, value: unknown): void {
    this.verifyUpdating('put')
    const previous = this.map.get(key)
    const sizeBefore = this.map.size
    this.map.set(key, value)
    // Same size after set: the key existed (also when its value was undefined).
    if (this.map.size === sizeBefore) this.memoryBytes -= estimateEntryBytes(key, previous)
    this.memoryBytes += estimateEntryBytes(key, value)
    this.delta.put(key, value)
  }

  remove(key: string): void {
    this.verifyUpdating('remove')
    if (!this.map.has(key)) return
    this.memoryBytes -= estimateEntryBytes(key, this.map.get(key))
    this.map.delete(key)
    this.delta.remove(key)
  }

  commit(): number {
    this.verifyUpdating('commit')
    const newVersion = this.version + 1
    this.provider.commitVersion(newVersion, this.delta, { map: this.map, memoryBytes: this.memoryBytes })
    this.state = 'COMMITTED'
    return newVersion
  }

  abort(): void {
    if (this.state !== 'UPDATING') return
    this.state = 'ABORTED'
    this.map = new Map()
    this.delta = new StateFileWriter()
  }

  private verifyUpdating(operation: string): void {
    if (this.state !== 'UPDATING') {
      throw new StateStoreStateError(`Cannot ${operation} on state store ${describeId(this.id)} version ${this.version}: it is already ${this.state.toLowerCase()}.`)
    }
  }
}

class ReadOnlyStateStore implements ReadStateStore {
  constructor(
    readonly id: StateStoreId,
    readonly version: number,
    private readonly loaded: LoadedVersion,
  ) {}

  get metrics(): StateStoreMetrics {
    return { numKeys: this.loaded.map.size, memoryUsedBytes: this.loaded.memoryBytes }
  }

  get(key: string): unknown {
    return this.loaded.map.get(key)
  }

  iterator(): IterableIterator<[string, unknown]> {
    return this.loaded.map.entries()
  }

  abort(): void {}
}
