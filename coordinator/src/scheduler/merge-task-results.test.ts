import { describe, expect, it } from 'vitest'
import type { StateOperatorMetrics, TaskResult } from '@sluice/shared'
import { mergeTaskResults } from './merge-task-results.js'

const metrics = (total: number, updated: number): StateOperatorMetrics => ({
  operatorName: 'dedupe', numRowsTotal: total, numRowsUpdated: updated, numRowsRemoved: 0, numRowsDroppedByWatermark: 1,
  memoryUsedBytes: 100, allUpdatesTimeMs: 2, allRemovalsTimeMs: 0, commitTimeMs: 3, numShufflePartitions: 200, numStateStoreInstances: 1,
})
const file = (path: string, size: number) => ({ path, relativePath: path.slice(5), size, numRows: 1, partitionValues: {}, modificationTime: 1_765_000_000_000 })

describe('mergeTaskResults', () => {
  it('should return a single result as it is', () => {
    const only: TaskResult = { rows: [[1]], numInputRowsBySource: { 0: 1 }, eventTime: [], stateOperators: [] }
    expect(mergeTaskResults([only])).toBe(only)
  })

  it('should concatenate rows and files in task order and add up counts, event times and state metrics', () => {
    const a: TaskResult = {
      rows: [[1], [2]], files: [file('/out/a-1.json', 10)], deltaFiles: [], numOutputRows: 2, numInputRowsBySource: { 0: 5, 1: 1 },
      eventTime: [{ watermarkId: 0, max: 50, min: 10, sum: 60, count: 2 }], stateOperators: [{ operatorId: 0, metrics: metrics(4, 2) }],
    }
    const b: TaskResult = {
      rows: [[3]], files: [file('/out/b-1.json', 20), file('/out/b-2.json', 30)], numInputRowsBySource: { 0: 7 },
      eventTime: [{ watermarkId: 0, max: 40, min: 5, sum: 45, count: 2 }, { watermarkId: 1, max: 9, min: 9, sum: 9, count: 1 }],
      stateOperators: [{ operatorId: 0, metrics: metrics(6, 1) }],
    }
    expect(mergeTaskResults([a, b])).toEqual({
      rows: [[1], [2], [3]],
      files: [file('/out/a-1.json', 10), file('/out/b-1.json', 20), file('/out/b-2.json', 30)],
      deltaFiles: [],
      // b has no numOutputRows: its row count stands in.
      numOutputRows: 3,
      numInputRowsBySource: { 0: 12, 1: 1 },
      eventTime: [{ watermarkId: 0, max: 50, min: 5, sum: 105, count: 4 }, { watermarkId: 1, max: 9, min: 9, sum: 9, count: 1 }],
      stateOperators: [{
        operatorId: 0,
        metrics: { ...metrics(10, 3), numRowsDroppedByWatermark: 2, memoryUsedBytes: 200, allUpdatesTimeMs: 4, commitTimeMs: 6, numStateStoreInstances: 2 },
      }],
    })
  })

  it('should leave out files, Delta files and output counts when no task has them', () => {
    const r = (n: number): TaskResult => ({ rows: [[n]], numInputRowsBySource: {}, eventTime: [], stateOperators: [] })
    expect(mergeTaskResults([r(1), r(2)])).toEqual({ rows: [[1], [2]], numInputRowsBySource: {}, eventTime: [], stateOperators: [] })
  })

  it('should gather the superseded attempts of every task, and leave the field out when no task lost one', () => {
    const base = { rows: [], numInputRowsBySource: {}, eventTime: [], stateOperators: [] }
    const a: TaskResult = { ...base, supersededAttempts: [{ taskId: 0, attempt: 0, filesJobId: 'job-t0-a0' }, { taskId: 0, attempt: 1, filesJobId: 'job-t0-a1' }] }
    const b: TaskResult = { ...base }
    const c: TaskResult = { ...base, supersededAttempts: [{ taskId: 2, attempt: 0, filesJobId: 'job-t2-a0' }] }
    expect(mergeTaskResults([a, b, c]).supersededAttempts).toEqual([
      { taskId: 0, attempt: 0, filesJobId: 'job-t0-a0' }, { taskId: 0, attempt: 1, filesJobId: 'job-t0-a1' }, { taskId: 2, attempt: 0, filesJobId: 'job-t2-a0' },
    ])
    expect('supersededAttempts' in mergeTaskResults([b, { ...base, supersededAttempts: [] }])).toBe(false)
  })
})
