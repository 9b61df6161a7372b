import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseDDL } from '@sluice/shared'
import { FileStreamSink } from './file-stream-sink.js'

// Spark's FileStreamSinkLog is a CompactibleFileStreamLog with fileCleanupDelayMs =
// spark.sql.streaming.fileSink.log.cleanupDelay (default 10 minutes) and isDeletingExpiredLog =
// spark.sql.streaming.fileSink.log.deletion (default true); deleteExpiredLog runs after every batch and removes
// the files below the compaction at or before batch + 1 - minBatchesToRetain, once older than the delay.
const roots: string[] = []
afterAll(() => { for (const root of roots) rmSync(root, { recursive: true, force: true }) })
const schema = parseDDL('id INT')
const metadataNames = (out: string) => readdirSync(join(out, '_spark_metadata')).sort((a, b) => parseInt(a, 10) - parseInt(b, 10))

describe('FileStreamSink _spark_metadata cleanup', () => {
  it('should delete covered batch files only after the cleanup delay', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sluice-sinklog-'))
    roots.push(out)
    const sink = new FileStreamSink(out, 'json', [], {}, 'UTC', 3, { deleteExpiredLog: true, cleanupDelayMs: 10 * 60_000, minBatchesToRetain: 1 })
    for (let batch = 0; batch < 6; batch++) await sink.addBatch(batch, schema, [[batch]], 'append')
    expect(metadataNames(out)).toEqual(['0', '1', '2.compact', '3', '4', '5.compact'])
    const elevenMinutesAgo = (Date.now() - 11 * 60_000) / 1000
    for (const name of ['0', '1', '2.compact', '3']) utimesSync(join(out, '_spark_metadata', name), elevenMinutesAgo, elevenMinutesAgo)
    // Batch 6: minBatchId 6, so files below compaction 5 may go; 4 is younger than 10 minutes and stays.
    await sink.addBatch(6, schema, [[6]], 'append')
    expect(metadataNames(out)).toEqual(['4', '5.compact', '6'])
    const compact = readFileSync(join(out, '_spark_metadata', '5.compact'), 'utf8').split('\n')
    expect(compact).toHaveLength(7)
    expect(await sink.latestBatchId()).toBe(6)
  })

  it('should keep every file under the defaults and when deletion is off', async () => {
    for (const cleanup of [undefined, { deleteExpiredLog: false, cleanupDelayMs: 0, minBatchesToRetain: 1 }]) {
      const out = mkdtempSync(join(tmpdir(), 'sluice-sinklog-'))
      roots.push(out)
      const sink = new FileStreamSink(out, 'json', [], {}, 'UTC', 3, cleanup)
      for (let batch = 0; batch < 7; batch++) await sink.addBatch(batch, schema, [[batch]], 'append')
      expect(metadataNames(out)).toEqual(['0', '1', '2.compact', '3', '4', '5.compact', '6'])
    }
  })
})
