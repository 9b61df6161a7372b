import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DataFrame, type Sluice } from '@sluice/client'
import { SESSION_MODES } from '../support/session-modes.js'
import { useModeSession } from '../support/mode-session-hooks.js'

// Structured Streaming Programming Guide, "Input Sources" (file source options) and DataStreamReader docs.

let spark: Sluice
let root: string

let folders = 0
const folder = (name: string): string => {
  const dir = join(root, `${name}-${++folders}`)
  mkdirSync(dir, { recursive: true })
  return dir
}
/** Writes a JSON-lines file of `{n}` rows with modification time `mtimeSeconds` (epoch seconds). */
function jsonFile(path: string, ns: readonly number[], mtimeSeconds: number): void {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, ns.map((n) => JSON.stringify({ n })).join('\n') + '\n')
  utimesSync(path, mtimeSeconds, mtimeSeconds)
}
let queries = 0
const queryName = (name: string) => `guide_src_${name}_${++queries}`

/** Runs `df` to a memory table until everything available is processed; returns the per-batch inputs and the table. */
async function runToMemory(df: DataFrame, name: string): Promise<{ batches: number[][]; table: Record<string, unknown>[] }> {
  const batches: number[][] = []
  const query = await df.writeStream.foreachBatch(async (batch, _id) => {
    batches.push((await batch.collect()).map((r) => Number(r['n'])))
  }).queryName(queryName(name)).start()
  await query.processAllAvailable()
  await query.stop()
  return { batches, table: batches.flat().map((n) => ({ n })) }
}

