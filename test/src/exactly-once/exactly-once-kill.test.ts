import { afterAll, beforeAll, describe, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice } from '@sluice/client'
import { generateActivityFiles } from '@sluice/datagen'
import { SeededDelays, testSeed } from '../support/index.js'
import type { ChildQueryConfig } from './child-query-config.js'
import { expectExactlyOnce } from './expect-exactly-once.js'
import { killUntilDone } from './kill-until-done.js'

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
      const final = await killUntilDone(config, random, log, { kills: KILLS_PER_SINK, maxRuns: MAX_RUNS })
      console.log(`[exactly-once ${sink}]\n${log.join('\n')}`)
      await expectExactlyOnce(spark, config, final, `${sink} sink, ${log.join('\n')}\n${final.stderr}`)
    })
  }
})
