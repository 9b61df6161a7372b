import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DataFrame, Sluice, StreamingQuery } from '@sluice/client'
import { generateActivityFiles } from '@sluice/datagen'
import {
  COURSE_COLUMNS, multisetDifference, readCourseJsonReference, replayDeltaLog, type CourseJsonReference,
} from '../support/index.js'
import { SESSION_MODES, openModeSession, type ModeSession } from '../support/session-modes.js'

// The course notebook "Spark Streaming basics" (examples/course-notebook.ts), statement
// by statement, on 5 files × 500 rows, each output checked against JSON.parse of the files,
// embedded and on clusters of real processes (SESSION_MODES), with the same answers.

const SCHEMA =
  'Arrival_Time BIGINT, Creation_Time BIGINT, Device STRING, Index BIGINT, Model STRING, ' +
  'User STRING, geolocation STRUCT<city: STRING, country: STRING>, gt STRING, id BIGINT, ' +
  'x DOUBLE, y DOUBLE, z DOUBLE'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const ISO_MS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

let root: string
let dataPath: string
let reference: CourseJsonReference

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sluice-course-'))
  dataPath = join(root, 'activity-json')
  await generateActivityFiles({ outDir: dataPath, files: 5, rowsPerFile: 500, seed: 7 })
  reference = await readCourseJsonReference(dataPath)
})
afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

const readJsonLines = async (path: string) => (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>)

