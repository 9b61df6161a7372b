import { describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Sluice, type StreamingQuery } from '@sluice/client'
import { generateActivityFiles } from '@sluice/datagen'
import { readCourseJsonReference, testSeed } from '../support/index.js'
import { startLocalCluster } from './local-cluster.js'
import { useProcessTestFolder } from './process-test-hooks.js'
import { allTaskLines, sleep, taskLines, until, type TaskLogLine } from './executor-task-log.js'
import { COURSE_SCHEMA, EXACTLY_ONCE, checkSink } from './sink-files.js'

// Issue 8 §3 and §5: executors join at any time and get tasks from the next batch; a
// job submitted before any executor registered waits for one, and says so.

const WAITING_FOR_EXECUTORS = 'Waiting for executors to register'

const folder = useProcessTestFolder('sluice-executor-join-')

/** Task lines by batch id. */
function byBatch(lines: readonly TaskLogLine[]): Map<number, TaskLogLine[]> {
  const batches = new Map<number, TaskLogLine[]>()
  for (const line of lines) batches.set(line.batchId, [...(batches.get(line.batchId) ?? []), line])
  return batches
}

describe('executors joining a running cluster', () => {
  it('should give an executor started mid-stream tasks from the next batches, the answer still exact', async () => {
    const seed = testSeed()
    const joinAfterBatch = 1
    const input = join(folder.root, 'mid-stream', 'input')
    const output = join(folder.root, 'mid-stream', 'output')
    const checkpoint = join(folder.root, 'mid-stream', 'checkpoint')
    // 4 files a trigger, every 500 ms: one task a batch on the first executor alone, two once the second is there.
    await generateActivityFiles({ outDir: input, files: 24, rowsPerFile: 1_000, seed })
    const cluster = await startLocalCluster({ executors: 1, slotsPerExecutor: 1, name: 'join' })
    const spark = await Sluice.builder().appName('executor-join').remote(cluster.url).getOrCreate()
    let query: StreamingQuery | undefined
    try {
      query = await spark.readStream.format('json').schema(COURSE_SCHEMA).option('maxFilesPerTrigger', 4).load(input)
        .writeStream.format('parquet').option('checkpointLocation', checkpoint).trigger({ processingTime: '500 milliseconds' }).start(output)
      const first = cluster.executors[0]!
      await until(`batch ${joinAfterBatch} to commit`, () => existsSync(join(checkpoint, 'commits', String(joinAfterBatch))), 60_000)
      const joined = await cluster.addExecutor()
      // Batches begun by now may have been planned without it; the one after the newest may be in planning.
      const begun = Math.max(...taskLines(first).map((l) => l.batchId))
      folder.notes.push(`seed ${seed}: ${joined.name} registered after batch ${joinAfterBatch} committed, while batch ${begun} ran`)
      // More input after it registered: the batches that read it are planned with both executors there.
      await generateActivityFiles({ outDir: input, files: 8, rowsPerFile: 1_000, seed: seed + 1, filePrefix: 'after-join-' })
      await query.processAllAvailable()
      const lastBatch = query.lastProgress?.batchId ?? -1
      await query.stop()

      const joinedLines = taskLines(joined)
      const batches = byBatch(allTaskLines(cluster.executors).filter((l) => l.kind === 'Running'))
      folder.notes.push(`tasks per batch: ${[...batches].map(([b, ls]) => `${b}:${ls.map((l) => `${l.executor.replace(/^join-/, '')}#${l.taskId}`).join('+')}`).join(' ')}`)
      // Before it joined, every batch was one task on the first executor.
      for (let b = 0; b <= joinAfterBatch; b++) expect(batches.get(b)?.map((l) => [l.executor, l.taskId])).toEqual([[first.name, 0]])
      // It ran tasks, only of batches after the one it joined after, from the next batch planned after it registered on.
      expect(joinedLines.length).toBeGreaterThan(0)
      const joinedBatches = [...new Set(joinedLines.map((l) => l.batchId))].sort((a, b) => a - b)
      expect(joinedBatches[0]).toBeGreaterThan(joinAfterBatch)
      expect(joinedBatches[0]).toBeLessThanOrEqual(begun + 2)
      // From then on every batch of several files split over both executors' free slots: one task each.
      const filesOfBatch = new Map(query.recentProgress.map((p) => [p.batchId, p.numInputRows / 1_000]))
      for (let b = begun + 2; b <= lastBatch; b++) {
        const expected = filesOfBatch.get(b)! >= 2 ? [first.name, joined.name].sort() : [expect.any(String)]
        expect(batches.get(b)?.map((l) => l.executor).sort(), `batch ${b} of ${filesOfBatch.get(b)} file(s)`).toEqual(expected)
      }
      expect(lastBatch).toBeGreaterThanOrEqual(begun + 2)
      expect(joinedLines.every((l) => l.attempt === 0)).toBe(true)

      const sink = await checkSink('parquet', input, output)
      expect(sink.referenceRows).toBe(32 * 1_000)
      expect(sink.difference).toEqual(EXACTLY_ONCE)
      expect(sink.unlisted).toEqual([])
      console.log(`[executor join] ${folder.notes.join('; ')}`)
    } finally {
      await query?.stop().catch(() => undefined)
      await spark.stop().catch(() => undefined)
      await cluster.stop()
    }
  })

  it(`should hold a job submitted before any executor registered, saying '${WAITING_FOR_EXECUTORS}', and run it when one arrives`, async () => {
    const seed = testSeed()
    const input = join(folder.root, 'waiting', 'input')
    const output = join(folder.root, 'waiting', 'output')
    await generateActivityFiles({ outDir: input, files: 3, rowsPerFile: 500, seed })
    const reference = await readCourseJsonReference(input)
    const cluster = await startLocalCluster({ executors: 0, name: 'waiting' })
    const spark = await Sluice.builder().appName('executor-waiting').remote(cluster.url).getOrCreate()
    let query: StreamingQuery | undefined
    try {
      // A streaming query and a batch job, both before any executor exists.
      query = await spark.readStream.format('json').schema(COURSE_SCHEMA).option('maxFilesPerTrigger', 1).load(input)
        .writeStream.format('parquet').option('checkpointLocation', join(folder.root, 'waiting', 'checkpoint')).start(output)
      let counted: bigint | undefined
      const count = spark.read.format('json').schema(COURSE_SCHEMA).load(input).count().then((n) => { counted = BigInt(n) })
      const waitingQuery = query
      await until(`the query's status to say '${WAITING_FOR_EXECUTORS}'`, () => waitingQuery.status.message === WAITING_FOR_EXECUTORS, 30_000)
      await sleep(1_000)
      expect(query.status.message).toBe(WAITING_FOR_EXECUTORS)
      expect(query.isActive).toBe(true)
      expect(query.exception()).toBeNull()
      expect(query.recentProgress.filter((p) => p.numInputRows > 0)).toEqual([])
      expect(counted).toBeUndefined()
      expect(existsSync(join(output, '_spark_metadata', '0'))).toBe(false)

      const executor = await cluster.addExecutor()
      await count
      expect(counted).toBe(BigInt(reference.rows.length))
      await query.processAllAvailable()
      expect(query.recentProgress.filter((p) => p.numInputRows > 0).map((p) => p.numInputRows)).toEqual(reference.rowsPerFile)
      await until('the status to stop saying it waits', () => waitingQuery.status.message !== WAITING_FOR_EXECUTORS, 10_000)
      await query.stop()
      expect(taskLines(executor).filter((l) => l.kind === 'Finished').length).toBeGreaterThanOrEqual(4)

      const sink = await checkSink('parquet', input, output)
      expect(sink.referenceRows).toBe(1_500)
      expect(sink.difference).toEqual(EXACTLY_ONCE)
    } finally {
      await query?.stop().catch(() => undefined)
      await spark.stop().catch(() => undefined)
      await cluster.stop()
    }
  })
})
