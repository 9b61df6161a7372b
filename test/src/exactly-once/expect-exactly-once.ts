import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { Sluice } from '@sluice/client'
import { readFileSinkManifest, replayDeltaLog } from '../support/index.js'
import type { ChildQueryConfig } from './child-query-config.js'
import type { ChildRunOutcome } from './run-killed-child.js'
import { checkpointQueryId, exactReport, verifySink } from './sink-verification.js'

/**
 * The checks after the kills: the final run drained the input, the sink holds each
 * expected row exactly once (read by `spark` and by DuckDB, against the reference
 * computed from the input files), and its log lists each batch once (file sink) or
 * one table version per batch id in order (Delta).
 */
export async function expectExactlyOnce(spark: Sluice, config: ChildQueryConfig, final: ChildRunOutcome, context: string): Promise<void> {
  const { sink } = config
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
}
