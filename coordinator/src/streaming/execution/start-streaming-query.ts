import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { randomUUID } from 'node:crypto'
import { AnalysisError, type Clock, type StructType } from '@sluice/shared'
import type { QueryEngine } from '../../session/query-engine.js'
import { createStreamingSink } from '../sinks/create-streaming-sink.js'
import { MemorySink } from '../sinks/memory-sink.js'
import type { ClientBatchCallback, StreamingQueryRequest } from '../sinks/sink-descriptor.js'
import type { StreamExecution } from './stream-execution.js'
import type { StreamingQueryManager } from './streaming-query-manager.js'

// Spark's DataStreamWriter.SOURCES_ALLOW_ONE_TIME_QUERY: sinks that may run on a temporary checkpoint.
const TEMP_CHECKPOINT_SINKS = new Set(['memory', 'console', 'noop', 'foreach', 'foreachbatch'])

export interface StartOptions {
  /** The user's code of a foreach, foreachBatch or console sink. */
  readonly callback?: ClientBatchCallback
  /** Time for triggers and progress; tests pass a ManualClock. */
  readonly clock?: Clock
}

/**
 * Starts a streaming query from its description where it runs (Spark's
 * DataStreamWriter.start on the driver): builds the sink, chooses the checkpoint
 * location (the `checkpointLocation` option, else spark.sql.streaming.checkpointLocation
 * `/<name or uuid>`, else a temporary folder for sinks that allow one), registers a
 * memory sink's table once the schema is known, and starts the micro-batch loop.
 */
export async function startStreamingQuery(
  engine: QueryEngine, streams: StreamingQueryManager, request: StreamingQueryRequest, options: StartOptions = {},
): Promise<StreamExecution> {
  const sink = createStreamingSink(request.sink, {
    outputMode: request.outputMode, conf: engine.conf,
    ...(options.callback ? { callback: options.callback } : {}),
    ...(request.name !== undefined ? { queryName: request.name } : {}),
  })
  const checkpoint = checkpointLocation(engine, request)
  const name = request.name
  return streams.start({
    plan: request.plan,
    outputMode: request.outputMode,
    trigger: request.trigger,
    ...(name !== undefined ? { name } : {}),
    checkpointLocation: checkpoint.location,
    temporaryCheckpoint: checkpoint.temporary,
    sink,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(sink instanceof MemorySink ? {
      onSchema: (schema: StructType) => {
        sink.schema = schema
        engine.catalog.registerTable(name!, schema, () => sink.rows())
      },
    } : {}),
  })
}

function checkpointLocation(engine: QueryEngine, request: StreamingQueryRequest): { location: string; temporary: boolean } {
  const explicit = request.sink.options['checkpointlocation']
  if (explicit !== undefined) return { location: resolve(explicit), temporary: false }
  const root = engine.conf.get('spark.sql.streaming.checkpointLocation')
  if (root) return { location: resolve(root, request.name ?? randomUUID()), temporary: false }
  if (TEMP_CHECKPOINT_SINKS.has(request.sink.format)) return { location: mkdtempSync(join(tmpdir(), 'sluice-checkpoint-')), temporary: true }
  throw new AnalysisError('CHECKPOINT_LOCATION_NOT_SPECIFIED', 'checkpointLocation must be specified either through option("checkpointLocation", ...) or SparkSession.conf.set("spark.sql.streaming.checkpointLocation", ...).')
}
