import { describe, expect, it } from 'vitest'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LongType, SessionConfig, StringType, StructField, StructType, type LogicalPlan } from '@sluice/shared'
import { QueryEngine } from '../session/query-engine.js'
import { StreamingQueryManager } from '../streaming/execution/streaming-query-manager.js'
import { startStreamingQuery } from '../streaming/execution/start-streaming-query.js'
import { SlotTaskScheduler } from './slot-task-scheduler.js'
import { defaultInProcessExecutor } from './in-process-scheduler.js'
import { WAITING_FOR_EXECUTORS, type ExecutorEndpoint, type LaunchDescriptor } from './task-scheduler.js'

const SCHEMA = StructType([StructField('id', LongType), StructField('word', StringType)])

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

/**
 * An executor in the test's process (the unit tests' in-process executor, with its own state stores, no worker
 * threads), answering through the executor's side of the task encoding.
 */
function inTestExecutor(id: string, slots: number, launches: LaunchDescriptor[], ran: string[] = []): ExecutorEndpoint {
  const executor = defaultInProcessExecutor()!(() => 1)
  return { id, slots, launch: (descriptor, bytes, signal) => { launches.push(descriptor); ran.push(id); return executor.launch(descriptor, bytes, signal) } }
}

async function jsonFolder(files: number): Promise<{ folder: string; expected: [bigint, string][] }> {
  const folder = await mkdtemp(join(tmpdir(), 'streaming-on-scheduler-'))
  const expected: [bigint, string][] = []
  for (let f = 0; f < files; f++) {
    const ids = [f * 3, f * 3 + 1, f * 3 + 2]
    await writeFile(join(folder, `f${f}.json`), ids.map((id) => JSON.stringify({ id, word: `w${id}` })).join('\n') + '\n')
    for (const id of ids) expected.push([BigInt(id), `w${id}`])
  }
  return { folder, expected }
}

const fileStream = (folder: string, options: Record<string, string> = {}): LogicalPlan => ({ kind: 'Relation', source: { format: 'json', paths: [folder], options, userSchema: SCHEMA, streaming: true } })

describe('a streaming query on a cluster scheduler', () => {
  it('should say it waits for executors, then run its batch split over the executor that registers', async () => {
    const scheduler = new SlotTaskScheduler({ epoch: 5, maxTaskFailures: 4 })
    const engine = new QueryEngine(new SessionConfig(), { scheduler })
    const streams = new StreamingQueryManager(engine)
    const { folder, expected } = await jsonFolder(3)
    const query = await startStreamingQuery(engine, streams, {
      plan: fileStream(folder), sink: { format: 'memory', options: {}, partitionBy: [] }, outputMode: 'append', trigger: { kind: 'availableNow' }, name: 'waited',
    })
    await until(() => query.status.message === WAITING_FOR_EXECUTORS)
    const launches: LaunchDescriptor[] = []
    scheduler.addEndpoint(inTestExecutor('late', 2, launches))
    await query.awaitTermination()
    expect(query.exception()).toBeNull()
    // No slot was free when the batch was planned: one task; the next job (the sink table's read) sees two.
    expect(launches.map((l) => [l.batchId, l.taskId, l.attempt, l.epoch, l.taskCount])).toEqual([[0, 0, 0, 5, 1]])
    expect((await engine.collect({ kind: 'TableRef', name: 'waited' })).rows).toEqual(expected)
    await scheduler.close()
  })

  it('should split a stateless batch over free slots and concatenate the rows in order for a memory sink', async () => {
    const scheduler = new SlotTaskScheduler({ epoch: 6, maxTaskFailures: 4 })
    const launches: LaunchDescriptor[] = []
    scheduler.addEndpoint(inTestExecutor('a', 1, launches))
    scheduler.addEndpoint(inTestExecutor('b', 1, launches))
    const engine = new QueryEngine(new SessionConfig(), { scheduler })
    const { folder, expected } = await jsonFolder(5)
    const query = await startStreamingQuery(engine, new StreamingQueryManager(engine), {
      plan: fileStream(folder), sink: { format: 'memory', options: {}, partitionBy: [] }, outputMode: 'append', trigger: { kind: 'availableNow' }, name: 'split',
    })
    await query.awaitTermination()
    expect(launches.map((l) => [l.taskId, l.taskCount])).toEqual([[0, 2], [1, 2]])
    expect(query.lastProgress?.numInputRows).toBe(15)
    expect((await engine.collect({ kind: 'TableRef', name: 'split' })).rows).toEqual(expected)
    await scheduler.close()
  })

  it('should stop cleanly while waiting for executors', async () => {
    const scheduler = new SlotTaskScheduler({ epoch: 7, maxTaskFailures: 4 })
    const engine = new QueryEngine(new SessionConfig(), { scheduler })
    const { folder } = await jsonFolder(1)
    const query = await startStreamingQuery(engine, new StreamingQueryManager(engine), {
      plan: fileStream(folder), sink: { format: 'memory', options: {}, partitionBy: [] }, outputMode: 'append', trigger: { kind: 'default' }, name: 'never',
    })
    await until(() => query.status.message === WAITING_FOR_EXECUTORS)
    await query.stop()
    expect(query.isActive).toBe(false)
    expect(query.exception()).toBeNull()
    await scheduler.close()
  })

  it('should spread the single tasks of a stateless query over the executors, and keep a stateful query on the executor that holds its state', async () => {
    const scheduler = new SlotTaskScheduler({ epoch: 8, maxTaskFailures: 4 })
    const ran: string[] = []
    scheduler.addEndpoint(inTestExecutor('a', 1, [], ran))
    scheduler.addEndpoint(inTestExecutor('b', 1, [], ran))
    const engine = new QueryEngine(new SessionConfig(), { scheduler })
    const { folder, expected } = await jsonFolder(3)
    const oneFileBatches = fileStream(folder, { maxfilespertrigger: '1' })
    const stateless = await startStreamingQuery(engine, new StreamingQueryManager(engine), {
      plan: oneFileBatches, sink: { format: 'memory', options: {}, partitionBy: [] }, outputMode: 'append', trigger: { kind: 'availableNow' }, name: 'spread',
    })
    await stateless.awaitTermination()
    expect(ran).toEqual(['a', 'b', 'a'])
    expect((await engine.collect({ kind: 'TableRef', name: 'spread' })).rows).toEqual(expected)

    ran.length = 0
    const counts: LogicalPlan = {
      kind: 'Aggregate', input: oneFileBatches, grouping: [{ kind: 'Column', nameParts: ['word'] }],
      aggregates: [{ kind: 'Column', nameParts: ['word'] }, { kind: 'Alias', child: { kind: 'Call', name: 'count', args: [{ kind: 'Star' }], distinct: false }, name: 'n' }],
    }
    const stateful = await startStreamingQuery(engine, new StreamingQueryManager(engine), {
      plan: counts, sink: { format: 'memory', options: {}, partitionBy: [] }, outputMode: 'complete', trigger: { kind: 'availableNow' }, name: 'sticky',
    })
    await stateful.awaitTermination()
    expect(stateful.exception()).toBeNull()
    expect(ran).toHaveLength(3)
    expect(new Set(ran).size).toBe(1)
    expect((await engine.collect({ kind: 'TableRef', name: 'sticky' })).rows).toHaveLength(9)
    await scheduler.close()
  })
})
