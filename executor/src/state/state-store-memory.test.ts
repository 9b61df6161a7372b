import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { HDFSBackedStateStoreProvider } from './hdfs-backed-state-store-provider.js'

const KEYS = 1_000_000

describe('HDFSBackedStateStoreProvider memory', () => {
  it('should hold 1M distinct keys with a bigint count each in a bounded number of bytes per key', () => {
    const checkpointRoot = mkdtempSync(path.join(tmpdir(), 'sluice-state-1m-'))
    try {
      const provider = new HDFSBackedStateStoreProvider({ checkpointRoot, operatorId: 0, partitionId: 0 })
      const heapBefore = process.memoryUsage().heapUsed
      const store = provider.getStore(0)
      const started = performance.now()
      for (let i = 0; i < KEYS; i++) store.put(`key-${i}`, BigInt(i))
      const putMs = performance.now() - started
      const heapAfterPuts = process.memoryUsage().heapUsed
      const commitStarted = performance.now()
      store.commit()
      const commitMs = performance.now() - commitStarted
      const measuredBytesPerKey = (heapAfterPuts - heapBefore) / KEYS
      const estimatedBytesPerKey = store.metrics.memoryUsedBytes / KEYS
      const deltaBytes = statSync(path.join(provider.folder, '1.delta')).size
      const loadStarted = performance.now()
      const reloaded = new HDFSBackedStateStoreProvider(provider.id).getReadStore(1)
      const loadMs = performance.now() - loadStarted
      console.log(
        `state store, ${KEYS} keys: heap ${measuredBytesPerKey.toFixed(0)} B/key measured, ${estimatedBytesPerKey.toFixed(0)} B/key estimated (memoryUsedBytes), ` +
          `delta file ${(deltaBytes / KEYS).toFixed(1)} B/key; put ${putMs.toFixed(0)} ms, commit ${commitMs.toFixed(0)} ms, reload ${loadMs.toFixed(0)} ms`,
      )
      expect(reloaded.metrics.numKeys).toBe(KEYS)
      expect(reloaded.get('key-999999')).toBe(999999n)
      // Keys "key-N" (11 chars) + bigint values: expected around 100-200 B/key in a V8 Map.
      expect(measuredBytesPerKey).toBeLessThan(400)
      expect(estimatedBytesPerKey).toBeGreaterThan(50)
      expect(estimatedBytesPerKey).toBeLessThan(400)
    } finally {
      rmSync(checkpointRoot, { recursive: true, force: true })
    }
  }, 120_000)
})
