import { ManualClock } from '@sluice/shared'
import { describe, expect, it } from 'vitest'
import type { QueryIdleEvent, QueryProgressEvent } from '../listeners/listener-events.js'
import { progressToJson } from './progress-json.js'
import { ProgressReporter } from './progress-reporter.js'

function reporter(options: { numRecentProgressUpdates?: number; noDataProgressEventIntervalMs?: number } = {}) {
  const clock = new ManualClock(1_480_971_260_000)
  const events: Array<QueryProgressEvent | QueryIdleEvent> = []
  const progressReporter = new ProgressReporter({ id: 'q', runId: 'r', name: 'n', clock, postEvent: (e) => events.push(e), ...options })
  return { clock, events, progressReporter }
}

const source = (rows: number) => ({ description: 'MemoryStream[value]', startOffset: null, endOffset: String(rows), latestOffset: String(rows), numInputRows: rows })
const sink = { description: 'MemorySink', numOutputRows: 3 }

describe('ProgressReporter', () => {
  it('should time phases and compute rates as Spark does', async () => {
    const { clock, events, progressReporter } = reporter()
    progressReporter.startTrigger()
    await progressReporter.reportTimeTaken('latestOffset', () => clock.advance(20))
    await progressReporter.reportTimeTaken('walCommit', async () => clock.advance(30))
    progressReporter.recordTimeTaken('addBatch', 450)
    clock.advance(450)
    const first = progressReporter.finishTrigger({ batchId: 0, hasNewData: true, hasExecuted: true, sources: [source(100)], sink })!
    expect(first.timestamp).toBe('2016-12-05T20:54:20.000Z')
    expect(first.batchDuration).toBe(500)
    expect(first.durationMs).toEqual({ latestOffset: 20, walCommit: 30, addBatch: 450 })
    // First batch: no previous trigger, rows / ∞ = 0.
    expect(first.inputRowsPerSecond).toBe(0)
    expect(first.processedRowsPerSecond).toBe(200)
    expect(first.sources[0]!.processedRowsPerSecond).toBe(200)
    expect(events).toEqual([{ type: 'QueryProgressEvent', progress: first }])

    clock.advance(1_500) // next trigger starts 2 s after the first
    progressReporter.startTrigger()
    const second = progressReporter.finishTrigger({ batchId: 1, hasNewData: true, hasExecuted: true, sources: [source(50), source(30)], sink })!
    expect(second.numInputRows).toBe(80)
    expect(second.inputRowsPerSecond).toBe(40)
    expect(second.processedRowsPerSecond).toBe(80_000) // max(1 ms, 0 ms) = 1 ms
    expect(second.durationMs).toEqual({})
    expect(progressReporter.lastProgress).toBe(second)
  })

  it('should keep only the last numRecentProgressUpdates − 1 progresses, as Spark\'s addNewProgress does', () => {
    const { progressReporter } = reporter({ numRecentProgressUpdates: 3 })
    for (let batchId = 0; batchId < 5; batchId++) {
      progressReporter.startTrigger()
      progressReporter.finishTrigger({ batchId, hasNewData: true, hasExecuted: true, sources: [source(1)], sink })
    }
    expect(progressReporter.recentProgress.map((p) => p.batchId)).toEqual([3, 4])
  })

  it('should record idle progress at most once per interval, posting QueryIdleEvent from the second time', () => {
    const { clock, events, progressReporter } = reporter({ noDataProgressEventIntervalMs: 10_000 })
    const idle = () => {
      progressReporter.startTrigger()
      return progressReporter.finishTrigger({ batchId: -1, hasNewData: false, hasExecuted: false, sources: [source(0)], sink })
    }
    expect(idle()).toBeNull()
    expect(events).toEqual([])
    expect(progressReporter.recentProgress).toHaveLength(1)
    clock.advance(5_000)
    idle()
    clock.advance(5_000)
    idle()
    expect(events).toEqual([{ type: 'QueryIdleEvent', id: 'q', runId: 'r', timestamp: '2016-12-05T20:54:30.000Z' }])
    expect(progressReporter.recentProgress.map((p) => p.timestamp)).toEqual(['2016-12-05T20:54:20.000Z', '2016-12-05T20:54:30.000Z'])
    expect(progressReporter.status).toMatchObject({ isTriggerActive: false, isDataAvailable: false })
  })

  it('should measure input rate from the previous trigger start, idle triggers included', () => {
    const { clock, progressReporter } = reporter()
    progressReporter.startTrigger()
    progressReporter.finishTrigger({ batchId: 0, hasNewData: true, hasExecuted: true, sources: [source(10)], sink })
    clock.advance(4_000)
    progressReporter.startTrigger() // idle trigger
    progressReporter.finishTrigger({ batchId: 0, hasNewData: false, hasExecuted: false, sources: [source(0)], sink })
    clock.advance(1_000)
    progressReporter.startTrigger()
    const progress = progressReporter.finishTrigger({ batchId: 1, hasNewData: true, hasExecuted: true, sources: [source(10)], sink })!
    expect(progress.inputRowsPerSecond).toBe(10)
  })

  // progress.scala: StreamingQueryProgress.jsonValue's field order, durationMs rendered with sorted keys,
  // SourceProgress offsets through tryParse (parsed when JSON, else the text).
  it("should give progress the keys of Spark's JSON in order, durationMs sorted and offsets parsed", () => {
    const { progressReporter } = reporter()
    progressReporter.startTrigger()
    progressReporter.recordTimeTaken('walCommit', 2)
    progressReporter.recordTimeTaken('addBatch', 5)
    progressReporter.recordTimeTaken('latestOffset', 1)
    const offsets = { startOffset: '{"logOffset":0}', endOffset: '{"logOffset":1}', latestOffset: 'not json' }
    const progress = progressReporter.finishTrigger({ batchId: 1, hasNewData: true, hasExecuted: true, sources: [{ ...source(4), ...offsets }], sink })!
    expect(Object.keys(progress)).toEqual([
      'id', 'runId', 'name', 'timestamp', 'batchId', 'batchDuration', 'numInputRows', 'inputRowsPerSecond', 'processedRowsPerSecond',
      'durationMs', 'eventTime', 'stateOperators', 'sources', 'sink', 'observedMetrics',
    ])
    expect(Object.keys(progress.durationMs)).toEqual(['addBatch', 'latestOffset', 'walCommit'])
    expect(progress.sources[0]).toMatchObject({ startOffset: { logOffset: 0 }, endOffset: { logOffset: 1 }, latestOffset: 'not json' })
    expect(progressToJson(progress)).toContain('"startOffset":{"logOffset":0},"endOffset":{"logOffset":1},"latestOffset":"not json"')
  })

  it('should record the duration of a phase that throws', async () => {
    const { clock, progressReporter } = reporter()
    progressReporter.startTrigger()
    await expect(progressReporter.reportTimeTaken('addBatch', () => {
      clock.advance(7)
      throw new Error('sink failed')
    })).rejects.toThrow('sink failed')
    const progress = progressReporter.finishTrigger({ batchId: 0, hasNewData: true, hasExecuted: true, sources: [], sink })
    expect(progress?.durationMs).toEqual({ addBatch: 7 })
  })
})
