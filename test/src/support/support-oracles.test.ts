import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { canonicalRow, multisetDifference, parseCourseLine, readFileSinkManifest, replayDeltaLog } from './index.js'

// The oracles the slow tests trust, checked on hand-written inputs.

let root: string
beforeAll(() => { root = mkdtempSync(join(tmpdir(), 'sluice-oracles-')) })
afterAll(() => { rmSync(root, { recursive: true, force: true }) })

describe('test oracles', () => {
  it('should parse a course line with Creation_Time exact beyond 2^53', () => {
    const row = parseCourseLine('{"Arrival_Time":1424686735001,"Creation_Time":1424686733827193538,"Device":"s3_1","Index":7,' +
      '"Model":"s3","User":"a","geolocation":{"city":"Rome","country":"Italy"},"gt":null,"id":null,"x":-0.5,"y":1e-7,"z":9.81}')
    expect(row).toEqual({
      Arrival_Time: 1424686735001n, Creation_Time: 1424686733827193538n, Index: 7n, id: null, x: -0.5, y: 1e-7, z: 9.81,
      Device: 's3_1', Model: 's3', User: 'a', gt: null, geolocation: { city: 'Rome', country: 'Italy' },
    })
  })

  it('should reject truncated, mistyped and non-JSON lines', () => {
    expect(parseCourseLine('{"Arrival_Time":1424686735001,"Crea')).toBeNull()
    expect(parseCourseLine('{"Device":nope,"Model":"s3"}')).toBeNull()
    expect(parseCourseLine('{"Index":"seven"}')).toBeNull()
    expect(parseCourseLine('corrupt record 212')).toBeNull()
  })

  it('should find a doubled row and a lost row, and tell a bigint from a number', () => {
    const columns = ['k', 'v']
    const expected = [{ k: 1n, v: 'a' }, { k: 2n, v: 'b' }]
    expect(multisetDifference(expected, [{ v: 'b', k: 2n }, { k: 1n, v: 'a' }], columns)).toMatchObject({ missingCount: 0, extraCount: 0 })
    expect(multisetDifference(expected, [{ k: 1n, v: 'a' }, { k: 1n, v: 'a' }], columns)).toMatchObject({ missingCount: 1, extraCount: 1 })
    expect(multisetDifference(expected, [...expected, { k: 2n, v: 'b' }], columns)).toMatchObject({ missingCount: 0, extraCount: 1 })
    expect(canonicalRow({ k: 1n }, ['k'])).not.toBe(canonicalRow({ k: 1 }, ['k']))
  })

  it('should read a _spark_metadata log from its last compaction on, honouring delete', async () => {
    const out = join(root, 'sink')
    mkdirSync(join(out, '_spark_metadata'), { recursive: true })
    const status = (path: string, action = 'add') => JSON.stringify({ path: `file://${join(out, path)}`, size: 1, isDir: false, modificationTime: 1, blockReplication: 1, blockSize: 1, action })
    writeFileSync(join(out, '_spark_metadata', '8'), `v1\n${status('stale-8')}\n`)
    writeFileSync(join(out, '_spark_metadata', '9.compact'), `v1\n${status('a')}\n${status('b')}\n`)
    writeFileSync(join(out, '_spark_metadata', '10'), `v1\n${status('c')}\n${status('a', 'delete')}\n`)
    expect(await readFileSinkManifest(out)).toEqual({ files: [join(out, 'b'), join(out, 'c')], batchIds: [8, 9, 10] })
  })

  it('should replay a Delta log with removes and txns, and refuse a gap', async () => {
    const table = join(root, 'delta')
    mkdirSync(join(table, '_delta_log'), { recursive: true })
    const commit = (version: number, actions: object[]) =>
      writeFileSync(join(table, '_delta_log', `${String(version).padStart(20, '0')}.json`), actions.map((a) => JSON.stringify(a)).join('\n') + '\n')
    commit(0, [{ protocol: { minReaderVersion: 1, minWriterVersion: 2 } }, { add: { path: 'p0.parquet' } }, { txn: { appId: 'q', version: 0 } }])
    commit(1, [{ remove: { path: 'p0.parquet' } }, { add: { path: 'p%201.parquet' } }, { txn: { appId: 'q', version: 1 } }])
    const replay = await replayDeltaLog(table)
    expect(replay.liveFiles).toEqual([join(table, 'p 1.parquet')])
    expect(replay.txns).toEqual([{ appId: 'q', version: 0, commitVersion: 0 }, { appId: 'q', version: 1, commitVersion: 1 }])
    commit(3, [{ add: { path: 'p3.parquet' } }])
    await expect(replayDeltaLog(table)).rejects.toThrow(/gap/)
  })
})
