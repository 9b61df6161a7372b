import { describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Sluice, type StreamingQuery } from '@sluice/client'
import { generateActivityFiles } from '@sluice/datagen'
import { SeededDelays, replayDeltaLog, testSeed } from '../support/index.js'
import { startLocalCluster, type LocalCluster } from './local-cluster.js'
import type { ManagedProcess } from './managed-process.js'
import { useProcessTestFolder } from './process-test-hooks.js'
import { allTaskLines, attemptKey, attemptsInFlight, sleep, taskDurationsMs, taskLines, until } from './executor-task-log.js'
import { COURSE_SCHEMA, EXACTLY_ONCE, checkSink, parquetFilesUnder, parseAttemptFileName, type FaultSinkFormat } from './sink-files.js'

// Issue 8 §5: SIGKILL of executors at random points, 5 times, each replaced by a new
// executor, under a streaming query JSON → file sink / Delta on 3 executors × 1 slot.
// The query keeps running (lost tasks are retried on the others), and at the end the
// sink holds every input row exactly once, read by DuckDB from the files the sink's
// own log lists and compared with JSON.parse of the input.

const KILLS = 5
const FILES = 42
const ROWS_PER_FILE = 4_000
/** 3 files a batch over 3 one-slot executors: 14 batches of 3 tasks while all 3 are up. */
const FILES_PER_TRIGGER = 3
/** The parquet sink's maxRecordsPerFile: each task writes its rows as several files, one after the other. */
const ROWS_PER_SINK_FILE = 1_000
/** Kills land 0..KILL_DELAY_MAX_MS after the victim was seen starting a task (tasks take ~40-300 ms here; a new executor's first ~700 ms). */
const KILL_DELAY_MAX_MS = 50

const folder = useProcessTestFolder('sluice-executor-faults-')

/** One kill as it happened. */
interface Kill {
  readonly victim: ManagedProcess
  readonly batchId: number
  readonly delayMs: number
  /** Whether its log showed an attempt still running when the kill was sent. */
  readonly midTask: boolean
  /** Data files its running attempt had written when the kill was sent (kills that wait for one). */
  readonly filesWritten: number
}

/** Every second kill waits for the victim's attempt to have written a data file (polled this often, this long at most). */
const FILE_POLL_MS = 2
const FILE_WAIT_MAX_MS = 2_000

/**
 * New data files under `output` (not in `before`) of one of `attempts` (matched by task
 * and attempt: the batch's job id is not in the executor's log).
 */
async function filesOfAttempts(output: string, before: ReadonlySet<string>, attempts: readonly { readonly taskId: number; readonly attempt: number }[]): Promise<string[]> {
  const files = existsSync(output) ? await parquetFilesUnder(output) : []
  return files.filter((file) => {
    if (before.has(file)) return false
    const name = parseAttemptFileName(file)
    return name !== undefined && attempts.some((a) => a.taskId === name.taskId && a.attempt === name.attempt)
  })
}

/**
 * SIGKILLs `KILLS` executors while the query runs: kill i waits until a batch at least
 * 1-2 batches (seeded) past the previous kill's has started, picks (seeded) one of the
 * live executors running a task of the newest batch (one whose log shows the task
 * still running if there is one), waits a seeded 0..KILL_DELAY_MAX_MS, SIGKILLs its
 * process group, and starts a replacement without waiting for it (the others go on
 * meanwhile). Every second kill instead waits until the victim's attempt has written a
 * data file (so it leaves files only the coordinator can delete) or has ended. Kills are
 * at least a batch apart, so no task loses more than one attempt to them
 * (spark.task.maxFailures stays 4).
 */
