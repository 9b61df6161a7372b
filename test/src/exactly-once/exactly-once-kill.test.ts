import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice } from '@sluice/client'
import { generateActivityFiles } from '@sluice/datagen'
import { SeededDelays, readFileSinkManifest, replayDeltaLog, testSeed } from '../support/index.js'
import type { ChildQueryConfig } from './child-query-config.js'
import { runStreamingChild, type ChildRunOutcome } from './run-killed-child.js'
import { exactReport, checkpointQueryId, verifySink } from './sink-verification.js'

const KILLS_PER_SINK = 5
const MAX_RUNS = 24

let spark: Sluice
let root: string
beforeAll(async () => {
  spark = await Sluice.builder().appName('exactly-once-kill-test').getOrCreate()
  root = mkdtempSync(join(tmpdir(), 'sluice-kill-'))
})
afterAll(async () => {
  await spark.stop()
  rmSync(root, { recursive: true, force: true })
})

/**
 * SIGKILLs the child at seeded random points (a delay after READY, or shortly after
 * its k-th committed batch) until KILLS_PER_SINK kills have landed on a running
 * child; whenever a run drained the input, more files arrive before the next run,
 * so that it has batches to kill. Then one run to the end.
 */
async function killUntilDone(config: ChildQueryConfig, random: SeededDelays, log: string[]): Promise<ChildRunOutcome> {
  let kills = 0
  let midBatchKills = 0
  let extraFiles = 0
  for (let run = 0; run < MAX_RUNS && kills < KILLS_PER_SINK; run++) {
    // Half the kills at any time after READY, half shortly after a committed batch (inside the next one).
    const kill = random.next() < 0.5
      ? { afterBatches: 0, delayMs: random.between(0, 800) }
      : { afterBatches: random.between(1, 2), delayMs: random.between(0, 120) }
    // Half the runs also see a file arrive while they run (written atomically, as the generator does).
    const arrivalMs = random.next() < 0.5 ? random.between(0, 4_000) : undefined
    const arriving = arrivalMs === undefined ? Promise.resolve() : sleep(arrivalMs).then(() =>
      generateActivityFiles({ outDir: config.inputDir, files: 1, rowsPerFile: 100, seed: random.between(1, 1e9), filePrefix: `arriving-${run}-` }))
    const outcome = await runStreamingChild(config, kill)
    await arriving
    const position = await checkpointPosition(config.checkpointDir)
    log.push(`run ${run}: kill ${kill.delayMs} ms after READY+${kill.afterBatches} batches${arrivalMs === undefined ? '' : `, a file arriving ${arrivalMs} ms after spawn`} → killed=${outcome.killed} exit=${outcome.exitCode} batches=[${outcome.batches.join(',')}] ${position}`)
    if (outcome.killed && position.includes('uncommitted')) midBatchKills++
    if (outcome.killed) kills++
    else if (outcome.exitCode !== 0) throw new Error(`child failed without a kill:\n${outcome.stderr}\n${log.join('\n')}`)
    if (!outcome.killed) {
      await generateActivityFiles({ outDir: config.inputDir, files: 8, rowsPerFile: 100, seed: random.between(1, 1e9), filePrefix: `late-${extraFiles++}-` })
    }
  }
  if (kills < KILLS_PER_SINK) throw new Error(`only ${kills} kills landed in ${MAX_RUNS} runs:\n${log.join('\n')}`)
  log.push(`${midBatchKills} of ${kills} kills left a batch logged in offsets/ but not in commits/`)
  const final = await runStreamingChild(config, undefined)
  log.push(`final run: exit=${final.exitCode} batches=[${final.batches.join(',')}] done=${final.done}`)
  return final
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** `offsets ≤ N, commits ≤ M` of a checkpoint, flagged `uncommitted` when a logged batch has no commit. */
async function checkpointPosition(checkpointDir: string): Promise<string> {
  const last = async (folder: string) => {
    const ids = existsSync(join(checkpointDir, folder)) ? (await readdir(join(checkpointDir, folder))).filter((n) => /^\d+$/.test(n)).map(Number) : []
    return ids.length === 0 ? -1 : Math.max(...ids)
  }
  const offsets = await last('offsets')
  const commits = await last('commits')
  return `offsets≤${offsets} commits≤${commits}${offsets > commits ? ' uncommitted' : ''}`
}

describe('exactly-once under SIGKILL', () => {
  for (const sink of ['parquet', 'delta', 'aggregate', 'dedupe', 'window'] as const) {
    it(`should hold each expected row exactly once in the ${sink} sink after ${KILLS_PER_SINK} kills`, async () => {
      const seed = testSeed()
      const random = new SeededDelays(seed)
      const base = join(root, sink)
      const config: ChildQueryConfig = {
        sink, inputDir: join(base, 'input'), outputDir: join(base, 'output'), checkpointDir: join(base, 'checkpoint'),
        // One file per batch for the file sink, so that its 12+ batches cross the
        // _spark_metadata compaction at batch 9 (compactInterval 10).
        maxFilesPerTrigger: sink === 'parquet' ? 1 : random.between(1, 2),
      }
      await generateActivityFiles({ outDir: config.inputDir, files: 12, rowsPerFile: 120, seed })
      const log = [`seed ${seed} (replay with SLUICE_TEST_SEED=${seed}), maxFilesPerTrigger ${config.maxFilesPerTrigger}`]
      console.log(`[exactly-once ${sink}] ${log[0]}`)
      const final = await killUntilDone(config, random, log)
      const context = `${sink} sink, ${log.join('\n')}\n${final.stderr}`
      console.log(`[exactly-once ${sink}]\n${log.join('\n')}`)
      expect(final.exitCode, context).toBe(0)
      expect(final.done, context).toBe(true)
      expect(await verifySink(spark, sink, config.inputDir, config.outputDir), context).toEqual(exactReport(sink))

      if (sink === 'parquet' || sink === 'dedupe') {
        const manifest = await readFileSinkManifest(config.outputDir)
        expect(new Set(manifest.batchIds).size, context).toBe(manifest.batchIds.length)
        if (sink === 'parquet') {
          expect(Math.max(...manifest.batchIds), context).toBeGreaterThanOrEqual(11)
          expect(existsSync(join(config.outputDir, '_spark_metadata', '9.compact')), context).toBe(true)
        }
      } else {
        const queryId = await checkpointQueryId(config.checkpointDir)
        const replay = await replayDeltaLog(config.outputDir)
        const versions = replay.txns.filter((txn) => txn.appId === queryId).map((txn) => txn.version)
        // One table version per batch id, in order, never twice: the sink's idempotence.
        expect(versions, context).toEqual([...versions].sort((a, b) => a - b))
        expect(new Set(versions).size, context).toBe(versions.length)
      }
    })
  }
})
