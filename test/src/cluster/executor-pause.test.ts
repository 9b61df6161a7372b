import { describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { Sluice, type StreamingQuery } from '@sluice/client'
import { generateActivityFiles } from '@sluice/datagen'
import { SeededDelays, readFileSinkManifest, testSeed } from '../support/index.js'
import { startLocalCluster } from './local-cluster.js'
import { useProcessTestFolder } from './process-test-hooks.js'
import { allTaskLines, attemptKey, sleep, taskLines, until } from './executor-task-log.js'
import { COURSE_SCHEMA, EXACTLY_ONCE, checkSink, parquetFilesUnder, parseAttemptFileName } from './sink-files.js'

// Issue 8 §5: a paused executor (SIGSTOP) whose task was retried elsewhere wakes up
// (SIGCONT) after that batch committed: its late output never reaches the sink.

const FILES = 8
const ROWS_PER_FILE = 6_000
const FILES_PER_TRIGGER = 2
/** The sink's maxRecordsPerFile: a task writes its rows as several files, one after the other. */
const ROWS_PER_SINK_FILE = 1_000
/** spark.network.timeout of the coordinator: how long a paused executor stays a member. */
const NETWORK_TIMEOUT_MS = 3_000
const HEARTBEAT_INTERVAL_MS = 500

const folder = useProcessTestFolder('sluice-executor-pause-')

/** The files a file sink's batch log `_spark_metadata/<batchId>` lists (an uncompacted batch). */
async function batchManifest(output: string, batchId: number): Promise<string[]> {
  const lines = (await readFile(join(output, '_spark_metadata', String(batchId)), 'utf8')).split('\n').filter((l) => l !== '')
  return lines.slice(1).map((line) => (JSON.parse(line) as { path: string }).path)
}

describe('an executor paused mid-task (2 executors × 1 slot, spark.network.timeout 3s)', () => {
  it('should be declared lost, its task retried elsewhere, and its late output never reach the parquet sink', async () => {
    const seed = testSeed()
    const random = new SeededDelays(seed)
    const pausedBatch = random.between(1, 2)
    const victimIndex = random.between(0, 1)
    folder.notes.push(`seed ${seed} (replay with SLUICE_TEST_SEED=${seed}): pause executor-${victimIndex} at its task of batch ${pausedBatch}`)
    const input = join(folder.root, 'input')
    const output = join(folder.root, 'output')
    const checkpoint = join(folder.root, 'checkpoint')
    await generateActivityFiles({ outDir: input, files: FILES, rowsPerFile: ROWS_PER_FILE, seed })
    const cluster = await startLocalCluster({
      executors: 2, slotsPerExecutor: 1, name: 'pause',
      conf: { 'spark.executor.heartbeatInterval': `${HEARTBEAT_INTERVAL_MS}ms`, 'spark.network.timeout': `${NETWORK_TIMEOUT_MS}ms` },
    })
    const victim = cluster.executors[victimIndex]!
    const spark = await Sluice.builder().appName('executor-pause').remote(cluster.url).getOrCreate()
    let query: StreamingQuery | undefined
    try {
      query = await spark.readStream.format('json').schema(COURSE_SCHEMA).option('maxFilesPerTrigger', FILES_PER_TRIGGER).load(input)
        .writeStream.format('parquet').option('checkpointLocation', checkpoint).option('maxRecordsPerFile', ROWS_PER_SINK_FILE).start(output)

      // Pause it mid-task: once it has started its task of the chosen batch and put its first data
      // file on disk (the sink rolls files every ROWS_PER_SINK_FILE rows, so more are to come).
      const running = await victim.waitFor(new RegExp(`Running task (\\d+)\\.(\\d+) of query \\S+ batch ${pausedBatch} `), 60_000)
      const paused = { batchId: pausedBatch, taskId: Number(running[1]), attempt: Number(running[2]) }
      const earlier = new Set((await readFileSinkManifest(output)).files)
      const filesOfPaused = async () => (await parquetFilesUnder(output)).filter((f) => {
        const name = parseAttemptFileName(f)
        return !earlier.has(f) && name?.taskId === paused.taskId && name.attempt === paused.attempt
      })
      const deadline = Date.now() + 30_000
      while ((await filesOfPaused()).length === 0 && Date.now() < deadline) await sleep(2)
      victim.pause()
      const pausedAt = Date.now()
      const pausedFiles = await filesOfPaused()
      folder.notes.push(`paused ${victim.name} at task ${attemptKey(paused)} with its files ${pausedFiles.map((f) => basename(f)).join(', ')}`)
      expect(pausedFiles.length, 'the paused attempt has written data files').toBeGreaterThan(0)
      expect(taskLines(victim).filter((l) => attemptKey(l) === attemptKey(paused)).map((l) => l.kind), 'paused before its attempt ended').toEqual(['Running'])

      // The coordinator hears nothing for spark.network.timeout, declares it lost and runs the task elsewhere.
      const other = cluster.executors[1 - victimIndex]!
      await until(`attempt ${paused.attempt + 1} of task ${paused.taskId} of batch ${pausedBatch} to finish on ${other.name}`, () =>
        taskLines(other).some((l) => l.kind === 'Finished' && l.batchId === pausedBatch && l.taskId === paused.taskId && l.attempt === paused.attempt + 1), 60_000)
      const retriedAfterMs = Date.now() - pausedAt
      await until(`batch ${pausedBatch} to commit`, () => existsSync(join(checkpoint, 'commits', String(pausedBatch))), 60_000)
      // Lost by the heartbeat timeout (its last heartbeat was at most one interval before the pause), not by a call error.
      expect(retriedAfterMs).toBeGreaterThanOrEqual(NETWORK_TIMEOUT_MS - HEARTBEAT_INTERVAL_MS)
      // Nothing ran on the paused executor meanwhile.
      expect(taskLines(victim).filter((l) => attemptKey(l) === attemptKey(paused) || l.batchId > pausedBatch).map((l) => l.kind)).toEqual(['Running'])

      // Wake it: the call it answers was cancelled, so its attempt's files are deleted and never listed.
      victim.resume()
      const late = await until(`${victim.name} to end the paused attempt`, () =>
        taskLines(victim).find((l) => attemptKey(l) === attemptKey(paused) && l.kind !== 'Running'), 30_000)
      folder.notes.push(`after SIGCONT ${victim.name} logged: ${late.kind} ${late.rest}`)
      expect(late.kind).toBe('Discarded')
      expect(pausedFiles.filter((f) => existsSync(f)), 'files of the paused attempt left after its discard').toEqual([])
      // It registers again as a new member (the coordinator had removed it) and takes tasks again.
      await until(`${victim.name} to register again`, () => (victim.output().match(/registered with coordinator/g) ?? []).length >= 2, 30_000)

      await query.processAllAvailable()
      const lastBatch = query.lastProgress?.batchId ?? -1
      await query.stop()
      expect(lastBatch).toBe(FILES / FILES_PER_TRIGGER - 1)

      // The batch's own log lists the retry's file for that task, and no file of the paused attempt exists anywhere.
      const listedInBatch = (await batchManifest(output, pausedBatch)).map((path) => parseAttemptFileName(path)!)
      const jobId = listedInBatch[0]!.jobId
      expect([...new Set(listedInBatch.filter((a) => a.taskId === paused.taskId).map((a) => a.attempt))]).toEqual([paused.attempt + 1])
      const leftovers = (await readdir(output)).filter((name) => name.includes(`${jobId}-t${paused.taskId}-a${paused.attempt}.`))
      expect(leftovers).toEqual([])

      const sink = await checkSink('parquet', input, output)
      folder.notes.push(`${sink.referenceRows} input rows, ${sink.sinkRows} sink rows, unlisted: ${sink.unlisted.join(', ') || 'none'}`)
      expect(sink.referenceRows).toBe(FILES * ROWS_PER_FILE)
      expect(sink.difference).toEqual(EXACTLY_ONCE)
      // No executor was killed: every attempt that did not count deleted its files.
      expect(sink.unlisted).toEqual([])
      expect(allTaskLines(cluster.executors).filter((l) => l.kind === 'Failed')).toEqual([])
      console.log(`[executor pause] ${folder.notes.join('; ')}; retried after ${retriedAfterMs} ms`)
    } finally {
      cluster.executors[victimIndex]?.resume()
      await query?.stop().catch(() => undefined)
      await spark.stop().catch(() => undefined)
      await cluster.stop()
    }
  })
})
