import { describe, expect, it } from 'vitest'
import type { TaskResult } from '@sluice/shared'
import { executedOutcome, idleOutcome, type QueryDescription } from './trigger-outcome.js'

const query: QueryDescription = { sources: [{ description: 'MemoryStream[a]' }, { description: 'FileStreamSource[file:/in]' }], sinkDescription: 'MemorySink', hasWatermark: true }
const offsets = { start: [null, '{"logOffset":0}'], end: ['3', '{"logOffset":1}'], latest: ['5', '{"logOffset":1}'] }
const SECOND = 1_000_000 // µs

const stateOperator = {
  operatorId: 0,
  metrics: {
    operatorName: 'stateStoreSave', numRowsTotal: 7, numRowsUpdated: 4, numRowsRemoved: 1, numRowsDroppedByWatermark: 2, memoryUsedBytes: 900,
    allUpdatesTimeMs: 3, allRemovalsTimeMs: 1, commitTimeMs: 2, numShufflePartitions: 200, numStateStoreInstances: 1,
  },
}

const result: TaskResult = {
  rows: [],
  numOutputRows: 4,
  numInputRowsBySource: { 0: 3, 1: 10 },
  eventTime: [
    // watermark 1, reported by two split tasks: merged before use
    { watermarkId: 1, max: 9 * SECOND, min: 4 * SECOND, sum: 13 * SECOND, count: 2 },
    { watermarkId: 1, max: 20 * SECOND, min: 2 * SECOND, sum: 22 * SECOND, count: 2 },
    // watermark 0 saw no rows: skipped
    { watermarkId: 0, max: 0, min: 0, sum: 0, count: 0 },
  ],
  stateOperators: [stateOperator],
}

describe('trigger outcomes (Spark ProgressContext.extractExecutionStats / resetExecStatsForNoExecution)', () => {
  it("should report each source's rows and the first watermark operator with rows, merged across tasks", () => {
    const outcome = executedOutcome(query, 5, offsets, true, 1_000, result)
    expect(outcome.sources.map((s) => [s.description, s.numInputRows, s.startOffset, s.endOffset, s.latestOffset])).toEqual([
      ['MemoryStream[a]', 3, null, '3', '5'],
      ['FileStreamSource[file:/in]', 10, '{"logOffset":0}', '{"logOffset":1}', '{"logOffset":1}'],
    ])
    // (13 + 22) s / 4 rows = 8.75 s
    expect(outcome.eventTime).toEqual({
      avg: '1970-01-01T00:00:08.750Z', max: '1970-01-01T00:00:20.000Z', min: '1970-01-01T00:00:02.000Z', watermark: '1970-01-01T00:00:01.000Z',
    })
    expect(outcome).toMatchObject({ batchId: 5, hasNewData: true, hasExecuted: true, sink: { description: 'MemorySink', numOutputRows: 4 } })
    expect(outcome.stateOperators).toEqual([{ ...stateOperator.metrics }])
  })

  it('should report only the watermark for a batch without new data, and no event time without a watermark', () => {
    expect(executedOutcome(query, 6, offsets, false, 1_000, result).eventTime).toEqual({ watermark: '1970-01-01T00:00:01.000Z' })
    expect(executedOutcome(query, 6, offsets, false, 1_000, result).sources.map((s) => s.numInputRows)).toEqual([0, 0])
    expect(executedOutcome({ ...query, hasWatermark: false }, 6, offsets, true, 1_000, { ...result, eventTime: [] }).eventTime).toEqual({})
  })

  it("should keep the last batch's state totals and watermark for an idle trigger, resetting what belongs to the batch", () => {
    const last = executedOutcome(query, 5, offsets, true, 1_000, result)
    const idle = idleOutcome(query, 6, { start: offsets.end, end: offsets.end, latest: offsets.latest }, 2_000, last)
    expect(idle).toMatchObject({ batchId: 6, hasNewData: false, hasExecuted: false, sink: { numOutputRows: 0 }, eventTime: { watermark: '1970-01-01T00:00:02.000Z' } })
    expect(idle.stateOperators).toEqual([{ ...stateOperator.metrics, numRowsUpdated: 0, numRowsDroppedByWatermark: 0 }])
    expect(idle.sources.map((s) => s.numInputRows)).toEqual([0, 0])
    // nothing ran yet in this run: no state, no event time, numOutputRows -1 (SinkProgress without a count)
    expect(idleOutcome(query, 0, offsets, 0, null)).toMatchObject({ stateOperators: [], eventTime: {}, sink: { numOutputRows: -1 } })
  })
})
