import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { col, expr, window, type Sluice } from '@sluice/client'
import { MemoryStream, addData, assertOnQuery, checkNewAnswer, testStream } from '@sluice/client/testing'
import { SESSION_MODES } from '../support/session-modes.js'
import { useModeSession } from '../support/mode-session-hooks.js'

// Structured Streaming Programming Guide, "Managing Streaming Queries", "Monitoring Streaming Queries"
// and "Recovering from Failures with Checkpointing" (docs/streaming/apis-on-dataframes-and-datasets.md).

let spark: Sluice
let root: string

for (const mode of SESSION_MODES) describe(`guide: monitoring and managing queries (${mode})`, () => {
  useModeSession(mode, 'guide-monitoring', (s) => { spark = s.spark })
  beforeAll(() => { root = mkdtempSync(join(tmpdir(), 'sluice-guide-monitoring-')) })
  afterAll(() => { rmSync(root, { recursive: true, force: true }) })

  describe('reading metrics interactively', () => {
    it('should give lastProgress with the fields of the guide\'s example and a status waiting for data', async () => {
      const input = new MemoryStream('time TIMESTAMP, word STRING')
      const df = input.toDF().withWatermark('time', '10 minutes').groupBy(window(col('time'), '10 minutes'), col('word')).count()
      const query = await df.writeStream.format('memory').queryName('MyQuery').outputMode('update').start()
      input.addData(['2024-01-01 12:07:00', 'dog'], ['2024-01-01 12:08:00', 'owl'], ['2024-01-01 12:09:00', 'dog'])
      await query.processAllAvailable()
      const p = query.recentProgress.find((r) => r.numInputRows > 0)!
      expect(p).toMatchObject({ id: query.id, runId: query.runId, name: 'MyQuery', batchId: 0, numInputRows: 3 })
      expect(Object.keys(p)).toEqual(expect.arrayContaining(['timestamp', 'inputRowsPerSecond', 'processedRowsPerSecond', 'durationMs', 'eventTime', 'stateOperators', 'sources', 'sink']))
      expect(p.durationMs['triggerExecution']).toBeGreaterThanOrEqual(0)
      expect(p.durationMs).toHaveProperty('addBatch')
      expect(p.eventTime).toMatchObject({ min: '2024-01-01T12:07:00.000Z', max: '2024-01-01T12:09:00.000Z', avg: '2024-01-01T12:08:00.000Z', watermark: '1970-01-01T00:00:00.000Z' })
      expect(p.stateOperators[0]).toMatchObject({ numRowsTotal: 2, numRowsUpdated: 2 })
      // Spark's MemoryStream ends its first addData call at offset 0 (LongOffset(-1) + 1, execution/streaming/sources/memory.scala).
      expect(p.sources[0]).toMatchObject({ startOffset: null, endOffset: 0, latestOffset: 0, numInputRows: 3 })
      expect(p.sink.description).toContain('MemorySink')
      expect(query.status).toEqual({ message: 'Waiting for data to arrive', isDataAvailable: false, isTriggerActive: false })
      await query.stop()
      expect(query.status.isTriggerActive).toBe(false)
    })

    it('should keep spark.sql.streaming.numRecentProgressUpdates − 1 progresses in recentProgress, as Spark\'s buffer does', async () => {
      spark.conf.set('spark.sql.streaming.numRecentProgressUpdates', '3')
      try {
        const input = new MemoryStream('value INT')
        const query = await input.toDF().writeStream.format('memory').queryName('guide_recent').start()
        for (let i = 0; i < 5; i++) {
          input.addData(i)
          await query.processAllAvailable()
        }
        expect(query.recentProgress.filter((p) => p.numInputRows > 0).map((p) => p.batchId)).toEqual([3, 4])
        expect(query.lastProgress?.batchId).toBe(4)
        await query.stop()
      } finally {
        spark.conf.set('spark.sql.streaming.numRecentProgressUpdates', '100')
      }
    })
  })

  describe('StreamingQueryListener', () => {
    it('should call onQueryStarted, then onQueryProgress per batch, then onQueryTerminated, with the query\'s ids', async () => {
      const events: { type: string; id: string; runId: string; batchId?: number }[] = []
      const listener = {
        onQueryStarted: (e: { id: string; runId: string }) => { events.push({ type: 'started', id: e.id, runId: e.runId }) },
        onQueryProgress: (e: { progress: { id: string; runId: string; batchId: number; numInputRows: number } }) => {
          if (e.progress.numInputRows > 0) events.push({ type: 'progress', id: e.progress.id, runId: e.progress.runId, batchId: e.progress.batchId })
        },
        onQueryTerminated: (e: { id: string; runId: string }) => { events.push({ type: 'terminated', id: e.id, runId: e.runId }) },
      }
      spark.streams.addListener(listener)
      try {
        const input = new MemoryStream('value INT')
        const query = await input.toDF().writeStream.format('memory').queryName('guide_listener').start()
        input.addData(1)
        await query.processAllAvailable()
        input.addData(2)
        await query.processAllAvailable()
        await query.stop()
        await new Promise((resolve) => setTimeout(resolve, 20))
        const ids = { id: query.id, runId: query.runId }
        expect(events).toEqual([
          { type: 'started', ...ids },
          { type: 'progress', ...ids, batchId: 0 },
          { type: 'progress', ...ids, batchId: 1 },
          { type: 'terminated', ...ids },
        ])
      } finally {
        spark.streams.removeListener(listener)
      }
    })
  })

  describe('managing streaming queries', () => {
    it('should answer awaitTermination(timeout) with false while running and true once stopped', async () => {
      const input = new MemoryStream('value INT')
      const query = await input.toDF().writeStream.format('memory').queryName('guide_await').start()
      const started = Date.now()
      expect(await query.awaitTermination(200)).toBe(false)
      expect(Date.now() - started).toBeGreaterThanOrEqual(190)
      await query.stop()
      expect(await query.awaitTermination(200)).toBe(true)
      expect(query.isActive).toBe(false)
      expect(query.exception()).toBeNull()
    })

    it('should list active queries, get one by id, and forget terminated ones with resetTerminated', async () => {
      const a = new MemoryStream('value INT')
      const b = new MemoryStream('value INT')
      const qa = await a.toDF().writeStream.format('memory').queryName('guide_active_a').start()
      const qb = await b.toDF().writeStream.format('memory').queryName('guide_active_b').start()
      expect(spark.streams.active.map((q) => q.name)).toEqual(expect.arrayContaining(['guide_active_a', 'guide_active_b']))
      expect(spark.streams.get(qa.id)?.name).toBe('guide_active_a')
      await qa.stop()
      expect(spark.streams.active.map((q) => q.name)).not.toContain('guide_active_a')
      expect(spark.streams.get(qa.id)).toBeNull()
      // awaitAnyTermination returns at once: a query has terminated since the last resetTerminated
      expect(await spark.streams.awaitAnyTermination(100)).toBe(true)
      spark.streams.resetTerminated()
      expect(await spark.streams.awaitAnyTermination(100)).toBe(false)
      await qb.stop()
      expect(await spark.streams.awaitAnyTermination(100)).toBe(true)
      spark.streams.resetTerminated()
    })

    it('should give the failure through exception() and awaitTermination, and drop the query from active', async () => {
      const input = new MemoryStream('value INT')
      const query = await input.toDF().select(expr("assert_true(value < 10, 'too big')")).writeStream.format('memory').queryName('guide_failing').start()
      input.addData(50)
      await expect(query.awaitTermination(10_000)).rejects.toThrow(/too big/)
      expect(query.exception()?.message).toMatch(/too big/)
      expect(query.isActive).toBe(false)
      expect(spark.streams.active.map((q) => q.name)).not.toContain('guide_failing')
      spark.streams.resetTerminated()
    })

    it('should process all available data with processAllAvailable, through several batches', async () => {
      const input = new MemoryStream('value INT')
      const query = await input.toDF().writeStream.format('memory').queryName('guide_process_all').start()
      input.addData(1, 2)
      input.addData(3)
      await query.processAllAvailable()
      expect((await spark.sql('SELECT value FROM guide_process_all ORDER BY value').collect()).map((r) => r['value'])).toEqual([1, 2, 3])
      await query.stop()
    })
  })

  describe('recovering from failures with checkpointing', () => {
    it('should keep the query id and the aggregates across a restart on the same checkpoint, with a new runId', async () => {
      const checkpoint = join(root, 'recovery-checkpoint')
      const input = new MemoryStream('word STRING')
      const counts = input.toDF().groupBy('word').count()
      const start = () => counts.writeStream.outputMode('complete').option('checkpointLocation', checkpoint).format('memory').queryName('guide_recovery').start()
      const first = await start()
      input.addData('a', 'b', 'a')
      await first.processAllAvailable()
      await first.stop()
      input.addData('a', 'c')
      const second = await start()
      await second.processAllAvailable()
      expect(second.id).toBe(first.id)
      expect(second.runId).not.toBe(first.runId)
      expect(second.lastProgress?.batchId).toBe(1)
      expect(await spark.sql('SELECT word, count FROM guide_recovery ORDER BY word').collect())
        .toEqual([{ word: 'a', count: 3n }, { word: 'b', count: 1n }, { word: 'c', count: 1n }])
      await second.stop()
    })
  })

  describe('no-data micro-batches', () => {
    const minute = (m: number) => new Date(Date.UTC(2024, 0, 1, 12, m))
    const windowed = (input: MemoryStream) => input.toDF().withWatermark('time', '1 minute').groupBy(window(col('time'), '10 minutes')).count()
      .select(col('window.start'), col('count'))

    it('should run a batch without data to advance the watermark and emit the windows it closes', async () => {
      const input = new MemoryStream('time TIMESTAMP')
      await testStream(windowed(input), 'append', [
        addData(input, minute(1), minute(2), minute(14)),
        // batch 0 processes the rows; batch 1 has no data and runs with watermark 12:13, closing 12:00–12:10
        checkNewAnswer([minute(0), 2n]),
        assertOnQuery((q) => {
          const batches = q.recentProgress.filter((p) => p.durationMs['addBatch'] !== undefined)
          expect(batches.map((p) => [p.batchId, p.numInputRows])).toEqual([[0, 3], [1, 0]])
        }, 'a no-data batch ran'),
      ])
    })

    it('should wait for the next data batch with spark.sql.streaming.noDataMicroBatches.enabled=false', async () => {
      spark.conf.set('spark.sql.streaming.noDataMicroBatches.enabled', 'false')
      try {
        const input = new MemoryStream('time TIMESTAMP')
        await testStream(windowed(input), 'append', [
          addData(input, minute(1), minute(2), minute(14)),
          checkNewAnswer(),
          addData(input, minute(15)),
          // this batch runs with watermark 12:13 (from batch 0): the 12:00 window is emitted now
          checkNewAnswer([minute(0), 2n]),
        ])
      } finally {
        spark.conf.set('spark.sql.streaming.noDataMicroBatches.enabled', 'true')
      }
    })
  })
})