for (const mode of SESSION_MODES) describe(`course notebook (${mode})`, () => {
  let session: ModeSession
  let spark: Sluice
  let staticDF: DataFrame
  let streamingDF: DataFrame
  const out = (name: string) => join(root, mode, name)

  beforeAll(async () => {
    session = await openModeSession(mode, 'streaming-concepts')
    spark = session.spark
    staticDF = spark.read.format('json').schema(SCHEMA).load(dataPath)
    streamingDF = spark.readStream.format('json').schema(SCHEMA).option('maxFilesPerTrigger', 1).load(dataPath)
  })
  afterAll(async () => {
    await session?.close()
  })

  it('should read the JSON folder as a batch with every row exact and mark it not streaming', async () => {
    expect(reference.rows.length).toBe(2500)
    expect(staticDF.isStreaming).toBe(false)
    expect(streamingDF.isStreaming).toBe(true)
    expect(multisetDifference(reference.rows, await staticDF.collect(), COURSE_COLUMNS)).toMatchObject({ missingCount: 0, extraCount: 0 })
  })

  it('should append the batch to a Delta table whose log is one parseable version with protocol, metaData and add', async () => {
    const table = out('static-write')
    await staticDF.write.format('delta').mode('append').save(table)
    const replay = await replayDeltaLog(table)
    expect(replay.commits.map((c) => c.version)).toEqual([0])
    const kinds = new Set(replay.commits[0]!.actions.flatMap((a) => Object.keys(a)))
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['add', 'metaData', 'protocol']))
    const readBack = await spark.read.format('delta').load(table).collect()
    expect(multisetDifference(reference.rows, readBack, COURSE_COLUMNS)).toMatchObject({ missingCount: 0, extraCount: 0 })
  })

  describe('streaming write to Delta with maxFilesPerTrigger 1', () => {
    let query: StreamingQuery
    const outputPath = () => out('streaming-concepts')
    const checkpointPath = () => join(outputPath(), 'checkpoint')

    beforeAll(async () => {
      query = await streamingDF.writeStream.format('delta').option('checkpointLocation', checkpointPath()).outputMode('append').start(outputPath())
    })

    it('should list the running query in streams.active under a UUID id', () => {
      expect(query.id).toMatch(UUID)
      expect(spark.streams.active.map((s) => s.id)).toContain(query.id)
      expect(query.isActive).toBe(true)
    })

    it('should return false from awaitTermination(ms) while it runs, then process one file per batch', async () => {
      expect(await query.awaitTermination(300)).toBe(false)
      await query.processAllAvailable()
      const progress = query.recentProgress.filter((p) => p.numInputRows > 0)
      expect(progress.map((p) => p.batchId)).toEqual([0, 1, 2, 3, 4])
      expect(progress.map((p) => p.numInputRows)).toEqual(reference.rowsPerFile)
    })

    it('should give progress objects with Spark\'s fields and meanings', () => {
      const progress = query.recentProgress[0]!
      expect(Object.keys(progress).slice(0, 9)).toEqual(['id', 'runId', 'name', 'timestamp', 'batchId', 'batchDuration', 'numInputRows', 'inputRowsPerSecond', 'processedRowsPerSecond'])
      expect(progress).toMatchObject({ id: query.id, runId: query.runId, name: null, batchId: 0, numInputRows: 500 })
      expect(progress.timestamp).toMatch(ISO_MS_UTC)
      expect(progress.durationMs).toEqual(expect.objectContaining({
        addBatch: expect.any(Number), getBatch: expect.any(Number), latestOffset: expect.any(Number),
        triggerExecution: expect.any(Number), walCommit: expect.any(Number), commitOffsets: expect.any(Number),
      }))
      expect(Object.keys(progress.durationMs)).toEqual([...Object.keys(progress.durationMs)].sort())
      // ProgressReporter.scala: processedRowsPerSecond = numInputRows / (max(1, batchDuration) / 1000)
      // Remote sessions read progress from Spark's JSON, which rounds rates to one decimal (as Spark Connect's clients see them).
      const rate = 500 * 1000 / Math.max(1, progress.batchDuration)
      if (mode === 'embedded') expect(progress.processedRowsPerSecond).toBeCloseTo(rate, 6)
      else expect(Math.abs(progress.processedRowsPerSecond - rate)).toBeLessThanOrEqual(0.05 + 1e-9)
      expect(progress.sources).toHaveLength(1)
      expect(progress.sources[0]).toMatchObject({ description: expect.stringContaining('FileStreamSource'), numInputRows: 500 })
      expect(progress.sources[0]!.endOffset).toEqual({ logOffset: 0 })
      expect(progress.sources[0]!.startOffset).toBeNull()
      expect(query.recentProgress[1]!.sources[0]).toMatchObject({ startOffset: { logOffset: 0 }, endOffset: { logOffset: 1 } })
      expect(progress.sink).toMatchObject({ description: expect.stringContaining('DeltaSink'), numOutputRows: 500 })
    })

    // Spark times query planning of every batch with data under durationMs.queryPlanning.
    it('should report queryPlanning in durationMs as Spark does', () => {
      expect(query.recentProgress[0]!.durationMs).toHaveProperty('queryPlanning')
    })

    it('should write one Delta version per batch carrying txn(appId = query id, version = batch id)', async () => {
      const replay = await replayDeltaLog(outputPath())
      expect(replay.commits.map((c) => c.version)).toEqual([0, 1, 2, 3, 4])
      expect(replay.txns.map((t) => [t.appId, t.version, t.commitVersion])).toEqual([0, 1, 2, 3, 4].map((v) => [query.id, v, v]))
      for (const commit of replay.commits) {
        const added = commit.actions.flatMap((a) => (a['add'] ? [a['add'] as { stats?: string }] : []))
        const records = added.reduce((sum, add) => sum + (JSON.parse(add.stats ?? '{"numRecords":0}') as { numRecords: number }).numRecords, 0)
        expect(records).toBe(500)
      }
      const readBack = await spark.read.format('delta').load(outputPath()).collect()
      expect(multisetDifference(reference.rows, readBack, COURSE_COLUMNS)).toMatchObject({ missingCount: 0, extraCount: 0 })
    })

    it('should keep Spark\'s checkpoint layout: metadata with the id, offsets/N and commits/N per batch', async () => {
      const metadata = await readJsonLines(join(checkpointPath(), 'metadata'))
      expect(metadata[0]).toEqual({ id: query.id })
      const offsets = (await readdir(join(checkpointPath(), 'offsets'))).filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b)
      const commits = (await readdir(join(checkpointPath(), 'commits'))).filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b)
      expect(offsets).toEqual([0, 1, 2, 3, 4])
      expect(commits).toEqual([0, 1, 2, 3, 4])
      const offsetLines = (await readFile(join(checkpointPath(), 'offsets', '2'), 'utf8')).split('\n')
      expect(offsetLines[0]).toBe('v1')
      expect(JSON.parse(offsetLines[1]!)).toMatchObject({ batchWatermarkMs: 0, batchTimestampMs: expect.any(Number) })
      expect(JSON.parse(offsetLines[2]!)).toEqual({ logOffset: 2 })
    })

    it('should stop, leaving no active query and terminating awaitTermination', async () => {
      await query.stop()
      expect(query.isActive).toBe(false)
      expect(spark.streams.active.map((s) => s.id)).not.toContain(query.id)
      expect(await query.awaitTermination(100)).toBe(true)
    })
  })

  describe('display to a memory table', () => {
    let display: StreamingQuery

    beforeAll(async () => {
      display = await spark.display(streamingDF, { streamName: 'streaming_display' })
    })

    it('should run as an active query named streaming_display', () => {
      expect(spark.streams.active.filter((s) => s.name === 'streaming_display').map((s) => s.id)).toEqual([display.id])
      expect(display.recentProgress.length).toBeGreaterThan(0)
    })

    it('should register streaming_display as a temporary table', async () => {
      expect(await spark.catalog.listTables()).toContainEqual(expect.objectContaining({ name: 'streaming_display', tableType: 'TEMPORARY', isTemporary: true }))
    })

    it('should answer the notebook\'s SQL with exactly the rows whose gt is stand', async () => {
      await display.processAllAvailable()
      const rows = await spark.sql('SELECT * FROM streaming_display WHERE gt = "stand"').collect()
      const expected = reference.rows.filter((row) => row.gt === 'stand')
      expect(expected.length).toBeGreaterThan(0)
      expect(multisetDifference(expected, rows, COURSE_COLUMNS)).toMatchObject({ missingCount: 0, extraCount: 0 })
      expect(await spark.sql('SELECT count(*) AS n FROM streaming_display').collect()).toEqual([{ n: 2500n }])
    })

    it('should stop every active stream', async () => {
      for (const stream of spark.streams.active) await stream.stop()
      expect(spark.streams.active).toEqual([])
    })
  })
})
