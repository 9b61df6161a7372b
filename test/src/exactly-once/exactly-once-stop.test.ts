import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Sluice, StreamingQuery } from '@sluice/client'
import { ACTIVITY_SCHEMA_DDL, generateActivityFiles } from '@sluice/datagen'
import { SeededDelays, testSeed } from '../support/index.js'
import { useModeSession } from '../support/mode-session-hooks.js'
import { SESSION_MODES } from '../support/session-modes.js'
import { exactlyOnceWriter } from './exactly-once-queries.js'
import { exactReport, verifySink } from './sink-verification.js'

const STOPS = 5

let spark: Sluice
let root: string
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sluice-stop-'))
})
afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Waits until the query is inside a batch (trigger active with data), or gives up after `limitMs`. */
async function untilBatchRuns(query: StreamingQuery, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs
  while (Date.now() < deadline && query.isActive) {
    const status = query.status
    if (status.isTriggerActive && status.isDataAvailable) return true
    await sleep(1)
  }
  return false
}

for (const mode of SESSION_MODES) describe(`exactly-once across stop() mid-batch (${mode})`, () => {
  useModeSession(mode, 'exactly-once-stop-test', (s) => { spark = s.spark })

  for (const sink of ['parquet', 'delta', 'aggregate', 'dedupe', 'window'] as const) {
    it(`should hold each expected row exactly once in the ${sink} sink after ${STOPS} stops while batches run`, async () => {
      const seed = testSeed()
      const random = new SeededDelays(seed)
      console.log(`[exactly-once stop ${mode} ${sink}] seed ${seed} (replay with SLUICE_TEST_SEED=${seed})`)
      const base = join(root, mode, sink)
      const inputDir = join(base, 'input')
      const outputDir = join(base, 'output')
      const checkpointDir = join(base, 'checkpoint')
      // Two generator runs: their (Device, Index) keys overlap, so dropDuplicates has work.
      await generateActivityFiles({ outDir: inputDir, files: 5, rowsPerFile: 200, seed, filePrefix: 'a-' })
      await generateActivityFiles({ outDir: inputDir, files: 5, rowsPerFile: 200, seed: seed + 1, filePrefix: 'b-' })
      const start = (availableNow: boolean) => {
        const input = spark.readStream.format('json').schema(ACTIVITY_SCHEMA_DDL).option('maxFilesPerTrigger', 1).load(inputDir)
        const configured = exactlyOnceWriter(input, sink).option('checkpointLocation', checkpointDir)
        return (availableNow ? configured.trigger({ availableNow: true }) : configured).start(outputDir)
      }
      const log: string[] = [`${mode}: seed ${seed}`]
      let midBatchStops = 0
      for (let stop = 0; stop < STOPS; stop++) {
        const query = await start(false)
        const inBatch = await untilBatchRuns(query, 10_000)
        const delay = random.between(0, 30)
        await sleep(delay)
        const stillInBatch = query.status.isTriggerActive
        await query.stop()
        if (inBatch && stillInBatch) midBatchStops++
        log.push(`stop ${stop}: after ${delay} ms in batch=${inBatch && stillInBatch}, batches=[${query.recentProgress.map((p) => p.batchId).join(',')}]`)
        expect(query.exception(), log.join('\n')).toBeNull()
      }
      const final = await start(true)
      await final.awaitTermination()
      log.push(`final: batches=[${final.recentProgress.map((p) => p.batchId).join(',')}]`)
      console.log(`[exactly-once stop ${mode} ${sink}]\n${log.join('\n')}`)
      expect(midBatchStops, log.join('\n')).toBeGreaterThan(0)
      expect(await verifySink(spark, sink, inputDir, outputDir), log.join('\n')).toEqual(exactReport(sink))
    })
  }
})
