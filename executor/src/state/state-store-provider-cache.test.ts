import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { StateStoreProviderCache } from './state-store-provider-cache.js'

describe('StateStoreProviderCache', () => {
  it('should reuse one provider per store folder and drop a query’s providers on unload', () => {
    const rootA = mkdtempSync(path.join(tmpdir(), 'sluice-cache-a-'))
    const rootB = mkdtempSync(path.join(tmpdir(), 'sluice-cache-b-'))
    const cache = new StateStoreProviderCache()
    const a0 = cache.get({ checkpointRoot: rootA, operatorId: 0, partitionId: 0 })
    expect(cache.get({ checkpointRoot: rootA, operatorId: 0, partitionId: 0 })).toBe(a0)
    expect(cache.get({ checkpointRoot: rootA, operatorId: 0, partitionId: 1 })).not.toBe(a0)
    const b0 = cache.get({ checkpointRoot: rootB, operatorId: 0, partitionId: 0 })
    cache.unload(rootA)
    expect(cache.get({ checkpointRoot: rootA, operatorId: 0, partitionId: 0 })).not.toBe(a0)
    expect(cache.get({ checkpointRoot: rootB, operatorId: 0, partitionId: 0 })).toBe(b0)
  })
})
