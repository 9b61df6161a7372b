import { describe, expect, it } from 'vitest'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInProcessScheduler } from './in-process-scheduler.js'
import { LongType, StringType, StructField, StructType, type PhysicalPlan, type Row, type SourceSpec, type StreamTaskInput, type Task } from '@sluice/shared'
import { MIN_ROWS_PER_TASK, contiguous, splitBatchTask, splitStreamingTask, splittableBatchScan } from './split-task.js'

const schema = StructType([StructField('v', LongType)])
const evalContext = { ansi: true, timeZone: 'UTC', caseSensitive: false, currentTimestampMicros: 0 }
const source = (format: string, paths: string[] = ['/in']): SourceSpec => ({ format, paths, options: {}, streaming: false })
const ref = { kind: 'Ref', index: 0, name: 'v', dataType: LongType, nullable: true } as const
const streamInput: PhysicalPlan = { kind: 'StreamInput', sourceIndex: 0, source: { ...source('json'), streaming: true }, schema }
const project = (input: PhysicalPlan, exprs: unknown[] = [ref]): PhysicalPlan => ({ kind: 'Project', input, exprs, schema } as unknown as PhysicalPlan)
const statefulAggregate: PhysicalPlan = { kind: 'HashAggregate', input: streamInput, grouping: [ref], aggregates: [], results: [ref], schema, stateful: { operatorId: 0 } } as unknown as PhysicalPlan

function streamingTask(plan: PhysicalPlan, input: StreamTaskInput): Task {
  return {
    queryId: 'q', runId: 'r', batchId: 3, attempt: 0, plan, evalContext,
    streaming: { outputMode: 'append', watermarkMicros: 0, isNoDataBatch: false, stateLocation: '/cp/state', minDeltasForSnapshot: 10, minBatchesToRetain: 100, inputs: [input] },
  }
}

describe('contiguous', () => {
  it('should cut a list in n contiguous parts, the first length % n one longer', () => {
    expect(contiguous([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5], [6, 7]])
    expect(contiguous(['a', 'b'], 2)).toEqual([['a'], ['b']])
    expect(contiguous([1, 2, 3], 0)).toEqual([])
  })
})

describe('splitStreamingTask', () => {
  const files = ['/in/a.json', '/in/b.json', '/in/c.json', '/in/d.json', '/in/e.json']

  it('should split a stateless batch\'s file list in contiguous chunks over the slots', () => {
    const tasks = splitStreamingTask(streamingTask(project(streamInput), { sourceIndex: 0, kind: 'files', files }), 2)
    expect(tasks.map((t) => [t.taskId, t.streaming!.inputs])).toEqual([
      [0, [{ sourceIndex: 0, kind: 'files', files: ['/in/a.json', '/in/b.json', '/in/c.json'] }]],
      [1, [{ sourceIndex: 0, kind: 'files', files: ['/in/d.json', '/in/e.json'] }]],
    ])
  })

  it('should make no more tasks than files', () => {
    expect(splitStreamingTask(streamingTask(streamInput, { sourceIndex: 0, kind: 'files', files: files.slice(0, 2) }), 8)).toHaveLength(2)
  })

  it('should split rows in contiguous slices of at least MIN_ROWS_PER_TASK', () => {
    const rows: Row[] = Array.from({ length: 3 * MIN_ROWS_PER_TASK + 5 }, (_, i) => [BigInt(i)])
    const tasks = splitStreamingTask(streamingTask(project(streamInput), { sourceIndex: 0, kind: 'rows', rows }), 8)
    const slices = tasks.map((t) => (t.streaming!.inputs[0] as Extract<StreamTaskInput, { kind: 'rows' }>).rows)
    expect(slices.map((s) => s.length)).toEqual([MIN_ROWS_PER_TASK + 2, MIN_ROWS_PER_TASK + 2, MIN_ROWS_PER_TASK + 1])
    expect(slices.flat()).toEqual(rows)
    // A small batch stays one task.
    expect(splitStreamingTask(streamingTask(streamInput, { sourceIndex: 0, kind: 'rows', rows: rows.slice(0, 10) }), 8)).toHaveLength(1)
  })

  it('should keep a stateful plan, a partition-dependent function, or one slot as one task', () => {
    const input: StreamTaskInput = { sourceIndex: 0, kind: 'files', files }
    expect(splitStreamingTask(streamingTask(statefulAggregate, input), 4)).toHaveLength(1)
    const withId = project(streamInput, [{ kind: 'Call', name: 'monotonically_increasing_id', args: [], distinct: false }])
    expect(splitStreamingTask(streamingTask(withId, input), 4)).toHaveLength(1)
    expect(splitStreamingTask(streamingTask(project(streamInput), input), 1)).toHaveLength(1)
  })
})

