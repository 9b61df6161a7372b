import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Row } from '@sluice/shared'
import { loadSnapshot } from './delta-snapshot.js'
import { readDeltaTable } from './delta-reader.js'

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..')
const golden = (name: string): string => resolve(repoRoot, '../shared/data/delta-golden', name)

async function readAll(name: string, options: Parameters<typeof readDeltaTable>[1] = {}): Promise<Row[]> {
  const table = await readDeltaTable(golden(name), options)
  const rows: Row[] = []
  for await (const batch of table.rows) rows.push(...batch)
  return rows
}

const sortBy = (rows: Row[], key: (row: Row) => string | number): Row[] => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i)
const days = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000

describe('delta golden tables', () => {
  it('should read snapshot-data0 .. snapshot-data3 with their expected rows', async () => {
    const expected0 = range(10).map((x) => [x, `data-0-${x}`])
    const expected1 = [...expected0, ...range(10).map((x) => [x, `data-1-${x}`])]
    const expected2 = range(10).map((x) => [x, `data-2-${x}`])
    const expected3 = [...expected2, ...range(20).map((x) => [x, `data-3-${x}`])]
    const key = (r: Row): string => `${r[1] as string}`
    expect(sortBy(await readAll('snapshot-data0'), key)).toEqual(sortBy(expected0, key))
    expect(sortBy(await readAll('snapshot-data1'), key)).toEqual(sortBy(expected1, key))
    expect(sortBy(await readAll('snapshot-data2'), key)).toEqual(sortBy(expected2, key))
    expect(sortBy(await readAll('snapshot-data2', { versionAsOf: 1 }), key)).toEqual(sortBy(expected1, key))
    expect(sortBy(await readAll('snapshot-data3'), key)).toEqual(sortBy(expected3, key))
  })

  it('should replay removes so snapshot-data2-deleted reads only the data-3 rows', async () => {
    const key = (r: Row): string => `${r[1] as string}`
    expect(sortBy(await readAll('snapshot-data2-deleted'), key)).toEqual(sortBy(range(20).map((x) => [x, `data-3-${x}`]), key))
    expect((await loadSnapshot(golden('snapshot-data2-deleted'))).version).toBe(4)
  })

  it('should read every primitive type of data-reader-primitives', async () => {
    const rows = sortBy(await readAll('data-reader-primitives'), (r) => (r[0] === null ? -1 : (r[0] as number)))
    expect(rows).toHaveLength(11)
    expect(rows[0]).toEqual(new Array(10).fill(null))
    for (const i of range(10)) {
      expect(rows[i + 1]).toEqual([i, BigInt(i), i, i, i % 2 === 0, i, i, String(i), new Uint8Array([i, i]), BigInt(i)])
    }
  })

  it('should read nested structs of data-reader-nested-struct', async () => {
    const rows = sortBy(await readAll('data-reader-nested-struct'), (r) => r[1] as number)
    expect(rows).toEqual(range(10).map((i) => [[String(i), String(i), [i, BigInt(i)]], i]))
  })

  it('should type every partition value of data-reader-partition-values, nulls included', async () => {
    const rows = sortBy(await readAll('data-reader-partition-values'), (r) => (r[14] as string))
    expect(rows).toHaveLength(3)
    const timestamp = Date.UTC(2021, 8, 8, 11, 11, 11) * 1000
    for (const i of [0, 1]) {
      expect(rows[i]).toEqual([
        i, BigInt(i), i, i, i % 2 === 0, i, i, String(i), 'null', days('2021-09-08'), timestamp, BigInt(i),
        [[i], [i], [i]], [String(i), String(i), [i, BigInt(i)]], String(i),
      ])
    }
    expect(rows[2]).toEqual([...new Array(12).fill(null), [[2], [2], [2]], ['2', '2', [2, 2n]], '2'])
  })

  it('should read arrays of every primitive of data-reader-array-primitives', async () => {
    const rows = sortBy(await readAll('data-reader-array-primitives'), (r) => (r[0] as number[])[0]!)
    expect(rows).toEqual(range(10).map((i) => [
      [i], [BigInt(i)], [i], [i], [i % 2 === 0], [i], [i], [String(i)], [new Uint8Array([i, i])], [BigInt(i)],
    ]))
  })

  it('should read maps with typed keys of data-reader-map', async () => {
    const rows = sortBy(await readAll('data-reader-map'), (r) => r[0] as number)
    expect(rows).toEqual(range(10).map((i) => [
      i,
      new Map([[i, i]]),
      new Map([[BigInt(i), i]]),
      new Map([[i, i % 2 === 0]]),
      new Map([[i, i]]),
      new Map([[String(i), BigInt(i)]]),
      new Map([[i, [[i], [i], [i]]]]),
    ]))
  })

  it('should read exact decimals of basic-decimal-table, partition column included', async () => {
    const rows = sortBy(await readAll('basic-decimal-table'), (r) => String(r[0]))
    const expected = [
      [23400000n, 100n, 200000n, 30000000000n],
      [234222223454n, 11111n, 2222222222n, 33333333333333333333n],
      [4n, 0n, 0n, 0n],
      [-234234223423n, -99999n, -9999999999n, -99999999999999999999n],
    ]
    const schema = (await loadSnapshot(golden('basic-decimal-table'))).schema
    const partIndex = schema.fields.findIndex((f) => f.name === 'part')
    const byPart = (r: Row): string => String(r[partIndex])
    const normalized = rows.map((r) => [r[partIndex], ...r.filter((_, k) => k !== partIndex)])
    expect(sortBy(normalized, byPart)).toEqual(sortBy(expected, (r) => String(r[0])))
  })

  it('should time travel time-travel-start-start20-start40 by version and by commit timestamp', async () => {
    const ids = async (options: Parameters<typeof readDeltaTable>[1]): Promise<bigint[]> =>
      (await readAll('time-travel-start-start20-start40', options)).map((r) => r[0] as bigint).sort((a, b) => Number(a - b))
    const upTo = (n: number): bigint[] => range(n).map((i) => BigInt(i))
    expect(await ids({ versionAsOf: 0 })).toEqual(upTo(10))
    expect(await ids({ versionAsOf: 1 })).toEqual(upTo(20))
    expect(await ids({ versionAsOf: 2 })).toEqual(upTo(30))
    expect(await ids({})).toEqual(upTo(30))
    expect(await ids({ timestampAsOf: 1603724019870 })).toEqual(upTo(10))
    expect(await ids({ timestampAsOf: 1603724021189 })).toEqual(upTo(10))
    expect(await ids({ timestampAsOf: 1603724021190 })).toEqual(upTo(20))
    expect(await ids({ timestampAsOf: '2020-10-26 14:53:42.561' })).toEqual(upTo(30))
    await expect(readAll('time-travel-start-start20-start40', { timestampAsOf: 1603724019869 })).rejects.toThrow(/DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION/)
    await expect(readAll('time-travel-start-start20-start40', { timestampAsOf: 1603724022562 })).rejects.toThrow(/DELTA_TIMESTAMP_GREATER_THAN_COMMIT/)
    await expect(readAll('time-travel-start-start20-start40', { versionAsOf: 3 })).rejects.toThrow(/DELTA_VERSION_NOT_FOUND/)
  })
})
