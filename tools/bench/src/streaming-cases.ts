import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice } from '@sluice/client'
import { MemoryStream } from '@sluice/client/testing'
import type { BenchCase, BenchRunResult } from './bench-case.js'
import { COURSE_SCHEMA_DDL } from './course-schema.js'
import { latencyResult } from './latency-result.js'

const session = () => Sluice.builder().appName('sluice-bench').getOrCreate()

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'sluice-bench-'))
}

/** A streaming query over every file at once (availableNow, no maxFilesPerTrigger), to the end. */
async function runToEnd(start: (spark: Sluice, folder: string) => Promise<{ awaitTermination(): Promise<boolean> }>): Promise<void> {
  const spark = await session()
  const folder = scratch()
  try {
    const query = await start(spark, folder)
    await query.awaitTermination()
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

/** Streaming `groupBy("gt").count()` over all files, complete mode to memory. */
export const streamingGroupByCountCase: BenchCase = {
  name: 'streaming-groupBy-count',
  description: 'Sluice streaming: readStream json, groupBy("gt").count(), complete mode to memory, availableNow',
  async run(context): Promise<BenchRunResult> {
    await runToEnd((spark, folder) => spark.readStream.format('json').schema(COURSE_SCHEMA_DDL).load(context.dataDir)
      .groupBy('gt').count().writeStream.format('memory').queryName(`bench_counts_${Date.now()}`).outputMode('complete')
      .option('checkpointLocation', join(folder, 'checkpoint')).trigger({ availableNow: true }).start())
    return { rows: context.rows }
  },
}

/** Streaming JSON → Parquet append of all files. */
export const streamingJsonToParquetCase: BenchCase = {
  name: 'streaming-json-to-parquet',
  description: 'Sluice streaming: readStream json → parquet file sink (append), availableNow',
  async run(context): Promise<BenchRunResult> {
    await runToEnd((spark, folder) => spark.readStream.format('json').schema(COURSE_SCHEMA_DDL).load(context.dataDir)
      .writeStream.format('parquet').option('checkpointLocation', join(folder, 'checkpoint')).trigger({ availableNow: true }).start(join(folder, 'out')))
    return { rows: context.rows }
  },
}

/**
 * The fixed cost of a micro-batch with (almost) no data: offsets/N, the task, the
 * sink, commits/N and the progress event on a local checkpoint; p50 and p99 of the
 * batches' triggerExecution over 200 one-row batches.
 */
export const emptyMicroBatchCase: BenchCase = {
  name: 'empty-microbatch',
  description: 'Sluice streaming: fixed cost of a one-row micro-batch (offsets, task, commit, progress), ms',
  async run(): Promise<BenchRunResult> {
    const spark = await session()
    const folder = scratch()
    const input = new MemoryStream('value INT', spark)
    const query = await input.toDF().writeStream.format('memory').queryName(`bench_empty_${Date.now()}`)
      .option('checkpointLocation', join(folder, 'checkpoint')).start()
    const durations: number[] = []
    try {
      for (let i = 0; i < 200; i++) {
        input.addData(i)
        await query.processAllAvailable()
        const progress = query.lastProgress
        if (progress) durations.push(progress.durationMs['triggerExecution'] ?? progress.batchDuration)
      }
    } finally {
      await query.stop()
      rmSync(folder, { recursive: true, force: true })
    }
    return latencyResult(durations)
  },
}

/** Memory of the aggregation state store holding 1M distinct keys, bytes per key (the store's estimate). */
export const stateStoreMemoryCase: BenchCase = {
  name: 'state-store-1M-keys',
  description: 'Sluice streaming: groupBy over 1M distinct keys; state store memoryUsedBytes / numRowsTotal',
  async run(): Promise<BenchRunResult> {
    const spark = await session()
    const folder = scratch()
    const input = new MemoryStream('key BIGINT', spark)
    const keys = 1_000_000
    for (let start = 0; start < keys; start += 10_000) input.addData(...Array.from({ length: 10_000 }, (_, i) => BigInt(start + i)))
    const query = await input.toDF().groupBy('key').count().writeStream.format('memory').queryName(`bench_state_${Date.now()}`)
      .outputMode('update').option('checkpointLocation', join(folder, 'checkpoint')).start()
    try {
      await query.processAllAvailable()
      const state = query.lastProgress?.stateOperators[0]
      const total = state?.numRowsTotal ?? 0
      return { rows: keys, extra: { numRowsTotal: total, bytesPerKey: total > 0 ? Math.round((state?.memoryUsedBytes ?? 0) / total) : 0 } }
    } finally {
      await query.stop()
      rmSync(folder, { recursive: true, force: true })
    }
  },
}

export const streamingBenchCases: readonly BenchCase[] = [streamingGroupByCountCase, streamingJsonToParquetCase, emptyMicroBatchCase, stateStoreMemoryCase]
