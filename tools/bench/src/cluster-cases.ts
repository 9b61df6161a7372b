import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice, type StreamingQueryProgress } from '@sluice/client'
import { startLocalCluster, type LocalCluster } from '@sluice/test/cluster'
import { BenchSkipped, type BenchCase, type BenchContext, type BenchRunResult } from './bench-case.js'
import { COURSE_SCHEMA_DDL } from './course-schema.js'
import { latencyResult } from './latency-result.js'

interface ClusterSession {
  readonly cluster: LocalCluster
  readonly spark: Sluice
}

/**
 * A case run against real processes: a coordinator and `executors` executors of one
 * slot each on loopback (compiled JavaScript: `npm run build` first), started in its
 * untimed setup and stopped in its teardown.
 */
function clusterCase(
  name: string, description: string, executors: number,
  run: (session: ClusterSession, context: BenchContext) => Promise<BenchRunResult>,
): BenchCase {
  let session: ClusterSession | undefined
  return {
    name,
    description,
    async setup() {
      const cluster = await startLocalCluster({ executors, slotsPerExecutor: 1, name: `bench-${name}` }).catch((error: unknown) => {
        throw new BenchSkipped(`the cluster did not start (run npm run build): ${(error as Error).message}`)
      })
      session = { cluster, spark: await Sluice.builder().appName(`bench-${name}`).remote(cluster.url).getOrCreate() }
    },
    run: (context) => run(session!, context),
    async teardown() {
      await session?.spark.stop().catch(() => undefined)
      await session?.cluster.stop()
      session = undefined
    },
  }
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'sluice-bench-cluster-'))
}

/** Streaming JSON → Parquet of every file (availableNow): CPU-bound and stateless, so its tasks spread over the executors. */
const jsonToParquet = async ({ spark }: ClusterSession, context: BenchContext): Promise<BenchRunResult> => {
  const folder = scratch()
  try {
    const query = await spark.readStream.format('json').schema(COURSE_SCHEMA_DDL).load(context.dataDir)
      .writeStream.format('parquet').option('checkpointLocation', join(folder, 'checkpoint'))
      .trigger({ availableNow: true }).start(join(folder, 'out'))
    await query.awaitTermination()
    return { rows: context.rows }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

export const clusterJsonToParquet1Case = clusterCase('cluster-json-to-parquet-1x1',
  'Cluster: streaming json → parquet, availableNow, 1 executor × 1 slot', 1, jsonToParquet)
export const clusterJsonToParquet2Case = clusterCase('cluster-json-to-parquet-2x1',
  'Cluster: streaming json → parquet, availableNow, 2 executors × 1 slot', 2, jsonToParquet)

/**
 * The `groupBy-count` case's query, the same DataFrame (course schema declared),
 * through the coordinator: one task on one executor, the groups back over gRPC as Avro.
 * (SQL over a temporary view of the same files reads every column: the planner does
 * not prune columns through a view yet, embedded or not.)
 */
export const clusterGroupByCountCase = clusterCase('cluster-groupBy-count',
  'Cluster: read json (schema declared) .groupBy("gt").count(), 1 executor × 1 slot, through the coordinator', 1,
  async ({ spark }, context) => {
    const rows = await spark.read.format('json').schema(COURSE_SCHEMA_DDL).load(context.dataDir).groupBy('gt').count().collect()
    if (rows.length === 0) throw new Error('no groups')
    return { rows: context.rows }
  })

/**
 * The fixed cost of a micro-batch on a cluster: one-row batches of the
 * rate-micro-batch source into memory, each a task on an executor over gRPC;
 * p50/p99 of triggerExecution over 200 batches.
 */
export const clusterEmptyMicroBatchCase = clusterCase('cluster-empty-microbatch',
  'Cluster: fixed cost of a one-row micro-batch (offsets, task over gRPC, commit, progress), ms', 1,
  async ({ spark }) => {
    const folder = scratch()
    const durations: number[] = []
    const done = new Promise<void>((resolve) => {
      spark.streams.addListener({
        onQueryProgress(event: { progress: StreamingQueryProgress }) {
          if (durations.length >= 200) return
          durations.push(event.progress.durationMs['triggerExecution'] ?? event.progress.batchDuration)
          if (durations.length === 200) resolve()
        },
      })
    })
    const query = await spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 1).load()
      .writeStream.format('memory').queryName(`bench_cluster_empty_${Date.now()}`)
      .option('checkpointLocation', join(folder, 'checkpoint')).start()
    try {
      await done
    } finally {
      await query.stop()
      rmSync(folder, { recursive: true, force: true })
    }
    return latencyResult(durations)
  })

/**
 * Bytes per row of result rows on the wire: every column of every row through
 * ExecuteSql's Avro containers, against the JSON text of the same rows.
 */
export const clusterWireBytesCase = clusterCase('cluster-wire-bytes-per-row',
  'Cluster: result rows over gRPC (Avro containers), bytes per row against the JSON input', 1,
  async ({ cluster }, context) => {
    const { wireBytesOfSql } = await import('./wire-bytes.js')
    // At most 200k rows: one task's result must fit the executor's 64 MiB message limit.
    const { bytes, rows } = await wireBytesOfSql(cluster.address, `SELECT * FROM json.\`${context.dataDir}\` LIMIT 200000`)
    const { stat } = await import('node:fs/promises')
    let jsonBytes = 0
    for (const file of context.files) jsonBytes += (await stat(file)).size
    return { rows, extra: { bytesPerRow: Math.round((bytes / rows) * 10) / 10, jsonBytesPerRow: Math.round((jsonBytes / context.rows) * 10) / 10 } }
  })

export const clusterBenchCases: readonly BenchCase[] = [
  clusterJsonToParquet1Case, clusterJsonToParquet2Case, clusterGroupByCountCase, clusterEmptyMicroBatchCase, clusterWireBytesCase,
]
