import { AnalysisError, Plan, type SourceSpec } from '@sluice/shared'
import { startStreamingQuery } from '../streaming/execution/start-streaming-query.js'
import { CLIENT_CALLBACK_SINKS, type SinkDescriptor, type StreamingQueryRequest } from '../streaming/sinks/sink-descriptor.js'
import type { CoordinatorSession } from './coordinator-session.js'
import type { CoordinatorSessions } from './coordinator-sessions.js'
import type { QueryRecord } from './query-registry.js'

/** A streaming query to start in a session: its request, the streaming views its SQL reads, its client callback. */
export interface SessionQueryStart {
  readonly request: StreamingQueryRequest
  /** Streaming sources registered as temporary views (by name) before the query is analyzed. */
  readonly sourceViews: readonly { readonly name: string; readonly source: SourceSpec }[]
  /** For foreach/foreachBatch/console sinks: the id the client's SinkCallbacks stream serves. */
  readonly callbackId?: string
}

/**
 * Starts a streaming query in `session`: registers its source views, analyzes the
 * plan first (an unknown column fails here, before the checkpoint or the sink
 * folder exist), then starts it (`startStreamingQuery`) with the client's callback
 * for sinks that run in the client, and records it.
 */
export async function startSessionQuery(sessions: CoordinatorSessions, session: CoordinatorSession, start: SessionQueryStart): Promise<QueryRecord> {
  const { request } = start
  const callbackSink = CLIENT_CALLBACK_SINKS.has(request.sink.format)
  if (callbackSink && !start.callbackId) {
    throw new AnalysisError('SINK_CALLBACK_ID_REQUIRED', `The ${request.sink.format} sink runs in the client: SinkSpec.callback_id must name a callback the client's SinkCallbacks stream serves.`)
  }
  for (const { name, source } of start.sourceViews) {
    session.engine.catalog.createOrReplaceTempView(name, Plan.relation({ ...source, streaming: true }))
  }
  await session.engine.plan(request.plan, undefined, request.outputMode)
  const execution = await startStreamingQuery(session.engine, session.streams, request, {
    ...(callbackSink ? { callback: sessions.sinkCallbacks.callbackFor(start.callbackId!) } : {}),
  })
  const record: QueryRecord = { execution, sessionId: session.id, sinkDescription: sinkDescription(request.sink) }
  sessions.queries.add(record)
  return record
}

/** Spark's description of a sink before its first progress names it. */
function sinkDescription(sink: SinkDescriptor): string {
  switch (sink.format) {
    case 'memory': return 'MemorySink'
    case 'noop': return 'NoopTable$'
    case 'foreachbatch': return 'ForeachBatchSink'
    case 'foreach': return 'ForeachSink'
    case 'console': return 'org.apache.spark.sql.execution.streaming.ConsoleTable$'
    case 'delta': return `DeltaSink[${sink.path ?? ''}]`
    default: return `FileSink[${sink.path ?? ''}]`
  }
}
