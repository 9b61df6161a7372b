import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ManualClock } from '@sluice/shared'
import { Sluice } from '../session/sluice.js'
import { testStream } from '../testing/stream-test.js'
import { FileStreamInput } from '../testing/file-stream-input.js'
import { addData, advanceClock, checkAnswer, checkNewAnswer, execute, expectFailure, startStream, stopStream } from '../testing/stream-actions.js'

let spark: Sluice
let root: string
beforeAll(async () => {
  spark = await Sluice.builder().appName('file-source-stream-test').getOrCreate()
  root = mkdtempSync(join(tmpdir(), 'sluice-file-source-test-'))
})
afterAll(async () => {
  await spark.stop()
  rmSync(root, { recursive: true, force: true })
})

let folders = 0
const folder = (name: string) => join(root, `${name}-${++folders}`)
const SCHEMA = 'id INT, name STRING'
const readJson = (dir: string, options: Record<string, string | number> = {}) =>
  spark.readStream.format('json').schema(SCHEMA).options({ maxFilesPerTrigger: 1, ...options }).load(dir)
/** An offset of a progress source as an object (Spark prints it as JSON). */
const offset = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) as unknown : value)

describe('file stream source', () => {
  it('should read one file per trigger with maxFilesPerTrigger 1 and report file log offsets', async () => {
    const input = new FileStreamInput(folder('json-in'))
    input.addData({ id: 1, name: 'a' }, { id: 2, name: 'b' })
    input.addData({ id: 3, name: 'c' })
    input.addData({ id: 4, name: 'd' }, { id: 5, name: 'e' }, { id: 6, name: 'f' })
    await testStream(readJson(input.directory), 'append', [
      checkAnswer([1, 'a'], [2, 'b'], [3, 'c'], [4, 'd'], [5, 'e'], [6, 'f']),
      execute(({ query }) => {
        const progress = query.recentProgress
        expect(progress.map((p) => p.batchId)).toEqual([0, 1, 2])
        expect(progress.map((p) => p.numInputRows)).toEqual([2, 1, 3])
        expect(progress.map((p) => p.sink.numOutputRows)).toEqual([2, 1, 3])
        expect(progress.map((p) => offset(p.sources[0]!.endOffset))).toEqual([{ logOffset: 0 }, { logOffset: 1 }, { logOffset: 2 }])
        expect(progress.map((p) => offset(p.sources[0]!.startOffset))).toEqual([null, { logOffset: 0 }, { logOffset: 1 }])
      }),
      addData(input, { id: 7, name: 'g' }),
      checkNewAnswer([7, 'g']),
      stopStream(),
      addData(input, { id: 8, name: 'h' }),
      addData(input, { id: 9, name: 'i' }),
      startStream(),
      checkNewAnswer([8, 'h'], [9, 'i']),
      execute(({ query }) => { expect(query.recentProgress.map((p) => p.batchId)).toEqual([4, 5]) }),
    ])
  })

  it('should read everything in one batch with trigger once, then stop by itself', async () => {
    const input = new FileStreamInput(folder('json-once'))
    input.addData({ id: 1, name: 'a' })
    input.addData({ id: 2, name: 'b' })
    await testStream(readJson(input.directory), 'append', [
      startStream({ trigger: { once: true } }),
      checkAnswer([1, 'a'], [2, 'b']),
      execute(({ query }) => {
        expect(query.isActive).toBe(false)
        expect(query.recentProgress.map((p) => p.numInputRows)).toEqual([2])
      }),
      addData(input, { id: 3, name: 'c' }),
      startStream({ trigger: { once: true } }),
      checkNewAnswer([3, 'c']),
    ])
  })

  it('should run a processing-time trigger on a ManualClock', async () => {
    const input = new FileStreamInput(folder('json-clock'))
    const clock = new ManualClock(1_000_000)
    await testStream(readJson(input.directory), 'append', [
      startStream({ trigger: { processingTime: '10 seconds' }, clock }),
      addData(input, { id: 1, name: 'a' }),
      advanceClock(5_000),
      checkAnswer(),
      advanceClock(5_000),
      checkAnswer([1, 'a']),
    ])
  })

  // Spark stamps progress with the trigger clock's time at the trigger start (triggerClock.getTimeMillis()).
  it('should stamp progress with the ManualClock time of the trigger', async () => {
    const input = new FileStreamInput(folder('json-clock-stamp'))
    const clock = new ManualClock(1_000_000)
    await testStream(readJson(input.directory), 'append', [
      startStream({ trigger: { processingTime: '10 seconds' }, clock }),
      addData(input, { id: 1, name: 'a' }),
      advanceClock(10_000),
      checkAnswer([1, 'a']),
      execute(({ query }) => { expect(query.lastProgress?.timestamp).toBe(new Date(1_010_000).toISOString()) }),
    ])
  })

  it('should write parquet with availableNow in several batches, stop by itself, and read back with spark.read.parquet', async () => {
    const input = new FileStreamInput(folder('json-available-now'))
    const expected: { id: number; name: string }[] = []
    for (let f = 0; f < 4; f++) {
      const rows = [0, 1, 2].map((i) => ({ id: f * 10 + i, name: `n${f}-${i}` }))
      expected.push(...rows)
      input.addData(...rows)
    }
    const out = folder('parquet-out')
    const checkpoint = folder('checkpoint')
    const query = await readJson(input.directory).writeStream.format('parquet').option('checkpointLocation', checkpoint)
      .trigger({ availableNow: true }).start(out)
    expect(await query.awaitTermination(30_000)).toBe(true)
    expect(query.isActive).toBe(false)
    expect(query.recentProgress.map((p) => p.numInputRows)).toEqual([3, 3, 3, 3])
    const back = await spark.read.parquet(out).collect()
    expect(back.sort((a, b) => (a['id'] as number) - (b['id'] as number))).toEqual(expected)
    expect(existsSync(join(out, '_spark_metadata'))).toBe(true)
    expect(readdirSync(join(checkpoint, 'commits')).filter((n) => /^\d+$/.test(n)).sort()).toEqual(['0', '1', '2', '3'])
  })

  it('should write every row exactly once to a parquet sink across stops and restarts', async () => {
    const input = new FileStreamInput(folder('json-restarts'))
    const out = folder('parquet-restarts')
    const checkpoint = folder('checkpoint-restarts')
    const expected: { id: number; name: string }[] = []
    const start = () => readJson(input.directory).writeStream.format('parquet').option('checkpointLocation', checkpoint).start(out)
    for (let run = 0; run < 3; run++) {
      const rows = [0, 1].map((i) => ({ id: run * 10 + i, name: `run${run}` }))
      expected.push(...rows)
      input.addData(...rows.slice(0, 1))
      const query = await start()
      input.addData(...rows.slice(1))
      await query.processAllAvailable()
      await query.stop()
    }
    const back = await spark.read.parquet(out).collect()
    expect(back.sort((a, b) => (a['id'] as number) - (b['id'] as number))).toEqual(expected)
  })

  it('should read csv files with a header and text files as value lines', async () => {
    const csv = new FileStreamInput(folder('csv-in'), 'csv')
    csv.addData('id,name', '1,a', '2,b')
    await testStream(spark.readStream.format('csv').schema(SCHEMA).option('header', true).load(csv.directory), 'append', [
      checkAnswer([1, 'a'], [2, 'b']),
      addData(csv, 'id,name', '3,c'),
      checkNewAnswer([3, 'c']),
    ])
    const text = new FileStreamInput(folder('text-in'), 'txt')
    text.addData('first line', 'second line')
    await testStream(spark.readStream.format('text').load(text.directory), 'append', [
      checkAnswer('first line', 'second line'),
    ])
  })

  it('should refuse a file stream without a schema, as Spark does', async () => {
    const input = new FileStreamInput(folder('json-no-schema'))
    input.addData({ id: 1, name: 'a' })
    // Spark refuses at load(); Sluice may refuse at load() or at start(): either way, before any batch.
    const started = (async () => spark.readStream.format('json').load(input.directory).writeStream.format('memory').queryName('no_schema').start())()
    await expect(started).rejects.toThrow(/schema/i)
  })

  it('should give awaitTermination false on timeout and true after stop; list the query in spark.streams.active', async () => {
    const input = new FileStreamInput(folder('json-await'))
    const query = await readJson(input.directory).writeStream.format('memory').queryName('await_termination_test').start()
    expect(spark.streams.active.map((q) => q.id)).toContain(query.id)
    expect(await query.awaitTermination(50)).toBe(false)
    await query.stop()
    expect(await query.awaitTermination(50)).toBe(true)
    expect(spark.streams.active.map((q) => q.id)).not.toContain(query.id)
  })
})

