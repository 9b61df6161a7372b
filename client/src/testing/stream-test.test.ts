import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '@sluice/shared'
import { Sluice } from '../session/sluice.js'
import { MemoryStream } from './memory-stream.js'
import { testStream } from './stream-test.js'
import { addData, advanceClock, assertOnQuery, checkAnswer, checkLastBatch, checkNewAnswer, checkSink, execute, expectFailure, startStream, stopStream } from './stream-actions.js'
import { canonicalKey } from './row-matching.js'
import { SeededRandom } from './seeded-random.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('stream-test-dsl').getOrCreate() })
afterAll(async () => { await spark.stop() })

describe('testStream', () => {
  it('should start by itself, check answers in any order and accumulate across a restart', async () => {
    const input = new MemoryStream('value INT')
    const run = await testStream(input.toDF().where('value > 0'), 'append', [
      addData(input, 3, -1, 1),
      checkAnswer([1], { value: 3 }),
      checkLastBatch(3, 1),
      stopStream(),
      addData(input, 2),
      startStream(),
      checkNewAnswer([2]),
      checkAnswer([1], [2], [3]),
      checkNewAnswer(),
      assertOnQuery((q) => q.isActive, 'the query runs'),
      checkSink((rows) => { expect(rows.length).toBe(3) }),
    ])
    expect(run.sink.batches.map((b) => b.batchId)).toEqual([0, 1])
  })

  it('should fail with the Progress, Stream, Sink and Plan sections and an arrow on the failing action', async () => {
    const input = new MemoryStream('value INT')
    const failure = await testStream(input.toDF(), 'append', [addData(input, 1), checkAnswer([2])], { seed: 42 }).catch((e: Error) => e)
    expect(failure).toBeInstanceOf(Error)
    const message = (failure as Error).message
    expect(message).toContain('== Progress ==')
    expect(message).toMatch(/=> CheckAnswer: \[2\]/)
    expect(message).toContain('   AddData to MemoryStream[value INT]: 1')
    expect(message).toContain('== Stream ==')
    expect(message).toContain('"batchId": 0')
    expect(message).toContain('== Sink ==\n0: [1]')
    expect(message).toContain('== Plan ==')
    expect(message).toContain('Seed: 42')
    expect(message).toContain('missing:  [2]')
  })

  it('should see a failing query through expectFailure, by error class and message', async () => {
    const input = new MemoryStream('value STRING')
    const { expr } = await import('../column/index.js')
    await testStream(input.toDF().select(expr("assert_true(value != 'bad', 'saw a bad row')").alias('ok')), 'append', [
      addData(input, 'good', 'bad'),
      expectFailure((e) => /saw a bad row/.test(e.message)),
    ])
  })

  it('should run a processing-time trigger on a ManualClock only when the clock moves', async () => {
    const input = new MemoryStream('value INT')
    const clock = new ManualClock(0)
    await testStream(input.toDF(), 'append', [
      startStream({ trigger: { processingTime: 1000 }, clock }),
      addData(input, 1),
      checkAnswer(),
      advanceClock(1000),
      checkAnswer([1]),
      addData(input, 2),
      advanceClock(500),
      checkAnswer([1]),
      advanceClock(500),
      checkAnswer([1], [2]),
      // The idle trigger at time 0 (if it ran before addData) reports progress too, without addBatch (Spark's updateIdleness).
      execute(({ query }) => { expect(query.recentProgress.filter((p) => 'addBatch' in p.durationMs).map((p) => p.batchId)).toEqual([0, 1]) }),
    ])
  })

  it('should register the sink as a table that spark.sql reads while the query runs', async () => {
    const input = new MemoryStream('value INT')
    await testStream(input.toDF().groupBy('value').count(), 'complete', [
      addData(input, 1, 1, 2),
      checkAnswer([1, 2n], [2, 1n]),
      execute(async ({ query }) => {
        expect(await spark.sql(`SELECT value, count FROM ${query.name} ORDER BY value`).collect()).toEqual([{ value: 1, count: 2n }, { value: 2, count: 1n }])
      }),
    ])
  })

  it('should refuse advanceClock without a ManualClock', async () => {
    const input = new MemoryStream('value INT')
    await expect(testStream(input.toDF(), 'append', [advanceClock(10)])).rejects.toThrow(/needs a ManualClock/)
  })
})

describe('canonicalKey', () => {
  it('should equate maps in any order and doubles to 12 digits', () => {
    expect(canonicalKey(new Map([[1, 'a'], [2, 'b']]))).toBe(canonicalKey(new Map([[2, 'b'], [1, 'a']])))
    expect(canonicalKey(0.1 + 0.2)).toBe(canonicalKey(0.3))
    expect(canonicalKey(1n)).not.toBe(canonicalKey(1))
  })
})

describe('SeededRandom', () => {
  it('should repeat its sequence for a seed', () => {
    const a = new SeededRandom(7)
    const b = new SeededRandom(7)
    const first = Array.from({ length: 5 }, () => a.int(0, 100))
    expect(Array.from({ length: 5 }, () => b.int(0, 100))).toEqual(first)
    expect(first.every((n) => n >= 0 && n <= 100)).toBe(true)
  })
})
