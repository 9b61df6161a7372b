import { existsSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalCheckpointStore } from '../../checkpoint/local-checkpoint-store.js'
import { FileStreamSourceLog } from './file-stream-source-log.js'

const tempRoot = (): string => mkdtempSync(path.join(tmpdir(), 'sluice-srclog-'))
const file = (n: number) => ({ path: `/in/${n}.json`, timestamp: 1_480_730_950_000 + n })
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i)
const sortedNames = (folder: string) => readdirSync(folder).sort((a, b) => parseInt(a, 10) - parseInt(b, 10))

describe('FileStreamSourceLog', () => {
  it("should write Spark's format: v1 then one JSON per file", async () => {
    const root = tempRoot()
    const log = new FileStreamSourceLog(new LocalCheckpointStore(root), 0)
    expect(await log.add(0, [file(1), file(2)])).toBe(true)
    expect(readFileSync(path.join(root, 'sources', '0', '0'), 'utf8')).toBe(
      'v1\n{"path":"/in/1.json","timestamp":1480730950001,"batchId":0}\n{"path":"/in/2.json","timestamp":1480730950002,"batchId":0}',
    )
    expect(await log.add(0, [file(3)])).toBe(false)
    expect(await log.get(0)).toEqual([
      { path: '/in/1.json', timestamp: 1480730950001, batchId: 0 },
      { path: '/in/2.json', timestamp: 1480730950002, batchId: 0 },
    ])
  })

  // Spark's CompactibleFileStreamLog.deleteExpiredLog runs after every batch: with minBatchId = batch + 1 -
  // minBatchesToRetain (spark.sql.streaming.minBatchesToRetain, default 100) it deletes the files of batches before
  // the compaction at or below minBatchId, and only those modified fileCleanupDelayMs ago
  // (spark.sql.streaming.fileSource.log.cleanupDelay, default 10 minutes; FileStreamSourceLog).
  it('should compact every 10th batch into N.compact and keep every file under the defaults (100 batches retained)', async () => {
    const root = tempRoot()
    const log = new FileStreamSourceLog(new LocalCheckpointStore(root), 1)
    for (let batch = 0; batch < 21; batch++) await log.add(batch, [file(batch)])
    const folder = path.join(root, 'sources', '1')
    expect(sortedNames(folder)).toEqual([...range(0, 9).map(String), '9.compact', ...range(10, 19).map(String), '19.compact', '20'])
    const compact = readFileSync(path.join(folder, '19.compact'), 'utf8').split('\n')
    expect(compact[0]).toBe('v1')
    expect(compact).toHaveLength(21)
    expect(JSON.parse(compact[20]!)).toEqual({ path: '/in/19.json', timestamp: 1480730950019, batchId: 19 })
    expect((await log.allFiles()).map((e) => e.batchId)).toEqual(range(0, 21))
  })

  it('should delete covered batch files only once they are older than the cleanup delay', async () => {
    const root = tempRoot()
    const cleanup = { deleteExpiredLog: true, cleanupDelayMs: 10 * 60_000, minBatchesToRetain: 1 }
    const log = new FileStreamSourceLog(new LocalCheckpointStore(root), 1, 10, cleanup)
    for (let batch = 0; batch < 21; batch++) await log.add(batch, [file(batch)])
    const folder = path.join(root, 'sources', '1')
    // Batch 20 allows deleting below 19.compact (minBatchId 20 -> compaction 19), but every file is younger than 10 minutes.
    expect(sortedNames(folder)).toHaveLength(21)
    const elevenMinutesAgo = (Date.now() - 11 * 60_000) / 1000
    for (const name of ['0', '1', '2', '3', '4', '5', '9.compact']) utimesSync(path.join(folder, name), elevenMinutesAgo, elevenMinutesAgo)
    await log.add(21, [file(21)])
    expect(sortedNames(folder)).toEqual(['6', '7', '8', ...range(10, 19).map(String), '19.compact', '20', '21'])
    for (const name of ['6', '7', '8', '10', '18']) utimesSync(path.join(folder, name), elevenMinutesAgo, elevenMinutesAgo)
    await log.add(22, [file(22)])
    expect(sortedNames(folder)).toEqual(['11', '12', '13', '14', '15', '16', '17', '19.compact', '20', '21', '22'])
    // Deleted batches are still read from 19.compact.
    expect(await log.get(3)).toEqual([{ path: '/in/3.json', timestamp: 1480730950003, batchId: 3 }])
    expect((await log.getRange(8, 11)).map((e) => e.batchId)).toEqual([8, 9, 10, 11])
    expect((await log.allFiles()).map((e) => e.batchId)).toEqual(range(0, 23))
    expect(await log.getLatestBatchId()).toBe(22)
    expect(await log.get(23)).toBeNull()
  })

  it('should keep expired files when spark.sql.streaming.fileSource.log.deletion is false', async () => {
    const root = tempRoot()
    const log = new FileStreamSourceLog(new LocalCheckpointStore(root), 0, 3, { deleteExpiredLog: false, cleanupDelayMs: 0, minBatchesToRetain: 1 })
    for (let batch = 0; batch < 7; batch++) await log.add(batch, [file(batch)])
    expect(sortedNames(path.join(root, 'sources', '0'))).toEqual(['0', '1', '2.compact', '3', '4', '5.compact', '6'])
  })

  it('should refuse a truncated log file naming it', async () => {
    const root = tempRoot()
    const log = new FileStreamSourceLog(new LocalCheckpointStore(root), 0)
    await log.add(0, [file(1)])
    writeFileSync(path.join(root, 'sources', '0', '1'), 'v1\n{"path":"/in/x.json","timest')
    await expect(log.get(1)).rejects.toMatchObject({ errorClass: 'CHECKPOINT_CORRUPT', file: path.join(root, 'sources', '0', '1') })
    expect(existsSync(path.join(root, 'sources', '0', '0'))).toBe(true)
  })
})