async function killExecutors(cluster: LocalCluster, random: SeededDelays, output: string): Promise<{ kills: Kill[]; replacements: Promise<ManagedProcess>[] }> {
  const killed = new Set<ManagedProcess>()
  const kills: Kill[] = []
  const replacements: Promise<ManagedProcess>[] = []
  let target = random.between(1, 2)
  for (let i = 0; i < KILLS; i++) {
    const live = () => cluster.executors.filter((e) => !killed.has(e) && e.isRunning())
    const newest = await until(`a task of batch ≥ ${target} (kill ${i + 1})`, () => {
      const batches = allTaskLines(live()).filter((l) => l.kind === 'Running').map((l) => l.batchId)
      const max = batches.length > 0 ? Math.max(...batches) : -1
      return max >= target ? max : undefined
    }, 90_000, 5)
    const ofNewest = live().filter((e) => taskLines(e).some((l) => l.kind === 'Running' && l.batchId === newest))
    const running = ofNewest.filter((e) => attemptsInFlight(e).some((l) => l.batchId === newest))
    const candidates = running.length > 0 ? running : ofNewest
    const victim = candidates[Math.floor(random.next() * candidates.length)]!
    const seenAt = Date.now()
    let filesWritten = 0
    if (i % 2 === 1) {
      const before = new Set(existsSync(output) ? await parquetFilesUnder(output) : [])
      const waitUntil = Date.now() + FILE_WAIT_MAX_MS
      for (;;) {
        const inFlight = attemptsInFlight(victim).filter((l) => l.batchId === newest)
        if (inFlight.length === 0 || Date.now() > waitUntil) break
        filesWritten = (await filesOfAttempts(output, before, inFlight)).length
        if (filesWritten > 0) break
        await sleep(FILE_POLL_MS)
      }
    } else {
      await sleep(random.between(0, KILL_DELAY_MAX_MS))
    }
    const delayMs = Date.now() - seenAt
    const midTask = attemptsInFlight(victim).length > 0
    killed.add(victim)
    await victim.kill()
    kills.push({ victim, batchId: newest, delayMs, midTask, filesWritten })
    folder.notes.push(`kill ${i + 1}: SIGKILL ${victim.name} ${delayMs} ms after it was seen running a task of batch ${newest}`
      + `${i % 2 === 1 ? ` (waited for its files: ${filesWritten})` : ''}${midTask ? '' : ' (its log showed it done by then)'}`)
    replacements.push(cluster.addExecutor())
    target = newest + random.between(1, 2)
  }
  return { kills, replacements }
}

