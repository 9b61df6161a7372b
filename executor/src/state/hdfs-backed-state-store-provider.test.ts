import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { HDFSBackedStateStoreProvider, stateStoreFolder } from './hdfs-backed-state-store-provider.js'
import { DEFAULT_STATE_STORE_CONF, type StateStoreConf } from './state-store-conf.js'
import type { StateStoreId } from './state-store.js'

const storeId = (partitionId = 0): StateStoreId => ({
  checkpointRoot: mkdtempSync(path.join(tmpdir(), 'sluice-state-')),
  operatorId: 0,
  partitionId,
})
const conf = (overrides: Partial<StateStoreConf>): StateStoreConf => ({ ...DEFAULT_STATE_STORE_CONF, ...overrides })
const files = (id: StateStoreId): string[] => readdirSync(stateStoreFolder(id)).sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b))

/** Commits one version per entry of `batches`, each a list of [key, value | undefined to remove]. */
function commitBatches(provider: HDFSBackedStateStoreProvider, batches: Array<Array<[string, unknown]>>, fromVersion = 0): number {
  let version = fromVersion
  for (const batch of batches) {
    const store = provider.getStore(version)
    for (const [key, value] of batch) {
      if (value === undefined) store.remove(key)
      else store.put(key, value)
    }
    version = store.commit()
  }
  return version
}

