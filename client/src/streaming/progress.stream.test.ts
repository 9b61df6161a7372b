import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StreamingQueryListener, StreamingQueryProgress } from '@sluice/coordinator'
import { Sluice } from '../session/sluice.js'
import { MemoryStream } from '../testing/memory-stream.js'
import { testStream } from '../testing/stream-test.js'
import { addData, checkNewAnswer, execute, expectFailure } from '../testing/stream-actions.js'
import { count, window } from '../functions/index.js'
import { col, expr } from '../column/index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('progress-stream-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

/** Lets queued listener deliveries run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

/** The progress of triggers that ran a batch; idle triggers report progress too (without addBatch), as Spark's updateIdleness. */
const executed = (progress: readonly StreamingQueryProgress[]) => progress.filter((p) => 'addBatch' in p.durationMs)

describe('streaming progress and listeners', () => {
  it('should report batch ids, input rows, memory offsets, sink rows and the event-time watermark', async () => {
    const input = new MemoryStream('value INT')
    const df = input.toDF().withColumn('eventTime', expr('cast(value as timestamp)')).withWatermark('eventTime', '5 seconds')
      .groupBy(window('eventTime', '10 seconds')).agg(count('*').alias('n')).select(col('window.start').cast('long'), col('n'))
    await testStream(df, 'append', [
      addData(input, 1, 2, 3),
      checkNewAnswer(),
      addData(input, 30),
      checkNewAnswer([0n, 3n]),
      execute(({ query }) => {
        const progress = executed(query.recentProgress)
        // batch 0 (3 rows), no-data batch 1 (watermark moves to -2 s: nothing), batch 2 (30), no-data batch 3 (watermark 25 s)
        const withData = progress.filter((p) => p.numInputRows > 0)
        expect(withData.map((p) => p.numInputRows)).toEqual([3, 1])
        expect(progress.map((p) => p.batchId)).toEqual(progress.map((_, i) => progress[0]!.batchId + i))
        // Spark's MemoryStream (execution/streaming/sources/memory.scala) starts at LongOffset(-1) and adds 1 per addData
        // call, so the two calls end at 0 and 1; the first batch has no committed start offset (null).
        expect(withData.map((p) => [p.sources[0]!.startOffset, p.sources[0]!.endOffset].map(String))).toEqual([['null', '0'], ['0', '1']])
        const last = query.lastProgress!
        expect(last.eventTime['watermark']).toBe('1970-01-01T00:00:25.000Z')
        expect(last.sink.numOutputRows).toBe(1)
        expect(last.sink.description).toBe('MemorySink')
        expect(last.id).toBe(query.id)
        expect(last.runId).toBe(query.runId)
        expect(Object.keys(last.durationMs)).toEqual(expect.arrayContaining(['addBatch', 'getBatch', 'latestOffset', 'triggerExecution', 'walCommit', 'commitOffsets']))
        const batch0 = withData[0]!
        expect(batch0.eventTime).toMatchObject({ min: '1970-01-01T00:00:01.000Z', max: '1970-01-01T00:00:03.000Z', avg: '1970-01-01T00:00:02.000Z', watermark: '1970-01-01T00:00:00.000Z' })
      }),
    ])
  })

  // Spark's durationMs has queryPlanning for every batch (MicroBatchExecution.runBatch, FORMATS.md §4).
  it('should report queryPlanning in durationMs', async () => {
    const input = new MemoryStream('value INT')
    await testStream(input.toDF(), 'append', [
      addData(input, 1),
      checkNewAnswer(1),
      execute(({ query }) => { expect(Object.keys(query.lastProgress!.durationMs)).toContain('queryPlanning') }),
    ])
  })

  it('should send started, progress and terminated events with Spark\'s fields to listeners', async () => {
    const events: { kind: string; event: Record<string, unknown> }[] = []
    const listener: StreamingQueryListener = {
      onQueryStarted: (event) => { events.push({ kind: 'started', event: { ...event } }) },
      onQueryProgress: (event) => { events.push({ kind: 'progress', event: { ...event } }) },
      onQueryTerminated: (event) => { events.push({ kind: 'terminated', event: { ...event } }) },
    }
    spark.streams.addListener(listener)
    try {
      const input = new MemoryStream('value INT')
      const query = await input.toDF().writeStream.format('memory').queryName('listener_test').start()
      input.addData(1, 2)
      await query.processAllAvailable()
      await query.stop()
      await settle()
      expect(events.map((e) => e.kind)).toEqual(['started', 'progress', 'terminated'])
      expect(events[0]!.event).toMatchObject({ id: query.id, runId: query.runId, name: 'listener_test' })
      expect(typeof events[0]!.event['timestamp']).toBe('string')
      const progress = events[1]!.event['progress'] as { batchId: number; numInputRows: number; name: string }
      expect(progress).toMatchObject({ batchId: 0, numInputRows: 2, name: 'listener_test' })
      expect(events[2]!.event).toMatchObject({ id: query.id, runId: query.runId, exception: null, errorClassOnException: null })
    } finally {
      spark.streams.removeListener(listener)
    }
  })

  it('should give the failure in exception(), awaitTermination and the terminated event', async () => {
    const terminated: Record<string, unknown>[] = []
    const listener: StreamingQueryListener = { onQueryTerminated: (event) => { terminated.push({ ...event }) } }
    spark.streams.addListener(listener)
    try {
      const input = new MemoryStream('value STRING')
      const df = input.toDF().select(expr("assert_true(value != 'bad', 'saw a bad row')").alias('ok'))
      await testStream(df, 'append', [
        addData(input, 'bad'),
        expectFailure((e) => /saw a bad row/.test(e.message)),
        execute(async ({ query }) => {
          expect(query.isActive).toBe(false)
          expect(query.exception()?.message).toMatch(/saw a bad row/)
          expect(query.exception()?.message).toContain(query.id)
          await expect(query.awaitTermination(10)).rejects.toThrow(/saw a bad row/)
          await settle()
          expect(terminated.at(-1)).toMatchObject({ id: query.id })
          expect(String(terminated.at(-1)!['exception'])).toMatch(/saw a bad row/)
        }),
      ])
    } finally {
      spark.streams.removeListener(listener)
    }
  })

  it('should keep the same id and a new runId across restarts, with batch ids continuing', async () => {
    const input = new MemoryStream('value INT')
    const ids: string[] = []
    const runIds: string[] = []
    const record = execute(({ query }) => { ids.push(query.id); runIds.push(query.runId) })
    const { stopStream, startStream } = await import('../testing/stream-actions.js')
    await testStream(input.toDF(), 'append', [
      addData(input, 1), checkNewAnswer(1), record,
      stopStream(), startStream(),
      addData(input, 2), checkNewAnswer(2), record,
      execute(({ query }) => { expect(executed(query.recentProgress).map((p) => p.batchId)).toEqual([1]) }),
    ])
    expect(new Set(ids).size).toBe(1)
    expect(new Set(runIds).size).toBe(2)
  })

  // Spark's ProgressReporter.updateIdleness: a trigger that runs no batch adds its progress at most once per
  // spark.sql.streaming.noDataProgressEventInterval (10 s), the first time in a run without a QueryIdleEvent.
  // finishNoExecutionTrigger reports the next batch id and no input rows; SinkProgress.numOutputRows is -1 while no batch ran.
  it('should record one idle progress, without an event, when a run starts without data', async () => {
    const events: string[] = []
    const listener: StreamingQueryListener = { onQueryProgress: () => { events.push('progress') }, onQueryIdle: () => { events.push('idle') } }
    spark.streams.addListener(listener)
    try {
      const input = new MemoryStream('value INT')
      const query = await input.toDF().writeStream.format('memory').queryName('idle_start_test').start()
      try {
        await query.processAllAvailable()
        await settle()
        expect(query.recentProgress).toHaveLength(1)
        const idle = query.lastProgress!
        expect(idle).toMatchObject({ batchId: 0, numInputRows: 0, stateOperators: [], eventTime: {}, sink: { description: 'MemorySink', numOutputRows: -1 } })
        expect(idle.sources).toEqual([expect.objectContaining({ startOffset: null, endOffset: null, numInputRows: 0 })])
        expect(Object.keys(idle.durationMs)).toEqual(['latestOffset', 'triggerExecution'])
        expect(events).toEqual([])
        input.addData(1)
        await query.processAllAvailable()
        await settle()
        expect(query.recentProgress.map((p) => [p.batchId, p.numInputRows])).toEqual([[0, 0], [0, 1]])
        expect(events).toEqual(['progress'])
      } finally {
        await query.stop()
      }
    } finally {
      spark.streams.removeListener(listener)
    }
  })

  // Spark's ProgressContext.resetExecStatsForNoExecution: idle progress keeps the last batch's state totals with
  // numRowsUpdated 0, 0 output rows, and only the watermark in eventTime; QueryIdleEvent carries the trigger start.
  it('should post QueryIdleEvent with an idle progress once noDataProgressEventInterval passes after a batch', async () => {
    const idleEvents: Record<string, unknown>[] = []
    const listener: StreamingQueryListener = { onQueryIdle: (event) => { idleEvents.push({ ...event }) } }
    spark.conf.set('spark.sql.streaming.noDataProgressEventInterval', 100)
    spark.streams.addListener(listener)
    try {
      const input = new MemoryStream('value INT')
      const df = input.toDF().withColumn('eventTime', expr('cast(value as timestamp)')).withWatermark('eventTime', '5 seconds').groupBy('value').count()
      const query = await df.writeStream.format('memory').outputMode('update').queryName('idle_interval_test').start()
      try {
        input.addData(1, 1, 2)
        await query.processAllAvailable()
        const batch = executed(query.recentProgress).at(-1)!
        expect(batch.stateOperators[0]).toMatchObject({ numRowsTotal: 2, numRowsUpdated: 2 })
        const deadline = Date.now() + 5_000
        while (idleEvents.length === 0 && Date.now() < deadline) await settle()
        const idle = query.recentProgress.find((p) => p.timestamp === idleEvents[0]?.['timestamp'])!
        expect(idleEvents[0]).toMatchObject({ type: 'QueryIdleEvent', id: query.id, runId: query.runId })
        expect(idle).toMatchObject({ batchId: batch.batchId + 1, numInputRows: 0, sink: { numOutputRows: 0 } })
        expect(idle.stateOperators[0]).toMatchObject({ numRowsTotal: 2, numRowsUpdated: 0 })
        expect(idle.eventTime).toEqual({ watermark: batch.eventTime['watermark'] })
      } finally {
        await query.stop()
      }
    } finally {
      spark.streams.removeListener(listener)
      spark.conf.unset('spark.sql.streaming.noDataProgressEventInterval')
    }
  })

  it('should say it is waiting for data in status when idle', async () => {
    const input = new MemoryStream('value INT')
    await testStream(input.toDF(), 'append', [
      addData(input, 1),
      checkNewAnswer(1),
      execute(({ query }) => { expect(query.status).toEqual({ message: 'Waiting for data to arrive', isDataAvailable: false, isTriggerActive: false }) }),
    ])
  })
})