describe('executors SIGKILLed under a streaming query (3 executors × 1 slot)', () => {
  for (const format of ['parquet', 'delta'] as const satisfies readonly FaultSinkFormat[]) {
    it(`should keep the query running through ${KILLS} kills and hold every input row exactly once in the ${format} sink`, async () => {
      const seed = testSeed()
      const random = new SeededDelays(seed)
      folder.notes.push(`seed ${seed} (replay with SLUICE_TEST_SEED=${seed}), ${format} sink`)
      const base = join(folder.root, format)
      const input = join(base, 'input')
      const output = join(base, 'output')
      const checkpoint = join(base, 'checkpoint')
      await generateActivityFiles({ outDir: input, files: FILES, rowsPerFile: ROWS_PER_FILE, seed })
      const started = Date.now()
      const cluster = await startLocalCluster({
        executors: 3, slotsPerExecutor: 1, name: `kill-${format}`,
        conf: { 'spark.executor.heartbeatInterval': '500ms', 'spark.network.timeout': '5s' },
      })
      const spark = await Sluice.builder().appName(`executor-kills-${format}`).remote(cluster.url).getOrCreate()
      let query: StreamingQuery | undefined
      try {
        const writer = spark.readStream.format('json').schema(COURSE_SCHEMA).option('maxFilesPerTrigger', FILES_PER_TRIGGER).load(input)
          .writeStream.format(format).option('checkpointLocation', checkpoint).trigger({ processingTime: '400 milliseconds' })
        // The file sink streams a task's rows into a file per ROWS_PER_SINK_FILE: a killed task may leave some behind.
        if (format === 'parquet') writer.option('maxRecordsPerFile', ROWS_PER_SINK_FILE)
        query = await writer.start(output)

        const { kills, replacements } = await killExecutors(cluster, random, output)
        const replaced = await Promise.all(replacements)
        expect(query.exception()).toBeNull()
        expect(query.isActive).toBe(true)
        await query.processAllAvailable()
        const lastBatch = query.lastProgress?.batchId ?? -1
        await query.stop()
        folder.notes.push(`${kills.length} kills and replacements in ${Date.now() - started} ms; last batch ${lastBatch}`)

        // Every batch committed, in order, once.
        expect(lastBatch).toBe(Math.ceil(FILES / FILES_PER_TRIGGER) - 1)
        expect(existsSync(join(checkpoint, 'commits', String(lastBatch)))).toBe(true)

        // Each replacement registered and took tasks of batches after the kill that made way for it.
        for (const [i, executor] of replaced.entries()) {
          expect(executor.output()).toMatch(/registered with coordinator/)
          const batches = taskLines(executor).map((l) => l.batchId)
          if (batches.length > 0) expect(Math.min(...batches)).toBeGreaterThanOrEqual(kills[i]!.batchId)
        }

        // What a killed executor had running was retried elsewhere and finished there as a later attempt.
        const lines = allTaskLines(cluster.executors)
        const durations = taskDurationsMs(lines)
        folder.notes.push(`task durations: median ${durations[durations.length >> 1]} ms, max ${durations.at(-1)} ms`)
        const lost = kills.flatMap((k) => attemptsInFlight(k.victim))
        folder.notes.push(`attempts lost with the killed executors: ${lost.map((l) => `${l.executor} ${attemptKey(l)}`).join(', ') || 'none'}`)
        expect(lost.length).toBeGreaterThan(0)
        for (const attempt of lost) {
          const retried = lines.filter((l) => l.kind === 'Finished' && l.batchId === attempt.batchId && l.taskId === attempt.taskId && l.attempt > attempt.attempt)
          expect(retried.map((l) => l.executor), `a later attempt of ${attemptKey(attempt)} finished elsewhere`).not.toContain(attempt.executor)
          expect(retried.length, `a later attempt of ${attemptKey(attempt)} finished`).toBe(1)
        }
        const superseded = new Set(lines.filter((l) => l.attempt > 0).map((l) => `${l.batchId}/${l.taskId}.${l.attempt - 1}`))

        const sink = await checkSink(format, input, output)
        folder.notes.push(`${sink.referenceRows} input rows, ${sink.sinkRows} sink rows, ${sink.listed.length} listed files, unlisted: ${sink.unlisted.join(', ') || 'none'}`)
        expect(sink.referenceRows).toBe(FILES * ROWS_PER_FILE)
        expect(sink.difference).toEqual(EXACTLY_ONCE)

        // Every data file names its batch's job, task and attempt; per task of a batch the
        // log lists one attempt's files, one that finished after any lost attempt of it.
        const listedAttempts = sink.listed.map((file) => ({ file, name: parseAttemptFileName(file) }))
        expect(listedAttempts.filter((a) => a.name?.temporary !== false).map((a) => a.file), 'listed files named by task and attempt').toEqual([])
        const acceptedAttempt = new Map<string, number>()
        for (const { file, name } of listedAttempts) {
          const key = `${name!.jobId}/${name!.taskId}`
          expect(acceptedAttempt.get(key) ?? name!.attempt, `${file}: one attempt of its task listed`).toBe(name!.attempt)
          acceptedAttempt.set(key, name!.attempt)
        }
        // A killed attempt cannot delete what it wrote: the coordinator deletes the files of
        // a batch's superseded attempts after its commit, so none is left once the query is done.
        expect(sink.unlisted, 'files in the folder the log does not list (superseded attempts\' among them)').toEqual([])
        // The parquet sink rolls files as a task goes: a kill that waited for one left files behind, which are gone now.
        if (format === 'parquet') expect(kills.some((k) => k.midTask && k.filesWritten > 0), 'a killed attempt had written files').toBe(true)
        const jobs = new Set(listedAttempts.map((a) => a.name!.jobId))
        folder.notes.push(`${jobs.size} batch jobs, ${superseded.size} superseded attempts, ${acceptedAttempt.size} accepted task attempts`)
        expect([...acceptedAttempt.values()].filter((attempt) => attempt > 0).length, 'some listed files come from a retry').toBeGreaterThan(0)
        if (format === 'delta') {
          // One table version per batch, carrying the batch id as txn version: never twice.
          const replay = await replayDeltaLog(output)
          const versions = replay.txns.filter((t) => t.appId === query!.id).map((t) => t.version)
          expect(versions).toEqual(Array.from({ length: lastBatch + 1 }, (_, i) => i))
        }
        console.log(`[executor kills ${format}] ${folder.notes.join('\n')}`)
      } finally {
        await query?.stop().catch(() => undefined)
        await spark.stop().catch(() => undefined)
        await cluster.stop()
      }
    })
  }
})