describe('HDFSBackedStateStoreProvider', () => {
  it('should lay files out as state/<operatorId>/<partitionId>/N.delta', () => {
    const id = { ...storeId(), operatorId: 2, partitionId: 7 }
    const provider = new HDFSBackedStateStoreProvider(id)
    expect(commitBatches(provider, [[['a', 1]], [['b', 2]]])).toBe(2)
    expect(existsSync(path.join(id.checkpointRoot, 'state', '2', '7', '1.delta'))).toBe(true)
    expect(existsSync(path.join(id.checkpointRoot, 'state', '2', '7', '2.delta'))).toBe(true)
    const named = new HDFSBackedStateStoreProvider({ ...id, storeName: 'left-keyToNumValues' })
    expect(named.folder).toBe(path.join(id.checkpointRoot, 'state', '2', '7', 'left-keyToNumValues'))
  })

  it('should give every version its own view and recover them after a restart', () => {
    const id = storeId()
    const provider = new HDFSBackedStateStoreProvider(id)
    commitBatches(provider, [
      [['k1', 1n], ['k2', { count: 2n, sum: 3.5 }]],
      [['k1', 5n], ['k3', new Map([['x', [1, 'two', null]]])]],
      [['k2', undefined]],
    ])
    const restarted = new HDFSBackedStateStoreProvider(id)
    const v1 = restarted.getReadStore(1)
    expect([...v1.iterator()].sort()).toEqual([['k1', 1n], ['k2', { count: 2n, sum: 3.5 }]])
    const v3 = restarted.getStore(3)
    expect(v3.get('k1')).toBe(5n)
    expect(v3.get('k2')).toBeUndefined()
    expect(v3.get('k3')).toEqual(new Map([['x', [1, 'two', null]]]))
    expect(v3.metrics.numKeys).toBe(2)
    expect(v3.metrics.memoryUsedBytes).toBe(provider.getReadStore(3).metrics.memoryUsedBytes)
    expect(v3.metrics.memoryUsedBytes).toBeGreaterThan(0)
  })

  it('should store null as a value distinct from absence', () => {
    const provider = new HDFSBackedStateStoreProvider(storeId())
    commitBatches(provider, [[['n', null]]])
    const store = new HDFSBackedStateStoreProvider(provider.id).getStore(1)
    expect(store.get('n')).toBeNull()
    expect(store.get('missing')).toBeUndefined()
  })

  it('should discard updates on abort, keep the base version intact, and be idempotent', () => {
    const id = storeId()
    const provider = new HDFSBackedStateStoreProvider(id)
    commitBatches(provider, [[['a', 1]]])
    const store = provider.getStore(1)
    store.put('a', 100)
    store.put('b', 2)
    store.abort()
    store.abort()
    expect(store.hasCommitted).toBe(false)
    expect(() => store.put('c', 3)).toThrow(/STATE_STORE_INVALID_USE.*already aborted/)
    expect(existsSync(path.join(provider.folder, '2.delta'))).toBe(false)
    const rerun = provider.getStore(1)
    expect([...rerun.iterator()]).toEqual([['a', 1]])
    rerun.put('b', 20)
    expect(rerun.commit()).toBe(2)
    rerun.abort()
    expect(() => rerun.commit()).toThrow(/already committed/)
    expect(new HDFSBackedStateStoreProvider(id).getStore(2).get('b')).toBe(20)
  })

  it('should not let an open store change the version it was opened at', () => {
    const provider = new HDFSBackedStateStoreProvider(storeId())
    commitBatches(provider, [[['a', 1]]])
    const store = provider.getStore(1)
    store.put('a', 2)
    expect(provider.getReadStore(1).get('a')).toBe(1)
    store.commit()
    expect(provider.getReadStore(1).get('a')).toBe(1)
    expect(provider.getReadStore(2).get('a')).toBe(2)
  })

  it('should rewrite a version when a batch is re-run after a crash', () => {
    const id = storeId()
    commitBatches(new HDFSBackedStateStoreProvider(id), [[['a', 1]], [['a', 2]]])
    const restarted = new HDFSBackedStateStoreProvider(id)
    expect(commitBatches(restarted, [[['a', 2]]], 1)).toBe(2)
    expect(new HDFSBackedStateStoreProvider(id).getStore(2).get('a')).toBe(2)
  })

  it('should write a snapshot once more than minDeltasForSnapshot deltas follow the last one, and load from it', () => {
    const id = storeId()
    const provider = new HDFSBackedStateStoreProvider(id)
    const batches = Array.from({ length: 12 }, (_, i): Array<[string, unknown]> => [[`k${i}`, i]])
    commitBatches(provider, batches.slice(0, 10))
    expect(files(id).some((f) => f.endsWith('.snapshot'))).toBe(false)
    commitBatches(provider, batches.slice(10), 10)
    expect(files(id).filter((f) => f.endsWith('.snapshot'))).toEqual(['11.snapshot'])
    // Without deltas 1..11 the snapshot alone must rebuild versions 11 and 12.
    for (let v = 1; v <= 11; v++) rmSync(path.join(provider.folder, `${v}.delta`))
    const restarted = new HDFSBackedStateStoreProvider(id)
    expect(restarted.getStore(12).metrics.numKeys).toBe(12)
    expect(restarted.getStore(11).get('k10')).toBe(10)
    expect(() => restarted.getStore(5)).toThrow(/CANNOT_LOAD_STATE_STORE.CANNOT_READ_DELTA_FILE_NOT_EXISTS/)
  })

  it('should delete files older than needed to rebuild the last minBatchesToRetain versions', () => {
    const id = storeId()
    const provider = new HDFSBackedStateStoreProvider(id, conf({ minDeltasForSnapshot: 2, minBatchesToRetain: 4 }))
    commitBatches(provider, Array.from({ length: 20 }, (_, i): Array<[string, unknown]> => [[`k${i % 5}`, i]]))
    // Snapshots land at 3, 6, 9, ..., 18; earliest version to retain is 16, rebuilt from 15.snapshot.
    expect(files(id)).toEqual(['15.delta', '15.snapshot', '16.delta', '17.delta', '18.delta', '18.snapshot', '19.delta', '20.delta'])
    const restarted = new HDFSBackedStateStoreProvider(id)
    for (let v = 16; v <= 20; v++) expect(restarted.getReadStore(v).get(`k${(v - 1) % 5}`)).toBe(v - 1)
  })

  it('should refuse a truncated delta file naming the file', () => {
    const id = storeId()
    const provider = new HDFSBackedStateStoreProvider(id)
    commitBatches(provider, [[['a', 1]], [['b', 'two'], ['c', 3]]])
    const delta = path.join(provider.folder, '2.delta')
    truncateSync(delta, readFileSync(delta).length - 6)
    const restarted = new HDFSBackedStateStoreProvider(id)
    expect(() => restarted.getStore(2)).toThrow(expect.objectContaining({ errorClass: 'CANNOT_LOAD_STATE_STORE.CANNOT_READ_STREAMING_STATE_FILE', file: delta }))
    expect(() => restarted.getStore(2)).toThrow(/Error reading streaming state file .*2\.delta at byte \d+/)
    expect(restarted.getStore(1).get('a')).toBe(1)
  })

  it('should refuse a delta file with garbage in it', () => {
    const id = storeId()
    const provider = new HDFSBackedStateStoreProvider(id)
    commitBatches(provider, [[['a', 1]]])
    writeFileSync(path.join(provider.folder, '1.delta'), Buffer.from([0, 0, 0, 9, 1, 2]))
    expect(() => new HDFSBackedStateStoreProvider(id).getStore(1)).toThrow(/key size cannot be 9/)
  })

  it('should ignore a temp file left by a crash during a write', () => {
    const id = storeId()
    const provider = new HDFSBackedStateStoreProvider(id)
    commitBatches(provider, [[['a', 1]]])
    writeFileSync(path.join(provider.folder, '.2.delta.1234.tmp'), Buffer.from([0, 0]))
    const restarted = new HDFSBackedStateStoreProvider(id)
    expect(restarted.latestVersion()).toBe(1)
    expect(commitBatches(restarted, [[['b', 2]]], 1)).toBe(2)
    expect(new HDFSBackedStateStoreProvider(id).getStore(2).metrics.numKeys).toBe(2)
  })

  it('should start empty at version 0 and refuse a version that was never written', () => {
    const provider = new HDFSBackedStateStoreProvider(storeId())
    expect(provider.getStore(0).metrics).toEqual({ numKeys: 0, memoryUsedBytes: 0 })
    expect(() => provider.getStore(3)).toThrow(/1\.delta does not exist, so version 3 cannot be rebuilt/)
  })
})
