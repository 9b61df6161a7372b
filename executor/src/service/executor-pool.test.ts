import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Row, Task } from '@sluice/shared'
import { ExecutorPool } from './executor-pool.js'
import { LocalExecutor } from './local-executor.js'
import { isAbortError } from '@sluice/storage'
import { oneRowPerFileSinkTask, waitFor, wordCountTask } from './executor-test-support.js'

let dir: string
const pools: ExecutorPool[] = []

beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'sluice-executor-pool-')) })
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()))
  await rm(dir, { recursive: true, force: true })
})

function aPool(size: number): ExecutorPool {
  const pool = new ExecutorPool(size)
  pools.push(pool)
  return pool
}

/** Word counts after each batch, counted apart from the engine. */
function runningCounts(batches: readonly (readonly string[])[]): Row[][] {
  const counts = new Map<string, bigint>()
  return batches.map((words) => {
    for (const word of words) counts.set(word, (counts.get(word) ?? 0n) + 1n)
    return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([word, count]) => [word, count])
  })
}

const sorted = (rows: readonly Row[]): Row[] => [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])))

describe('ExecutorPool', () => {
  it('should run stateful tasks of one query on one worker (sticky by query id), its state carried from batch to batch', async () => {
    const pool = aPool(2)
    const codec = new LocalExecutor()
    const queries = {
      a: [['x', 'y', 'x'], ['y', 'z'], ['x'], []],
      b: [['p'], ['p', 'q', 'p'], ['q']],
    }
    const slots: Record<string, number[]> = { a: [], b: [] }
    const outputs: Record<string, Row[][]> = { a: [], b: [] }
    // The two queries' batches interleave, each query's batches in order.
    for (let batchId = 0; batchId < 4; batchId++) {
      await Promise.all((['a', 'b'] as const).map(async (query) => {
        const words = queries[query][batchId]
        if (words === undefined) return
        const task = wordCountTask(`query-${query}`, join(dir, `checkpoint-${query}`), batchId, words)
        const result = await codec.runVia(task, async (bytes) => {
          const outcome = await pool.runEncoded(bytes, { affinity: task.queryId })
          slots[query]!.push(outcome.slot)
          return outcome.result
        })
        outputs[query]!.push(sorted(result.rows))
      }))
    }
    expect(outputs['a']).toEqual(runningCounts(queries.a))
    expect(outputs['b']).toEqual(runningCounts(queries.b))
    expect(new Set(slots['a'])).toHaveLength(1)
    expect(new Set(slots['b'])).toHaveLength(1)
    expect(slots['a']![0]).not.toBe(slots['b']![0])
  })

  it('should queue tasks beyond its slots, and an aborted queued task never starts', async () => {
    const pool = aPool(1)
    const codec = new LocalExecutor()
    const first = oneRowPerFileSinkTask(join(dir, 'first'), 20_000, { queryId: 'q1', attempt: 0 })
    const second = oneRowPerFileSinkTask(join(dir, 'second'), 10, { queryId: 'q2', attempt: 0 })
    const abortFirst = new AbortController()
    const abortSecond = new AbortController()
    const run = (task: Task, signal: AbortSignal) => codec.runVia(task, async (bytes) => (await pool.runEncoded(bytes, { signal })).result)
    const firstResult = run(first, abortFirst.signal).then(() => 'done', (error: unknown) => error)
    const secondResult = run(second, abortSecond.signal).then(() => 'done', (error: unknown) => error)
    await waitFor('the first task to write', async () => (await readdir(join(dir, 'first')).catch(() => [])).length > 0, 30_000)
    expect(pool.running).toBe(1)
    expect(pool.queued).toBe(1)
    abortSecond.abort()
    expect(isAbortError(await secondResult)).toBe(true)
    expect(pool.queued).toBe(0)
    abortFirst.abort()
    expect(isAbortError(await firstResult)).toBe(true)
    expect(await readdir(join(dir, 'first')).catch(() => [])).toEqual([])
    expect(await readdir(join(dir, 'second')).catch(() => 'absent')).toBe('absent')
    // The slot is free again.
    const third = oneRowPerFileSinkTask(join(dir, 'third'), 3, { queryId: 'q3', attempt: 1 })
    const result = await run(third, new AbortController().signal)
    expect(result.files?.map((file) => file.relativePath).sort()).toEqual([
      'part-00000-job-a1.c000.json', 'part-00000-job-a1.c001.json', 'part-00000-job-a1.c002.json',
    ])
  })
})