for (const mode of SESSION_MODES) describe(`guide: input sources (${mode})`, () => {
  useModeSession(mode, 'guide-sources-sinks', (s) => { spark = s.spark })
  beforeAll(() => { root = mkdtempSync(join(tmpdir(), 'sluice-guide-sources-')) })
  afterAll(() => { rmSync(root, { recursive: true, force: true }) })

  describe('file source options', () => {
    it('maxFilesPerTrigger: one file per batch, oldest first', async () => {
      const dir = folder('max-files')
      jsonFile(join(dir, 'c.json'), [3], 1_000)
      jsonFile(join(dir, 'a.json'), [1], 3_000)
      jsonFile(join(dir, 'b.json'), [2], 2_000)
      const { batches } = await runToMemory(spark.readStream.schema('n INT').option('maxFilesPerTrigger', 1).json(dir), 'max_files')
      expect(batches).toEqual([[3], [2], [1]])
    })

    it('latestFirst: the newest files first', async () => {
      const dir = folder('latest-first')
      jsonFile(join(dir, 'a.json'), [1], 1_000)
      jsonFile(join(dir, 'b.json'), [2], 2_000)
      jsonFile(join(dir, 'c.json'), [3], 3_000)
      const { batches } = await runToMemory(spark.readStream.schema('n INT').options({ maxFilesPerTrigger: 1, latestFirst: true }).json(dir), 'latest_first')
      expect(batches).toEqual([[3], [2], [1]])
    })

    it('maxFileAge: files older than the newest file by more than maxFileAge are ignored after the first batch', async () => {
      const dir = folder('max-file-age')
      jsonFile(join(dir, 'a.json'), [1], 100_000)
      const query = await spark.readStream.schema('n INT').option('maxFileAge', '1h').json(dir)
        .writeStream.format('memory').queryName('guide_max_file_age').start()
      await query.processAllAvailable()
      // newest seen file is at 100000 s; a file stamped 2 h before it is too old, one 30 min before is not
      jsonFile(join(dir, 'old.json'), [2], 100_000 - 7_200)
      jsonFile(join(dir, 'recent.json'), [3], 100_000 - 1_800)
      await query.processAllAvailable()
      await query.stop()
      expect(await spark.sql('SELECT n FROM guide_max_file_age ORDER BY n').collect()).toEqual([{ n: 1 }, { n: 3 }])
    })

    it('maxFileAge is ignored with latestFirst and maxFilesPerTrigger', async () => {
      const dir = folder('max-file-age-ignored')
      jsonFile(join(dir, 'a.json'), [1], 100_000)
      jsonFile(join(dir, 'b.json'), [2], 100_000 - 7_200)
      const { batches } = await runToMemory(spark.readStream.schema('n INT').options({ maxFileAge: '1h', latestFirst: true, maxFilesPerTrigger: 1 }).json(dir), 'age_ignored')
      expect(batches).toEqual([[1], [2]])
    })

    it('fileNameOnly: a file with an already seen name in another folder is not read again', async () => {
      const dir = folder('file-name-only')
      jsonFile(join(dir, 'x', 'data.json'), [1], 1_000)
      const query = await spark.readStream.schema('n INT').options({ fileNameOnly: true, recursiveFileLookup: true }).json(dir)
        .writeStream.format('memory').queryName('guide_file_name_only').start()
      await query.processAllAvailable()
      jsonFile(join(dir, 'y', 'data.json'), [2], 2_000)
      jsonFile(join(dir, 'y', 'other.json'), [3], 2_000)
      await query.processAllAvailable()
      await query.stop()
      expect(await spark.sql('SELECT n FROM guide_file_name_only ORDER BY n').collect()).toEqual([{ n: 1 }, { n: 3 }])
    })

    it('pathGlobFilter keeps matching names; recursiveFileLookup reads sub-folders', async () => {
      const dir = folder('glob')
      jsonFile(join(dir, 'a.json'), [1], 1_000)
      jsonFile(join(dir, 'b.txt'), [2], 1_000)
      jsonFile(join(dir, 'sub', 'c.json'), [3], 1_000)
      const filtered = await runToMemory(spark.readStream.schema('n INT').option('pathGlobFilter', '*.json').json(dir), 'glob')
      expect(filtered.batches.flat()).toEqual([1])
      const recursive = await runToMemory(spark.readStream.schema('n INT').options({ pathGlobFilter: '*.json', recursiveFileLookup: true }).json(dir), 'recursive')
      expect(recursive.batches.flat().sort()).toEqual([1, 3])
    })

    it('cleanSource archive: files of committed batches move under sourceArchiveDir with their full source path', async () => {
      const dir = folder('clean-archive')
      const archive = folder('archive-dir')
      jsonFile(join(dir, 'a.json'), [1], 1_000)
      jsonFile(join(dir, 'b.json'), [2], 2_000)
      const query = await spark.readStream.schema('n INT').options({ maxFilesPerTrigger: 1, cleanSource: 'archive', sourceArchiveDir: archive }).json(dir)
        .writeStream.format('memory').queryName('guide_clean_archive').start()
      await query.processAllAvailable()
      jsonFile(join(dir, 'c.json'), [3], 3_000)
      await query.processAllAvailable()
      await query.stop()
      expect(await spark.sql('SELECT n FROM guide_clean_archive ORDER BY n').collect()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }])
      // "/a/b/dataset.txt" archived under "/archived/here" is "/archived/here/a/b/dataset.txt"
      expect(existsSync(join(archive, dir, 'a.json'))).toBe(true)
      expect(existsSync(join(archive, dir, 'b.json'))).toBe(true)
      expect(existsSync(join(dir, 'a.json'))).toBe(false)
    })

    it('cleanSource delete removes the files of committed batches', async () => {
      const dir = folder('clean-delete')
      jsonFile(join(dir, 'a.json'), [1], 1_000)
      jsonFile(join(dir, 'b.json'), [2], 2_000)
      const query = await spark.readStream.schema('n INT').options({ maxFilesPerTrigger: 1, cleanSource: 'delete' }).json(dir)
        .writeStream.format('memory').queryName('guide_clean_delete').start()
      await query.processAllAvailable()
      jsonFile(join(dir, 'c.json'), [3], 3_000)
      await query.processAllAvailable()
      await query.stop()
      expect(readdirSync(dir)).not.toContain('a.json')
      expect(readdirSync(dir)).not.toContain('b.json')
    })

    it('cleanSource archive without sourceArchiveDir fails', async () => {
      const dir = folder('clean-no-archive')
      jsonFile(join(dir, 'a.json'), [1], 1_000)
      const start = (async () => spark.readStream.schema('n INT').option('cleanSource', 'archive').json(dir)
        .writeStream.format('memory').queryName(queryName('no_archive')).start())()
      await expect(start.then((q) => q.processAllAvailable())).rejects.toThrow(/sourceArchiveDir/)
    })

    it("a file stream without a schema fails with Spark's message", () => {
      const dir = folder('no-schema')
      jsonFile(join(dir, 'a.json'), [1], 1_000)
      // DataSource.sourceSchema: createStreamingSourceNotSpecifySchemaError
      const load = async () => (await spark.readStream.json(dir).writeStream.format('memory').queryName(queryName('no_schema')).start()).stop()
      return expect(load()).rejects.toThrow("Schema must be specified when creating a streaming source DataFrame. If some files already exist in the directory, then depending on the file format you may be able to create a static DataFrame on that directory with 'spark.read.load(directory)' and infer schema from it.")
    })

    it('partition columns come from key=value folders, after the data columns', async () => {
      const dir = folder('partitioned')
      jsonFile(join(dir, 'k=1', 'a.json'), [10], 1_000)
      jsonFile(join(dir, 'k=2', 'b.json'), [20, 21], 2_000)
      const df = spark.readStream.schema('n INT').json(dir)
      const query = await df.writeStream.format('memory').queryName('guide_partitioned').start()
      await query.processAllAvailable()
      await query.stop()
      expect(await spark.sql('SELECT * FROM guide_partitioned ORDER BY n').collect()).toEqual([{ n: 10, k: 1 }, { n: 20, k: 2 }, { n: 21, k: 2 }])
    })

    it('a text stream gets partition columns from key=value folders too, after value', async () => {
      // Partition discovery applies to every file-based source (Spark SQL guide, "Partition Discovery");
      // a text source's data schema is the single column value STRING (DataStreamReader.text docs).
      const dir = folder('partitioned-text')
      for (const [sub, lines, mtime] of [['day=2024-01-01', 'a\nb\n', 1_000], ['day=2024-01-02', 'c\n', 2_000]] as const) {
        mkdirSync(join(dir, sub), { recursive: true })
        writeFileSync(join(dir, sub, 'part.txt'), lines)
        utimesSync(join(dir, sub, 'part.txt'), mtime, mtime)
      }
      const df = spark.readStream.text(dir)
      expect(await df.dtypes()).toEqual([['value', 'string'], ['day', 'date']])
      const query = await df.writeStream.format('memory').queryName('guide_partitioned_text').start()
      await query.processAllAvailable()
      await query.stop()
      expect((await spark.sql("SELECT value, CAST(day AS STRING) AS day FROM guide_partitioned_text ORDER BY value").collect()))
        .toEqual([{ value: 'a', day: '2024-01-01' }, { value: 'b', day: '2024-01-01' }, { value: 'c', day: '2024-01-02' }])
      // The batch text reader discovers the same column.
      expect(await spark.read.text(dir).selectExpr('value', 'CAST(day AS STRING) AS day').orderBy('value').collect())
        .toEqual([{ value: 'a', day: '2024-01-01' }, { value: 'b', day: '2024-01-01' }, { value: 'c', day: '2024-01-02' }])
    })
  })

  /** Runs `df` into memory table `name` for about `ms` of wall time, then stops it; returns the (timestamp, value) rows in arrival order. */
  async function runForAWhile(df: DataFrame, name: string, ms: number): Promise<{ ts: Date; value: bigint }[]> {
    const query = await df.writeStream.format('memory').queryName(name).start()
    await new Promise((done) => setTimeout(done, ms))
    await query.processAllAvailable()
    await query.stop()
    return (await spark.sql(`SELECT timestamp AS ts, value FROM ${name}`).collect()) as { ts: Date; value: bigint }[]
  }

  // Programming Guide, "Input Sources": Rate source.
  describe('rate source', () => {
    it('has columns timestamp TIMESTAMP and value BIGINT', async () => {
      const schema = await spark.readStream.format('rate').load().schema()
      expect(schema.fields.map((f) => [f.name, f.dataType.kind])).toEqual([['timestamp', 'timestamp'], ['value', 'long']])
    })

    it('rowsPerSecond: values 0,1,2,… in order, rowsPerSecond per elapsed second', async () => {
      const rows = await runForAWhile(spark.readStream.format('rate').option('rowsPerSecond', 5).load(), 'guide_rate_rows', 2_300)
      const values = rows.map((r) => Number(r.value))
      expect(values.length % 5).toBe(0)
      expect(values.length).toBeGreaterThanOrEqual(10)
      expect(values).toEqual(Array.from({ length: values.length }, (_, i) => i))
      // 5 rows per second: 200 ms apart
      expect(rows[1]!.ts.getTime() - rows[0]!.ts.getTime()).toBe(200)
    })

    it('numPartitions spreads the same values over partitions', async () => {
      const rows = await runForAWhile(spark.readStream.format('rate').options({ rowsPerSecond: 4, numPartitions: 2 }).load(), 'guide_rate_partitions', 1_300)
      const values = rows.map((r) => Number(r.value)).sort((a, b) => a - b)
      expect(values.length).toBeGreaterThanOrEqual(4)
      expect(values).toEqual(Array.from({ length: values.length }, (_, i) => i))
    })

    it('rampUpTime: the speed grows linearly to rowsPerSecond', async () => {
      // RateStreamProvider.valueAtSecond, rowsPerSecond 10, rampUpTime 2s: speed +3 per second; totals 3, 9, then +10 per second
      const rows = await runForAWhile(spark.readStream.format('rate').options({ rowsPerSecond: 10, rampUpTime: '2s' }).load(), 'guide_rate_ramp', 2_300)
      expect([9, 19, 29]).toContain(rows.length)
      expect(rows.map((r) => Number(r.value))).toEqual(Array.from({ length: rows.length }, (_, i) => i))
    })

    it('rejects a non-positive rowsPerSecond', async () => {
      const start = (async () => (await spark.readStream.format('rate').option('rowsPerSecond', 0).load()
        .writeStream.format('memory').queryName(queryName('rate_zero')).start()).processAllAvailable())()
      await expect(start).rejects.toThrow("Invalid value '0'. The option 'rowsPerSecond' must be positive")
    })
  })

  // Programming Guide, "Input Sources": Rate Per Micro-Batch source (Spark 3.3+).
  describe('rate-micro-batch source', () => {
    it('gives rowsPerBatch values per batch, stamped startTimestamp + batchId × advanceMillisPerBatch', async () => {
      const seen: { batchId: number; rows: { timestamp: Date; value: bigint }[] }[] = []
      const query = await spark.readStream.format('rate-micro-batch').options({ rowsPerBatch: 3, numPartitions: 2, startTimestamp: 1_000, advanceMillisPerBatch: 500 }).load()
        .writeStream.foreachBatch(async (df, batchId) => {
          if (seen.length < 3) seen.push({ batchId, rows: (await df.orderBy('value').collect()) as { timestamp: Date; value: bigint }[] })
        }).start()
      while (seen.length < 3) await new Promise((done) => setTimeout(done, 20))
      await query.stop()
      expect(seen.map((b) => b.batchId)).toEqual([0, 1, 2])
      expect(seen.map((b) => b.rows.map((r) => Number(r.value)))).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8]])
      expect(seen.map((b) => b.rows.map((r) => r.timestamp.getTime()))).toEqual([[1_000, 1_000, 1_000], [1_500, 1_500, 1_500], [2_000, 2_000, 2_000]])
    })

    it('with availableNow runs exactly one batch, and continues from the checkpoint', async () => {
      const checkpoint = folder('rate-micro-batch-checkpoint')
      const run = async () => {
        const query = await spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 2).load()
          .writeStream.format('memory').queryName('guide_rate_micro_batch_now').option('checkpointLocation', checkpoint).trigger({ availableNow: true }).start()
        await query.awaitTermination(30_000)
        return spark.sql('SELECT timestamp, value FROM guide_rate_micro_batch_now ORDER BY value').collect()
      }
      expect(await run()).toEqual([{ timestamp: new Date(0), value: 0n }, { timestamp: new Date(0), value: 1n }])
      expect(await run()).toEqual([{ timestamp: new Date(1_000), value: 2n }, { timestamp: new Date(1_000), value: 3n }])
    })

    it('requires a positive rowsPerBatch', async () => {
      const start = (async () => (await spark.readStream.format('rate-micro-batch').load()
        .writeStream.format('memory').queryName(queryName('rmb_zero')).start()).processAllAvailable())()
      await expect(start).rejects.toThrow("Invalid value '0'. The option 'rowsPerBatch' must be positive")
    })
  })
})
