import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { col, type DataFrame, type StreamingQuery, type Sluice } from '@sluice/client'
import { MemoryStream } from '@sluice/client/testing'
import { SESSION_MODES } from '../support/session-modes.js'
import { useModeSession } from '../support/mode-session-hooks.js'

// Structured Streaming Programming Guide, "Output Sinks", "Using Foreach and ForeachBatch"; DataStreamWriter API docs.

let spark: Sluice
let root: string

/** Everything written to stdout while `body` runs. */
async function captureStdout(body: () => Promise<void>): Promise<string> {
  const original = process.stdout.write.bind(process.stdout)
  let text = ''
  process.stdout.write = ((chunk: string | Uint8Array) => { text += String(chunk); return true }) as typeof process.stdout.write
  try {
    await body()
  } finally {
    process.stdout.write = original
  }
  return text
}

async function runBatches(query: StreamingQuery, input: MemoryStream, batches: unknown[][]): Promise<void> {
  for (const rows of batches) {
    input.addData(...rows)
    await query.processAllAvailable()
  }
}

const RULE = '-------------------------------------------'

for (const mode of SESSION_MODES) describe(`guide: output sinks (${mode})`, () => {
  useModeSession(mode, 'guide-sinks', (s) => { spark = s.spark })
  beforeAll(() => { root = mkdtempSync(join(tmpdir(), 'sluice-guide-sinks-')) })
  beforeAll(() => { spark.conf.set('spark.sql.warehouse.dir', join(root, 'warehouse')) })
  afterAll(() => { rmSync(root, { recursive: true, force: true }) })

  describe('console sink', () => {
    it("prints Spark's Batch: N header then the show() table of each batch", async () => {
      const input = new MemoryStream('n INT, s STRING', spark)
      const text = await captureStdout(async () => {
        const query = await input.toDF().writeStream.format('console').start()
        await runBatches(query, input, [[[1, 'a'], [2, 'b']], [[3, 'c']]])
        await query.stop()
      })
      // ConsoleWriter: three println lines, then Dataset.show() (showString + println)
      expect(text).toBe(
        `${RULE}\nBatch: 0\n${RULE}\n+---+---+\n|  n|  s|\n+---+---+\n|  1|  a|\n|  2|  b|\n+---+---+\n\n`
        + `${RULE}\nBatch: 1\n${RULE}\n+---+---+\n|  n|  s|\n+---+---+\n|  3|  c|\n+---+---+\n\n`,
      )
    })

    it('numRows and truncate options', async () => {
      const input = new MemoryStream('s STRING', spark)
      const long = 'abcdefghijklmnopqrstuvwxyz'
      const truncated = await captureStdout(async () => {
        const query = await input.toDF().writeStream.format('console').option('numRows', 1).start()
        await runBatches(query, input, [[long, 'x']])
        await query.stop()
      })
      // show(1, truncate = true): 17 characters and "...", then "only showing top 1 row"
      expect(truncated).toBe(`${RULE}\nBatch: 0\n${RULE}\n+--------------------+\n|                   s|\n+--------------------+\n|abcdefghijklmnopq...|\n+--------------------+\nonly showing top 1 row\n\n`)
      const full = await captureStdout(async () => {
        const query = await input.toDF().writeStream.format('console').option('truncate', false).start()
        await runBatches(query, input, [[long]])
        await query.stop()
      })
      expect(full).toContain(`|${long}|\n`)
      const upperCase = await captureStdout(async () => {
        const query = await input.toDF().writeStream.format('console').option('truncate', 'FALSE').start()
        await runBatches(query, input, [[long]])
        await query.stop()
      })
      expect(upperCase).toContain(`|${long}|\n`)
    })

    it('truncate must be a boolean string', async () => {
      // Spark's ConsoleWrite reads options.getBoolean("truncate", true); CaseInsensitiveStringMap.getBoolean accepts
      // "true"/"false" ignoring case and otherwise throws IllegalArgumentException(value + " is not a boolean string.").
      const input = new MemoryStream('s STRING', spark)
      for (const value of ['yes', '0', ' false']) {
        await expect((async () => input.toDF().writeStream.format('console').option('truncate', value).start())())
          .rejects.toThrow(`${value} is not a boolean string.`)
      }
    })
  })

  describe('memory sink', () => {
    it('requires a queryName', async () => {
      const input = new MemoryStream('n INT', spark)
      await expect((async () => input.toDF().writeStream.format('memory').start())()).rejects.toThrow('queryName must be specified for memory sink')
    })

    it('append adds each batch, complete replaces the table', async () => {
      const input = new MemoryStream('n INT', spark)
      const append = await input.toDF().writeStream.format('memory').queryName('guide_memory_append').start()
      const complete = await input.toDF().groupBy('n').count().writeStream.format('memory').outputMode('complete').queryName('guide_memory_complete').start()
      input.addData(1, 2)
      await append.processAllAvailable()
      await complete.processAllAvailable()
      input.addData(2, 3)
      await append.processAllAvailable()
      await complete.processAllAvailable()
      await append.stop()
      await complete.stop()
      expect(await spark.sql('SELECT n FROM guide_memory_append ORDER BY n').collect()).toEqual([{ n: 1 }, { n: 2 }, { n: 2 }, { n: 3 }])
      expect(await spark.sql('SELECT n, count FROM guide_memory_complete ORDER BY n').collect()).toEqual([{ n: 1, count: 1n }, { n: 2, count: 2n }, { n: 3, count: 1n }])
    })
  })

  describe('foreachBatch', () => {
    it('gets each batch as a batch DataFrame with its batchId', async () => {
      const input = new MemoryStream('n INT', spark)
      const seen: [number, boolean, number[]][] = []
      const query = await input.toDF().writeStream.foreachBatch(async (df: DataFrame, batchId: number) => {
        seen.push([batchId, df.isStreaming, (await df.collect()).map((r) => r['n'] as number)])
      }).start()
      await runBatches(query, input, [[1, 2], [3]])
      await query.stop()
      expect(seen).toEqual([[0, false, [1, 2]], [1, false, [3]]])
    })

    it('an exception in the function fails the query with it as the cause', async () => {
      const input = new MemoryStream('n INT', spark)
      const query = await input.toDF().writeStream.foreachBatch(() => { throw new Error('boom in batch') }).start()
      input.addData(1)
      await expect(query.processAllAvailable()).rejects.toThrow('boom in batch')
      await expect(query.awaitTermination()).rejects.toThrow('boom in batch')
      expect(query.isActive).toBe(false)
      expect(query.exception()?.message).toContain('boom in batch')
    })
  })

  describe('foreach', () => {
    it('calls open(partitionId, epochId), process per row, close(null); open false skips the rows', async () => {
      const input = new MemoryStream('n INT', spark)
      const calls: string[] = []
      const query = await input.toDF().writeStream.foreach({
        open: (partitionId, epochId) => { calls.push(`open ${partitionId} ${epochId}`); return epochId !== 1 },
        process: (row) => { calls.push(`process ${String(row['n'])}`) },
        close: (error) => { calls.push(`close ${String(error)}`) },
      }).start()
      await runBatches(query, input, [[1], [2], [3]])
      await query.stop()
      expect(calls).toEqual(['open 0 0', 'process 1', 'close null', 'open 0 1', 'close null', 'open 0 2', 'process 3', 'close null'])
    })

    it('close gets the error that process threw, and the query fails', async () => {
      const input = new MemoryStream('n INT', spark)
      const closed: unknown[] = []
      const query = await input.toDF().writeStream.foreach({
        process: () => { throw new Error('bad row') },
        close: (error) => { closed.push(error) },
      }).start()
      input.addData(1)
      await expect(query.processAllAvailable()).rejects.toThrow('bad row')
      expect(closed).toHaveLength(1)
      expect((closed[0] as Error).message).toBe('bad row')
    })
  })

  describe('DataStreamWriter', () => {
    it('partitionBy writes key=value folders for a file sink', async () => {
      const input = new MemoryStream('n INT, k STRING', spark)
      const out = join(root, 'partitioned-out')
      const query = await input.toDF().writeStream.format('json').partitionBy('k').option('checkpointLocation', join(root, 'partitioned-cp')).start(out)
      await runBatches(query, input, [[[1, 'a'], [2, 'b'], [3, 'a']]])
      await query.stop()
      expect(readdirSync(out).filter((n) => !n.startsWith('_')).sort()).toEqual(['k=a', 'k=b'])
      expect(await spark.read.json(out).orderBy('n').collect()).toEqual([{ n: 1n, k: 'a' }, { n: 2n, k: 'b' }, { n: 3n, k: 'a' }])
    })

    it('toTable creates a table readable with spark.read.table', async () => {
      const input = new MemoryStream('n INT', spark)
      const query = await input.toDF().select(col('n')).writeStream.option('checkpointLocation', join(root, 'table-cp')).toTable('guide_stream_table')
      await runBatches(query, input, [[1, 2], [3]])
      await query.stop()
      expect(await spark.read.table('guide_stream_table').orderBy('n').collect()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }])
    })

    it('refuses a second active query with the same name', async () => {
      const input = new MemoryStream('n INT', spark)
      const first = await input.toDF().writeStream.format('memory').queryName('guide_same_name').start()
      try {
        await expect((async () => input.toDF().writeStream.format('memory').queryName('guide_same_name').start())())
          .rejects.toThrow('Cannot start query with name guide_same_name as a query with that name is already active in this SparkSession')
      } finally {
        await first.stop()
      }
      const again = await input.toDF().writeStream.format('memory').queryName('guide_same_name').start()
      await again.stop()
    })

    it('a file sink needs a checkpointLocation', async () => {
      const input = new MemoryStream('n INT', spark)
      await expect((async () => input.toDF().writeStream.format('parquet').start(join(root, 'no-cp-out')))())
        .rejects.toThrow('checkpointLocation must be specified either through option("checkpointLocation", ...) or SparkSession.conf.set("spark.sql.streaming.checkpointLocation", ...)')
      expect(existsSync(join(root, 'no-cp-out', '_spark_metadata'))).toBe(false)
    })
  })
})
