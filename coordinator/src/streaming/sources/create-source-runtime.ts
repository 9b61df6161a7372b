import { AnalysisError, type PhysicalPlan, type SourceSpec } from '@sluice/shared'
import { FileStreamSource } from './file-stream-source.js'
import type { StreamingSourceRuntime } from './streaming-source.js'
import { createExtraSourceRuntime } from './extra-source-runtimes.js'
import type { LogCleanupPolicy } from '../file-source/expired-log-cleanup.js'

const FILE_FORMATS = new Set(['json', 'csv', 'text', 'parquet', 'avro'])

/**
 * The coordinator-side runtime of streaming source `sourceIndex` of a query; `timeZone` is the session's (Delta's
 * startingTimestamp), `fileSourceLogCompactInterval` its `spark.sql.streaming.fileSource.log.compactInterval`,
 * `fileSourceLogCleanup` its `spark.sql.streaming.fileSource.log.{deletion,cleanupDelay}` and minBatchesToRetain.
 */
export async function createSourceRuntime(
  source: SourceSpec, sourceIndex: number, checkpointLocation: string, _plan: PhysicalPlan, timeZone = 'UTC', fileSourceLogCompactInterval?: number,
  fileSourceLogCleanup?: LogCleanupPolicy,
): Promise<StreamingSourceRuntime> {
  if (FILE_FORMATS.has(source.format)) return new FileStreamSource(source, sourceIndex, checkpointLocation, fileSourceLogCompactInterval, fileSourceLogCleanup)
  const runtime = await createExtraSourceRuntime(source, sourceIndex, checkpointLocation, timeZone)
  if (runtime) return runtime
  throw new AnalysisError('UNSUPPORTED_DATA_SOURCE_FOR_STREAMING', `Data source ${source.format} does not support streamed reading. Streaming sources: ${[...FILE_FORMATS].join(', ')}, delta, rate, rate-micro-batch, socket, memory.`)
}
