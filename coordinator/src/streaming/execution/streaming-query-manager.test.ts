import { afterAll, describe, expect, it } from 'vitest'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LongType, SessionConfig, StructField, StructType, type LogicalPlan } from '@sluice/shared'
import { QueryEngine } from '../../session/query-engine.js'
import { createInProcessScheduler } from '../../scheduler/in-process-scheduler.js'
import { startStreamingQuery } from './start-streaming-query.js'
import { StreamingQueryManager } from './streaming-query-manager.js'
import type { StreamingQueryRequest } from '../sinks/sink-descriptor.js'

const scheduler = createInProcessScheduler({ threads: () => 1 })
afterAll(async () => { await scheduler.close() })

/** A session of its own (as a coordinator gives each client), on the process's one scheduler. */
function session(conf: Record<string, string> = {}): { engine: QueryEngine; streams: StreamingQueryManager } {
  const engine = new QueryEngine(new SessionConfig(conf), { scheduler })
  return { engine, streams: new StreamingQueryManager(engine) }
}

async function fileStreamQuery(): Promise<{ request: StreamingQueryRequest; checkpoint: string }> {
  const root = await mkdtemp(join(tmpdir(), 'query-manager-'))
  await writeFile(join(root, 'a.json'), '{"id":1}\n{"id":2}\n')
  const plan: LogicalPlan = { kind: 'Relation', source: { format: 'json', paths: [root], options: {}, userSchema: StructType([StructField('id', LongType)]), streaming: true } }
  const checkpoint = join(root, '_checkpoint')
  // The default trigger: the run stays active, polling for new files.
  const request: StreamingQueryRequest = {
    plan, sink: { format: 'noop', options: { checkpointlocation: checkpoint }, partitionBy: [] }, outputMode: 'append', trigger: { kind: 'default' },
  }
  return { request, checkpoint }
}

describe('restarting a query whose earlier run is still active in another session', () => {
  it('should stop the earlier run and continue from the checkpoint (stopActiveRunOnRestart, Spark\'s default)', async () => {
    const { request } = await fileStreamQuery()
    const first = session()
    const old = await startStreamingQuery(first.engine, first.streams, request)
    await old.processAllAvailable()
    expect(old.lastProgress?.batchId).toBe(0)

    const second = session()
    const restarted = await startStreamingQuery(second.engine, second.streams, request)
    expect(old.isActive).toBe(false)
    expect(old.exception()).toBeNull()
    expect(first.streams.active).toEqual([])
    expect(restarted.id).toBe(old.id)
    expect(restarted.runId).not.toBe(old.runId)
    expect(second.streams.active.map((q) => q.runId)).toEqual([restarted.runId])
    await restarted.processAllAvailable()
    // Batch 0 was committed by the first run: nothing is read twice.
    expect(restarted.recentProgress.filter((p) => p.numInputRows > 0)).toEqual([])
    await restarted.stop()
  })

  it('should refuse the start with Spark\'s message when stopActiveRunOnRestart is false, the earlier run untouched', async () => {
    const { request } = await fileStreamQuery()
    const first = session()
    const old = await startStreamingQuery(first.engine, first.streams, request)
    const second = session({ 'spark.sql.streaming.stopActiveRunOnRestart': 'false' })
    await expect(startStreamingQuery(second.engine, second.streams, request)).rejects.toMatchObject({
      errorClass: 'CONCURRENT_QUERY',
      message: expect.stringContaining(`Cannot start query with id ${old.id} as another query with same id is already active.`),
    })
    expect(old.isActive).toBe(true)
    expect(second.streams.active).toEqual([])
    await old.stop()
  })

  it('should let a stopped run\'s checkpoint start again in any session', async () => {
    const { request } = await fileStreamQuery()
    const first = session({ 'spark.sql.streaming.stopActiveRunOnRestart': 'false' })
    const old = await startStreamingQuery(first.engine, first.streams, request)
    await old.stop()
    const again = await startStreamingQuery(first.engine, first.streams, request)
    expect(again.id).toBe(old.id)
    await again.stop()
  })
})
