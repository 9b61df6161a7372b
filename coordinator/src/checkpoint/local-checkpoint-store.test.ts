import { mkdtempSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { promises as fsPromises } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { LocalCheckpointStore } from './local-checkpoint-store.js'

const tempRoot = (): string => mkdtempSync(path.join(tmpdir(), 'sluice-ckpt-'))

describe('LocalCheckpointStore', () => {
  it('should create an entry once and never overwrite it', async () => {
    const root = tempRoot()
    const store = new LocalCheckpointStore(root)
    expect(await store.putIfAbsent('offsets/0', 'first')).toBe(true)
    expect(await store.putIfAbsent('offsets/0', 'second')).toBe(false)
    expect(await store.get('offsets/0')).toBe('first')
    expect(readdirSync(path.join(root, 'offsets'))).toEqual(['0'])
  })

  it('should give exactly one winner to concurrent writers of one entry', async () => {
    const store = new LocalCheckpointStore(tempRoot())
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.putIfAbsent('commits/3', `writer ${i}`)))
    expect(results.filter(Boolean)).toHaveLength(1)
    const winner = results.indexOf(true)
    expect(await store.get('commits/3')).toBe(`writer ${winner}`)
  })

  it('should ignore a partially written temp file left by a crash', async () => {
    const root = tempRoot()
    mkdirSync(path.join(root, 'offsets'))
    writeFileSync(path.join(root, 'offsets', '.1.0f3c.tmp'), 'v1\n{"batchWat')
    const store = new LocalCheckpointStore(root)
    expect(await store.list('offsets')).toEqual([])
    expect(await store.putIfAbsent('offsets/1', 'v1')).toBe(true)
    expect((await store.list('offsets')).sort()).toEqual(['1'])
  })

  it('should return null for a missing entry, [] for a missing folder, and delete idempotently', async () => {
    const store = new LocalCheckpointStore(tempRoot())
    expect(await store.get('metadata')).toBeNull()
    expect(await store.list('sources/0')).toEqual([])
    await store.putIfAbsent('metadata', '{}')
    await store.delete('metadata')
    await store.delete('metadata')
    expect(await store.get('metadata')).toBeNull()
  })

  it('should create once and never overwrite also without fsync', async () => {
    const store = new LocalCheckpointStore(tempRoot(), { fsync: false })
    expect(await store.putIfAbsent('commits/0', 'a')).toBe(true)
    expect(await store.putIfAbsent('commits/0', 'b')).toBe(false)
    expect(await store.get('commits/0')).toBe('a')
  })

  it('should fall back to an exclusive copy where hard links are not supported', async () => {
    const store = new LocalCheckpointStore(tempRoot())
    const noLinks = Object.assign(new Error('operation not permitted'), { code: 'EPERM' })
    const spy = vi.spyOn(fsPromises, 'link').mockRejectedValue(noLinks)
    try {
      expect(await store.putIfAbsent('offsets/0', 'first')).toBe(true)
      expect(await store.putIfAbsent('offsets/0', 'second')).toBe(false)
      expect(await store.get('offsets/0')).toBe('first')
      expect(await store.list('offsets')).toEqual(['0'])
    } finally {
      spy.mockRestore()
    }
  })

  it('should describe entries as file paths under the root', () => {
    const store = new LocalCheckpointStore('/ckpt/q1')
    expect(store.describe('offsets/7')).toBe(path.join('/ckpt/q1', 'offsets', '7'))
  })
})
