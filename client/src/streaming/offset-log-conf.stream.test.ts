import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice } from '../session/sluice.js'
import { MemoryStream } from '../testing/memory-stream.js'

// Spark records the relevant SQL confs in every offsets/N (OffsetSeqMetadata.relevantSQLConfs) and, on restart,
// MicroBatchExecution.populateStartOffsets sets them from the last logged batch over the session's values
// (OffsetSeqMetadata.setSessionConf) in the query's cloned session; a conf an old log lacks takes its
// relevantSQLConfDefaultValues entry (multipleWatermarkPolicy -> "min"). FORMATS.md §5, offsets/N.

let spark: Sluice
const folders: string[] = []
beforeAll(async () => { spark = await Sluice.builder().appName('offset-log-conf-test').getOrCreate() })
afterAll(async () => {
  await spark.stop()
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

const checkpointFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'sluice-offset-conf-'))
  folders.push(folder)
  return folder
}

/** offsets/N: `v1`, the metadata JSON, one offset per source. */
const offsetsFile = (checkpoint: string, batchId: number) => join(checkpoint, 'offsets', String(batchId))
const loggedConf = (checkpoint: string, batchId: number): Record<string, string> =>
  (JSON.parse(readFileSync(offsetsFile(checkpoint, batchId), 'utf8').split('\n')[1]!) as { conf: Record<string, string> }).conf

describe('confs recorded in the offset log', () => {
  it('should run a restarted query with the logged spark.sql.shuffle.partitions, leaving the session value alone', async () => {
    const checkpoint = checkpointFolder()
    const input = new MemoryStream('value INT')
    const start = () => input.toDF().groupBy('value').count().writeStream.format('memory').queryName('offset_conf_partitions')
      .outputMode('complete').option('checkpointLocation', checkpoint).start()
    spark.conf.set('spark.sql.shuffle.partitions', 3)
    try {
      input.addData(1, 2)
      const first = await start()
      await first.processAllAvailable()
      await first.stop()
      expect(loggedConf(checkpoint, 0)['spark.sql.shuffle.partitions']).toBe('3')
      // Spark's MemoryStream numbers offsets per addData call from LongOffset(-1) (execution/streaming/sources/memory.scala):
      // after addData(1, 2) offsets/0 ends in 0, not in the row count.
      expect(readFileSync(offsetsFile(checkpoint, 0), 'utf8').split('\n').at(-1)).toBe('0')
      expect(first.lastProgress?.stateOperators[0]?.numShufflePartitions).toBe(3)

      spark.conf.set('spark.sql.shuffle.partitions', 7)
      input.addData(2)
      const second = await start()
      await second.processAllAvailable()
      await second.stop()
      const batch1 = second.recentProgress.find((p) => p.batchId === 1 && 'addBatch' in p.durationMs)
      expect(batch1?.stateOperators[0]?.numShufflePartitions).toBe(3)
      expect(loggedConf(checkpoint, 1)['spark.sql.shuffle.partitions']).toBe('3')
      expect(readFileSync(offsetsFile(checkpoint, 1), 'utf8').split('\n').at(-1)).toBe('1')
      expect(spark.conf.get('spark.sql.shuffle.partitions')).toBe('7')
    } finally {
      spark.conf.unset('spark.sql.shuffle.partitions')
    }
  })

  it('should take the legacy default for a relevant conf missing from an old offset log, not the session value', async () => {
    const checkpoint = checkpointFolder()
    const input = new MemoryStream('value INT')
    const start = () => input.toDF().writeStream.format('memory').queryName('offset_conf_legacy').option('checkpointLocation', checkpoint).start()
    spark.conf.set('spark.sql.streaming.multipleWatermarkPolicy', 'max')
    try {
      input.addData(1)
      const first = await start()
      await first.processAllAvailable()
      await first.stop()
      expect(loggedConf(checkpoint, 0)['spark.sql.streaming.multipleWatermarkPolicy']).toBe('max')
      // Make offsets/0 look written before the conf was recorded.
      const [version, metadata, ...offsets] = readFileSync(offsetsFile(checkpoint, 0), 'utf8').split('\n')
      const old = JSON.parse(metadata!) as { conf: Record<string, string> }
      delete old.conf['spark.sql.streaming.multipleWatermarkPolicy']
      writeFileSync(offsetsFile(checkpoint, 0), [version, JSON.stringify(old), ...offsets].join('\n'))

      input.addData(2)
      const second = await start()
      await second.processAllAvailable()
      await second.stop()
      expect(loggedConf(checkpoint, 1)['spark.sql.streaming.multipleWatermarkPolicy']).toBe('min')
      expect(spark.conf.get('spark.sql.streaming.multipleWatermarkPolicy')).toBe('max')
    } finally {
      spark.conf.unset('spark.sql.streaming.multipleWatermarkPolicy')
    }
  })
})
