import { afterAll, afterEach, beforeAll, describe, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice } from '@sluice/client'
import { generateActivityFiles } from '@sluice/datagen'
import { forgetExitedProcesses, killAllProcesses, processLogTails } from '../cluster/managed-process.js'
import { rawSluiceClient, unaryCall } from '../cluster/raw-grpc.js'
import { startRestartableCluster, type RestartableCluster } from '../cluster/restartable-cluster.js'
import { SESSION_MODES } from '../support/session-modes.js'
import { SeededDelays, testSeed } from '../support/index.js'
import type { ChildQueryConfig } from './child-query-config.js'
import { expectExactlyOnce } from './expect-exactly-once.js'
import { killUntilDone, type KillTarget } from './kill-until-done.js'

// The exactly-once SIGKILL test on a cluster: the child runs its query in a remote session
// on a coordinator with 1 or 3 executor processes, and each kill point SIGKILLs either the
// child (its query goes on running on the coordinator until the next child restarts it from
// the checkpoint) or the coordinator (restarted on the same port; the executors register
// again by themselves, and the next child restarts the query from the checkpoint).
// The sink is then compared row for row with the reference computed from the input files.

const KILLS_PER_SINK = 3
const MAX_RUNS = 20
const CLUSTER_MODES = SESSION_MODES.filter((mode) => mode !== 'embedded')

let spark: Sluice
let root: string
beforeAll(async () => {
  // Reads the sinks back for the comparison: an embedded session, independent of the cluster under test.
  spark = await Sluice.builder().appName('exactly-once-cluster-kill-test').master('local[1]').getOrCreate()
  root = mkdtempSync(join(tmpdir(), 'sluice-cluster-kill-'))
})
afterAll(async () => {
  await spark.stop()
  await killAllProcesses()
  rmSync(root, { recursive: true, force: true })
})

/** How many queries run on the cluster's coordinator now. */
async function activeQueries(cluster: RestartableCluster): Promise<number> {
  const client = rawSluiceClient(cluster.address)
  try {
    return (await unaryCall<{ queries: unknown[] }>(client, 'ListQueries', {})).queries.length
  } finally {
    client.close()
  }
}

/** Half the kills at the coordinator, half at the child, and at least one of each. */
function chooseTarget(cluster: RestartableCluster): (random: SeededDelays, run: number, landed: readonly string[]) => KillTarget {
  const coordinator: KillTarget = { name: 'coordinator', kill: () => cluster.killCoordinator() }
  return (random, _run, landed) => {
    const left = KILLS_PER_SINK - landed.length
    if (left <= 1 && !landed.includes('coordinator')) return coordinator
    if (left <= 1 && !landed.includes('child')) return { name: 'child' }
    return random.next() < 0.5 ? coordinator : { name: 'child' }
  }
}

for (const mode of CLUSTER_MODES) describe(`exactly-once under SIGKILL of the client or the coordinator (${mode})`, () => {
  let cluster: RestartableCluster
  beforeAll(async () => {
    forgetExitedProcesses()
    cluster = await startRestartableCluster({ executors: Number(mode.slice('cluster-'.length)), name: `exactly-once-${mode}` })
  })
  afterAll(async () => {
    await cluster?.stop()
  })
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') console.error(processLogTails(60))
  })

  for (const sink of ['parquet', 'delta', 'aggregate', 'dedupe', 'window'] as const) {
    it(`should hold each expected row exactly once in the ${sink} sink after ${KILLS_PER_SINK} kills`, async () => {
      const seed = testSeed()
      const random = new SeededDelays(seed)
      const base = join(root, mode, sink)
      const config: ChildQueryConfig = {
        sink, inputDir: join(base, 'input'), outputDir: join(base, 'output'), checkpointDir: join(base, 'checkpoint'),
        // One file per batch for the file sink, so that its 12+ batches cross the
        // _spark_metadata compaction at batch 9 (compactInterval 10).
        maxFilesPerTrigger: sink === 'parquet' ? 1 : random.between(1, 2),
        remote: cluster.url,
      }
      await generateActivityFiles({ outDir: config.inputDir, files: 12, rowsPerFile: 120, seed })
      const log = [`${mode}: seed ${seed} (replay with SLUICE_TEST_SEED=${seed}), maxFilesPerTrigger ${config.maxFilesPerTrigger}`]
      console.log(`[exactly-once ${mode} ${sink}] ${log[0]}`)
      const final = await killUntilDone(config, random, log, {
        kills: KILLS_PER_SINK, maxRuns: MAX_RUNS, target: chooseTarget(cluster),
        afterRun: async () => {
          if (!cluster.coordinator.isRunning()) {
            await cluster.restartCoordinator()
            return 'coordinator restarted'
          }
          // A killed child's run goes on on the coordinator until the next child's start stops it (stopActiveRunOnRestart).
          return `${await activeQueries(cluster)} active on the coordinator`
        },
      })
      console.log(`[exactly-once ${mode} ${sink}]\n${log.join('\n')}`)
      await expectExactlyOnce(spark, config, final, `${mode}, ${sink} sink, ${log.join('\n')}\n${final.stderr}`)
    })
  }
})