describe('splitBatchTask', () => {
  const scan = (paths = ['/in']): PhysicalPlan => ({ kind: 'FileScan', source: source('json', paths), schema })
  const batchTask = (plan: PhysicalPlan): Task => ({ queryId: 'q', runId: 'r', batchId: 0, attempt: 0, plan, evalContext })
  const listing: Record<string, string[]> = { '/in': ['/in/1.json', '/in/2.json', '/in/3.json'], '/more': ['/more/4.json'] }
  const list = async (path: string) => (listing[path] ?? []).map((p) => ({ path: p }))

  it('should give each task a contiguous chunk of the scan\'s listing, across its paths in order', async () => {
    const tasks = await splitBatchTask(batchTask(project(scan(['/in', '/more']))), 3, list)
    const filesOf = (plan: PhysicalPlan): readonly string[] | undefined => (plan.kind === 'FileScan' ? plan.source.files : filesOf((plan as { input: PhysicalPlan }).input))
    expect(tasks.map((t) => [t.taskId, filesOf(t.plan)])).toEqual([
      [0, ['/in/1.json', '/in/2.json']], [1, ['/in/3.json']], [2, ['/more/4.json']],
    ])
  })

  it('should not split a Delta scan of several tables, other operators, overlapping paths or a single file', async () => {
    expect(splittableBatchScan({ kind: 'FileScan', source: source('delta', ['/t', '/u']), schema })).toBeUndefined()
    expect(await splitBatchTask(batchTask({ kind: 'Sort', input: scan(), order: [], schema } as unknown as PhysicalPlan), 4, list)).toHaveLength(1)
    expect(await splitBatchTask(batchTask(scan(['/in', '/in'])), 4, list)).toHaveLength(1)
    expect(await splitBatchTask(batchTask(scan(['/more'])), 4, list)).toHaveLength(1)
  })

  it('should read, in each task, only its files, with partition values from the whole listing (through the task encoding)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'split-batch-'))
    // Partition values 1 and x: typed as a string over the whole listing.
    for (const [part, values] of [['p=1', [1, 2]], ['p=x', [3]]] as const) {
      mkdirSync(join(root, part))
      values.forEach((v) => writeFileSync(join(root, part, `f${v}.json`), `{"v":${v}}\n`))
    }
    const readSchema = StructType([StructField('v', LongType), StructField('p', StringType)])
    const task = batchTask({ kind: 'FileScan', source: source('json', [root]), schema: readSchema })
    const tasks = await splitBatchTask(task, 2)
    expect(tasks).toHaveLength(2)
    // The unit tests' in-process executor (installed by their setup), one thread: each task runs through the task encoding.
    const scheduler = createInProcessScheduler({ threads: () => 1 })
    try {
      const results = await scheduler.runTasks(tasks)
      expect(results.map((r) => r.rows)).toEqual([[[1n, '1'], [2n, '1']], [[3n, 'x']]])
      expect((await scheduler.runTasks([task]))[0]!.rows).toEqual(results.flatMap((r) => r.rows))
    } finally {
      await scheduler.close()
    }
  })
})
