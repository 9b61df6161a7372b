import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalCheckpointStore } from './local-checkpoint-store.js'
import { OffsetLog, offsetSeqCodec } from './offset-log.js'
import { CommitLog } from './commit-log.js'

const tempRoot = (): string => mkdtempSync(path.join(tmpdir(), 'sluice-offsets-'))

// Spark's test resource checkpoint-version-3.2.0-deduplication-with-repartition/offsets/1.
const SPARK_OFFSETS_FILE =
  'v1\n{"batchWatermarkMs":0,"batchTimestampMs":1645693802625,"conf":{"spark.sql.streaming.stateStore.providerClass":"org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider","spark.sql.streaming.join.stateFormatVersion":"2","spark.sql.streaming.stateStore.compression.codec":"lz4","spark.sql.streaming.stateStore.rocksdb.formatVersion":"5","spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion":"2","spark.sql.streaming.multipleWatermarkPolicy":"min","spark.sql.streaming.aggregation.stateFormatVersion":"2","spark.sql.shuffle.partitions":"5"}}\n1'

describe('OffsetLog', () => {
  it('should read a file written by Spark and write it back byte for byte', () => {
    const entry = offsetSeqCodec.deserialize(SPARK_OFFSETS_FILE, 'offsets/1')
    expect(entry.metadata?.batchTimestampMs).toBe(1645693802625)
    expect(entry.metadata?.conf['spark.sql.shuffle.partitions']).toBe('5')
    expect(entry.offsets).toEqual(['1'])
    expect(offsetSeqCodec.serialize(entry)).toBe(SPARK_OFFSETS_FILE)
  })

  it('should write v1, the metadata line and one line per source with - for none', async () => {
    const root = tempRoot()
    const log = new OffsetLog(new LocalCheckpointStore(root))
    const added = await log.add(0, {
      metadata: { batchWatermarkMs: 5000, batchTimestampMs: 1700000000123, conf: { 'spark.sql.shuffle.partitions': '4' } },
      offsets: ['{"logOffset":0}', null, '42'],
    })
    expect(added).toBe(true)
    expect(readFileSync(path.join(root, 'offsets', '0'), 'utf8')).toBe(
      'v1\n{"batchWatermarkMs":5000,"batchTimestampMs":1700000000123,"conf":{"spark.sql.shuffle.partitions":"4"}}\n{"logOffset":0}\n-\n42',
    )
    expect(await log.get(0)).toEqual({
      metadata: { batchWatermarkMs: 5000, batchTimestampMs: 1700000000123, conf: { 'spark.sql.shuffle.partitions': '4' } },
      offsets: ['{"logOffset":0}', null, '42'],
    })
  })

  it('should return false and keep the first entry when a batch is added twice', async () => {
    const log = new OffsetLog(new LocalCheckpointStore(tempRoot()))
    expect(await log.add(0, { metadata: null, offsets: ['1'] })).toBe(true)
    expect(await log.add(0, { metadata: null, offsets: ['2'] })).toBe(false)
    expect((await log.get(0))?.offsets).toEqual(['1'])
  })

  it('should refuse a truncated offsets file naming the file and line', async () => {
    const root = tempRoot()
    mkdirSync(path.join(root, 'offsets'))
    writeFileSync(path.join(root, 'offsets', '0'), 'v1\n{"batchWatermarkMs":0,"batchTimestampMs":1,"conf":{}}\n{"logOff')
    const log = new OffsetLog(new LocalCheckpointStore(root))
    const file = path.join(root, 'offsets', '0')
    await expect(log.get(0)).rejects.toMatchObject({ errorClass: 'CHECKPOINT_CORRUPT', file })
    await expect(log.get(0)).rejects.toThrow(/line 3/)
  })

  it('should refuse an empty file and a file cut inside the metadata line', async () => {
    expect(() => offsetSeqCodec.deserialize('', '/c/offsets/2')).toThrow(/\/c\/offsets\/2 is corrupt: the file is empty/)
    expect(() => offsetSeqCodec.deserialize('v1\n{"batchWaterm', '/c/offsets/2')).toThrow(/CHECKPOINT_CORRUPT.*offset metadata in \/c\/offsets\/2, line 2/)
    expect(() => offsetSeqCodec.deserialize('v1', '/c/offsets/2')).toThrow(/metadata line is missing/)
  })

  it('should refuse offsets of version v2 naming the file and the version', () => {
    expect(() => offsetSeqCodec.deserialize('v2\n{}\n0:1', '/c/offsets/9')).toThrow(
      /CHECKPOINT_UNSUPPORTED_VERSION.*\/c\/offsets\/9 has version v2, but the maximum supported log version is v1/,
    )
  })

  it('should refuse a file without a version line as corrupt', () => {
    expect(() => offsetSeqCodec.deserialize('{"a":1}', 'f')).toThrow(/CHECKPOINT_CORRUPT.*failed to detect the log file version line/)
  })

  it('should detect a gap in batch ids on validate', async () => {
    const root = tempRoot()
    const log = new OffsetLog(new LocalCheckpointStore(root))
    for (const id of [0, 1, 3]) await log.add(id, { metadata: null, offsets: [String(id)] })
    await expect(log.validate()).rejects.toMatchObject({ errorClass: 'CHECKPOINT_GAP', file: path.join(root, 'offsets', '2') })
  })

  it('should report the latest entry and purge keeping the newest ones', async () => {
    const log = new OffsetLog(new LocalCheckpointStore(tempRoot()))
    for (let id = 0; id < 12; id++) await log.add(id, { metadata: null, offsets: [String(id)] })
    expect((await log.getLatest())?.batchId).toBe(11)
    await log.purge(5)
    expect(await log.listBatchIds()).toEqual([7, 8, 9, 10, 11])
    expect(await log.validate()).toEqual([7, 8, 9, 10, 11])
  })

  it('should keep purging the window as batches are added, listing the folder only the first time', async () => {
    class CountingStore extends LocalCheckpointStore {
      lists = 0
      override async list(folder: string): Promise<string[]> {
        this.lists++
        return super.list(folder)
      }
    }
    const store = new CountingStore(tempRoot())
    const log = new OffsetLog(store)
    for (let id = 0; id < 4; id++) await log.add(id, { metadata: null, offsets: [String(id)] })
    await log.purge(3)
    expect(store.lists).toBe(1)
    for (let id = 4; id < 9; id++) {
      await log.add(id, { metadata: null, offsets: [String(id)] })
      await log.purge(3)
    }
    expect(store.lists).toBe(1)
    expect(await log.listBatchIds()).toEqual([6, 7, 8])
    // A new instance over the same folder (a restart) lists once, then keeps the window.
    const restarted = new OffsetLog(store)
    await restarted.add(9, { metadata: null, offsets: ['9'] })
    await restarted.purge(2)
    await restarted.add(10, { metadata: null, offsets: ['10'] })
    await restarted.purge(2)
    expect(await restarted.listBatchIds()).toEqual([9, 10])
  })
})

