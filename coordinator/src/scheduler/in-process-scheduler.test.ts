import { describe, expect, it } from 'vitest'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LongType, SessionConfig, StructField, StructType, type LogicalPlan } from '@sluice/shared'
import { QueryEngine } from '../session/query-engine.js'
import { IN_PROCESS_EXECUTOR_ID, createInProcessScheduler } from './in-process-scheduler.js'

const SCHEMA = StructType([StructField('id', LongType)])

describe('the in-process scheduler (embedded mode)', () => {
  it('should run a batch scan split over worker threads with the rows in the order of one task', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'in-process-'))
    for (let f = 0; f < 3; f++) await writeFile(join(folder, `f${f}.json`), [0, 1, 2, 3].map((i) => `{"id":${f * 4 + i}}`).join('\n'))
    const scan: LogicalPlan = { kind: 'Relation', source: { format: 'json', paths: [folder], options: {}, userSchema: SCHEMA, streaming: false } }
    const expected = Array.from({ length: 12 }, (_, i) => [BigInt(i)])
    const threaded = new QueryEngine(new SessionConfig({ 'spark.sluice.executor.threads': '2' }))
    const single = new QueryEngine(new SessionConfig({ 'spark.sluice.executor.threads': '1' }))
    try {
      expect(threaded.scheduler.availableSlots()).toBe(2)
      expect(single.scheduler.availableSlots()).toBe(1)
      expect((await threaded.collect(scan)).rows).toEqual(expected)
      expect((await single.collect(scan)).rows).toEqual(expected)
    } finally {
      await threaded.close()
      await single.close()
    }
  })

  it('should not retry a failed task (Spark local mode) and keep its one executor', async () => {
    const scheduler = createInProcessScheduler({ threads: () => 1 })
    expect(scheduler.maxTaskFailures).toBe(1)
    expect(scheduler.executors().map((e) => e.endpoint.id)).toEqual([IN_PROCESS_EXECUTOR_ID])
    await scheduler.close()
  })
})
