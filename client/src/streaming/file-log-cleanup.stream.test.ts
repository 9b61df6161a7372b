import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice } from '../session/sluice.js'

// Spark's CompactibleFileStreamLog.deleteExpiredLog (FileStreamSourceLog: spark.sql.streaming.fileSource.log.deletion /
// .cleanupDelay; FileStreamSinkLog: spark.sql.streaming.fileSink.log.deletion / .cleanupDelay, both default true / 10m):
// after batch N, files of batches below the compaction at or before N + 1 - minBatchesToRetain are deleted once
// older than the delay.
let spark: Sluice
let root: string
beforeAll(async () => {
  spark = await Sluice.builder().appName('file-log-cleanup-test').getOrCreate()
  root = mkdtempSync(join(tmpdir(), 'sluice-log-cleanup-'))
})
afterAll(async () => {
  await spark.stop()
  rmSync(root, { recursive: true, force: true })
})

const CONFS = ['spark.sql.streaming.fileSource.log.compactInterval', 'spark.sql.streaming.fileSink.log.compactInterval',
  'spark.sql.streaming.minBatchesToRetain', 'spark.sql.streaming.fileSource.log.cleanupDelay', 'spark.sql.streaming.fileSink.log.cleanupDelay',
  'spark.sql.streaming.fileSource.log.deletion']
const sorted = (folder: string) => readdirSync(folder).filter((n) => /^\d/.test(n)).sort((a, b) => parseInt(a, 10) - parseInt(b, 10))

/** Five input files taken one per batch (batches 0..4) by a json -> json query; returns the checkpoint and output folders. */
async function runFiveBatches(name: string, confs: Record<string, string>): Promise<{ checkpoint: string; output: string }> {
  const input = join(root, `${name}-in`)
  const checkpoint = join(root, `${name}-ckpt`)
  const output = join(root, `${name}-out`)
  mkdirSync(input)
  const base = Math.floor(Date.now() / 1000) - 100
  for (let i = 0; i < 5; i++) {
    writeFileSync(join(input, `part-${i}.json`), `{"id":${i}}\n`)
    utimesSync(join(input, `part-${i}.json`), base + i, base + i)
  }
  for (const [key, value] of Object.entries(confs)) spark.conf.set(key, value)
  try {
    const query = await spark.readStream.format('json').schema('id INT').option('maxFilesPerTrigger', 1).load(input)
      .writeStream.format('json').option('checkpointLocation', checkpoint).trigger({ availableNow: true }).start(output)
    await query.awaitTermination()
  } finally {
    for (const key of CONFS) spark.conf.unset(key)
  }
  return { checkpoint, output }
}

describe('file source and sink log cleanup', () => {
  it('should delete covered log files with cleanupDelay 0 and minBatchesToRetain 1', async () => {
    const { checkpoint, output } = await runFiveBatches('expired', {
      'spark.sql.streaming.fileSource.log.compactInterval': '3', 'spark.sql.streaming.fileSink.log.compactInterval': '3',
      'spark.sql.streaming.minBatchesToRetain': '1',
      'spark.sql.streaming.fileSource.log.cleanupDelay': '0', 'spark.sql.streaming.fileSink.log.cleanupDelay': '0ms',
    })
    // After batch 3 (and 4): minBatchId 3 (4) -> compaction 2 is kept, batches 0 and 1 go.
    expect(sorted(join(checkpoint, 'sources', '0'))).toEqual(['2.compact', '3', '4'])
    expect(sorted(join(output, '_spark_metadata'))).toEqual(['2.compact', '3', '4'])
    expect((await spark.read.json(output).collect()).map((r) => r['id']).map(Number).sort()).toEqual([0, 1, 2, 3, 4])
  })

  it('should keep young log files under the default 10-minute delay, and every file when deletion is off', async () => {
    const young = await runFiveBatches('young', {
      'spark.sql.streaming.fileSource.log.compactInterval': '3', 'spark.sql.streaming.fileSink.log.compactInterval': '3',
      'spark.sql.streaming.minBatchesToRetain': '1',
    })
    expect(sorted(join(young.checkpoint, 'sources', '0'))).toEqual(['0', '1', '2.compact', '3', '4'])
    expect(sorted(join(young.output, '_spark_metadata'))).toEqual(['0', '1', '2.compact', '3', '4'])
    const off = await runFiveBatches('off', {
      'spark.sql.streaming.fileSource.log.compactInterval': '3', 'spark.sql.streaming.minBatchesToRetain': '1',
      'spark.sql.streaming.fileSource.log.cleanupDelay': '0', 'spark.sql.streaming.fileSource.log.deletion': 'false',
    })
    expect(sorted(join(off.checkpoint, 'sources', '0'))).toEqual(['0', '1', '2.compact', '3', '4'])
  })
})
