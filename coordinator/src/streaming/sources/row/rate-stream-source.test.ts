import { ManualClock } from '@sluice/shared'
import { describe, expect, it } from 'vitest'
import type { SourceMetadataStore } from './stream-source.js'
import { RateStreamSource, rateValueAtSecond } from './rate-stream-source.js'

class MapStore implements SourceMetadataStore {
  readonly entries = new Map<string, string>()
  async get(name: string) {
    return this.entries.get(name) ?? null
  }
  async putIfAbsent(name: string, content: string) {
    if (this.entries.has(name)) return false
    this.entries.set(name, content)
    return true
  }
}

describe('rateValueAtSecond', () => {
  it("should follow Spark's ramp-up table (rowsPerSecond 10, rampUpTime 4 s)", () => {
    const values = [0, 1, 2, 3, 4, 5, 6].map((s) => rateValueAtSecond(BigInt(s), 10n, 4n))
    expect(values).toEqual([0n, 2n, 6n, 12n, 20n, 30n, 40n])
  })

  it('should grow linearly without ramp-up', () => {
    expect(rateValueAtSecond(7n, 3n, 0n)).toBe(21n)
  })
})

describe('RateStreamSource', () => {
  it('should derive offsets from whole seconds and spread rows over partitions', async () => {
    const clock = new ManualClock(1_000_000)
    const source = await RateStreamSource.create({ rowsPerSecond: 10, numPartitions: 2 }, { clock })
    expect(await source.latestOffset()).toBeNull()
    clock.advance(2_500)
    expect(await source.latestOffset()).toBe('2')
    const partitions = await source.getBatchPartitions(null, '2')
    // 20 values over 2000 ms: 100 ms apart, from the creation time; timestamps in µs.
    expect(partitions[0]).toEqual(Array.from({ length: 10 }, (_, i) => [(1_000_000 + 2 * i * 100) * 1000, BigInt(2 * i)]))
    expect(partitions[1]).toEqual(Array.from({ length: 10 }, (_, i) => [(1_000_000 + (2 * i + 1) * 100) * 1000, BigInt(2 * i + 1)]))
    expect(await source.getBatch(null, '2')).toHaveLength(20)
    expect(await source.getBatch('2', '2')).toEqual([])
    expect(source.description).toBe('RateStreamV2[rowsPerSecond=10, rampUpTimeSeconds=0, numPartitions=2')
  })

  it('should replay the same rows after a restart from the stored creation time', async () => {
    const store = new MapStore()
    const clock = new ManualClock(5_000)
    const first = await RateStreamSource.create({ rowsPerSecond: 3, rampUpTime: '2s' }, { clock, metadata: { store, path: 'sources/0' } })
    expect(store.entries.get('sources/0/0')).toBe('v1\n5000')
    clock.advance(4_000)
    const batch = await first.getBatch('1', '4')
    clock.advance(60_000)
    const restarted = await RateStreamSource.create({ rowsPerSecond: 3, rampUpTime: '2s' }, { clock, metadata: { store, path: 'sources/0' } })
    expect(restarted.creationTimeMs).toBe(5_000)
    expect(await restarted.getBatch('1', '4')).toEqual(batch)
    // Ramp-up 2 s, 3 rows/s: speed +1/s, values at seconds 1..4 are 1, 3, 6, 9.
    expect(batch.map((row) => row[1])).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n])
    expect(batch[0]![0]).toBe(6_000 * 1000)
  })

  it('should round timestamps to the nearest ms and say numPartitions=default when not set', async () => {
    const clock = new ManualClock(0)
    const source = await RateStreamSource.create({ rowsPerSecond: 3 }, { clock })
    // 3 values over 1000 ms: 333.33 ms apart, rounded: 0, 333, 667.
    expect((await source.getBatch(null, '1')).map((row) => row[0])).toEqual([0, 333_000, 667_000])
    expect(source.description).toBe('RateStreamV2[rowsPerSecond=3, rampUpTimeSeconds=0, numPartitions=default')
  })

  it('should refuse invalid options', async () => {
    const clock = new ManualClock(0)
    await expect(RateStreamSource.create({ rowsPerSecond: 0 }, { clock })).rejects.toThrow(/Invalid value '0'. The option 'rowsPerSecond' must be positive/)
    await expect(RateStreamSource.create({ numPartitions: 'x' }, { clock })).rejects.toThrow(/numPartitions/)
    await expect(RateStreamSource.create({ rampUpTime: -1 }, { clock })).rejects.toThrow(/rampUpTime/)
  })
})