describe('CommitLog', () => {
  it('should write Spark format and read old forms with watermark 0', async () => {
    const root = tempRoot()
    const log = new CommitLog(new LocalCheckpointStore(root))
    await log.add(0, { nextBatchWatermarkMs: 12345 })
    expect(readFileSync(path.join(root, 'commits', '0'), 'utf8')).toBe('v1\n{"nextBatchWatermarkMs":12345}')
    mkdirSync(path.join(root, 'commits'), { recursive: true })
    writeFileSync(path.join(root, 'commits', '1'), 'v1\n{}')
    writeFileSync(path.join(root, 'commits', '2'), 'v1\n')
    expect(await log.get(1)).toEqual({ nextBatchWatermarkMs: 0 })
    expect(await log.get(2)).toEqual({ nextBatchWatermarkMs: 0 })
    expect((await log.getLatest())?.batchId).toBe(2)
  })

  it('should refuse a truncated commit file and a newer version', async () => {
    const root = tempRoot()
    mkdirSync(path.join(root, 'commits'))
    writeFileSync(path.join(root, 'commits', '0'), 'v1\n{"nextBatchWatermar')
    writeFileSync(path.join(root, 'commits', '1'), 'v3\n{}')
    const log = new CommitLog(new LocalCheckpointStore(root))
    await expect(log.get(0)).rejects.toMatchObject({ errorClass: 'CHECKPOINT_CORRUPT', file: path.join(root, 'commits', '0') })
    await expect(log.get(1)).rejects.toMatchObject({ errorClass: 'CHECKPOINT_UNSUPPORTED_VERSION' })
  })
})