describe('file stream source parse modes', () => {
  /** 10,000 JSON lines, every 100th (lines 100, 200, ...) malformed, written aside then renamed in as `dir/name`. */
  function writeMalformedFile(dir: string, name = 'part-00000.json'): void {
    const lines: string[] = []
    for (let line = 1; line <= 10_000; line++) lines.push(line % 100 === 0 ? `{"id": ${line}, "name": ` : JSON.stringify({ id: line, name: `n${line}` }))
    writeFileSync(join(dir, `.${name}.tmp`), lines.join('\n') + '\n')
    renameSync(join(dir, `.${name}.tmp`), join(dir, name))
  }

  it('should keep every row in PERMISSIVE mode, with the raw line in _corrupt_record for the 100 malformed', async () => {
    const dir = folder('permissive')
    new FileStreamInput(dir)
    writeMalformedFile(dir)
    const df = spark.readStream.format('json').schema(`${SCHEMA}, _corrupt_record STRING`).option('mode', 'PERMISSIVE').load(dir)
    await testStream(df, 'append', [
      execute(async ({ query, sink }) => {
        await query.processAllAvailable()
        const rows = sink.allRows()
        expect(rows.length).toBe(10_000)
        const corrupt = rows.filter((r) => r[2] !== null)
        expect(corrupt.length).toBe(100)
        expect(corrupt.find((r) => String(r[2]).startsWith('{"id": 100,'))?.[2]).toBe('{"id": 100, "name": ')
        expect(rows.filter((r) => r[0] === 101 && r[1] === 'n101' && r[2] === null).length).toBe(1)
        expect(query.lastProgress?.numInputRows).toBe(10_000)
      }),
    ])
  })

  it('should drop the 100 malformed lines in DROPMALFORMED mode', async () => {
    const dir = folder('dropmalformed')
    new FileStreamInput(dir)
    writeMalformedFile(dir)
    const df = spark.readStream.format('json').schema(SCHEMA).option('mode', 'DROPMALFORMED').load(dir)
    await testStream(df, 'append', [
      execute(async ({ query, sink }) => {
        await query.processAllAvailable()
        const ids = sink.allRows().map((r) => r[0] as number)
        expect(ids.length).toBe(9_900)
        expect(ids.some((id) => id % 100 === 0)).toBe(false)
      }),
    ])
  })

  it('should fail in FAILFAST mode naming the file and line, commit nothing of that batch, and fail the same way on restart', async () => {
    const dir = folder('failfast')
    const input = new FileStreamInput(dir)
    input.addData({ id: 1, name: 'good' })
    const bad = join(dir, 'part-00001.json')
    const checkpoint = folder('failfast-checkpoint')
    const df = spark.readStream.format('json').schema(SCHEMA).options({ mode: 'FAILFAST', maxFilesPerTrigger: 1 }).load(dir)
    const where = new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*line 100`)
    const run = await testStream(df, 'append', [
      startStream({ checkpointLocation: checkpoint }),
      checkAnswer([1, 'good']),
      execute(() => { writeMalformedFile(dir, 'part-00001.json') }),
      expectFailure('MALFORMED_RECORD_IN_PARSING', where),
      execute(({ query, sink }) => {
        expect(sink.allRows()).toEqual([[1, 'good']])
        expect(query.exception()?.message).toMatch(where)
        expect(existsSync(join(checkpoint, 'commits', '1'))).toBe(false)
      }),
      startStream({ checkpointLocation: checkpoint }),
      expectFailure('MALFORMED_RECORD_IN_PARSING', where),
      execute(({ sink }) => {
        expect(sink.lastBatchId).toBe(0)
        expect(existsSync(join(checkpoint, 'commits', '1'))).toBe(false)
      }),
    ])
    expect(run.lastQuery?.isActive).toBe(false)
  })
})

