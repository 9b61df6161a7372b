import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice, type DataFrame } from '@sluice/client'

// Structured Streaming Programming Guide, "Input Sources" (file source options) and DataStreamReader docs.

let spark: Sluice
let root: string
beforeAll(async () => {
  spark = await Sluice.builder().appName('guide-sources-sinks').getOrCreate()
  root = mkdtempSync(join(tmpdir(), 'sluice-guide-sources-'))
})
afterAll(async () => {
  await spark.stop()
  rmSync(root, { recursive: true, force: true })
})

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
})
