import { AnalysisError, errorInfoOf, parseDDL, type ErrorInfoJson, type SourceSpec } from '@sluice/shared'
import type {
  ErrorInfo, QueryInfo, SinkSpec__Output, SourceSpec__Output, StartQueryRequest__Output, Trigger__Output,
} from '@sluice/proto'
import { resolve } from 'node:path'
import type { QueryRecord } from '../sessions/query-registry.js'
import type { SessionQueryStart } from '../sessions/start-session-query.js'
import type { SinkDescriptor } from '../streaming/sinks/sink-descriptor.js'
import type { OutputMode } from '../streaming/sinks/streaming-sink.js'
import type { TriggerSpec } from '../streaming/execution/streaming-query-spec.js'
import { parseTrigger } from '../streaming/triggers/trigger.js'
import { progressToJson } from '../streaming/progress/progress-json.js'
import { planOfEnvelope } from './plan-intake.js'
import { optionPaths, sourcePaths, planPaths, type NamedPath } from './security/request-paths.js'

/** A query as PySpark's StreamingQuery shows it: status and progress in Spark's JSON, the exception as ErrorInfo. */
export function queryInfoOf(record: QueryRecord): QueryInfo {
  const { execution } = record
  const error = execution.exception()
  const { message, isDataAvailable, isTriggerActive } = execution.status
  return {
    id: execution.id,
    runId: execution.runId,
    name: execution.name ?? '',
    isActive: execution.isActive,
    statusJson: JSON.stringify({ message, isDataAvailable, isTriggerActive }),
    recentProgressJson: execution.recentProgress.map(progressToJson),
    exception: error === null ? null : errorInfoMessage(errorInfoOf(error)),
    sessionId: record.sessionId,
    sinkDescription: execution.lastProgress?.sink.description ?? record.sinkDescription,
  }
}

export function errorInfoMessage(info: ErrorInfoJson): ErrorInfo {
  return {
    errorClass: info.errorClass, message: info.message, params: { ...info.params }, domain: info.domain,
    retryable: info.retryable, grpcStatus: info.grpcStatus,
  }
}

/** A StartQuery request in the coordinator's terms, with every path it names (checked before anything starts). */
export interface StartQueryInput extends SessionQueryStart {
  readonly paths: readonly NamedPath[]
}

/**
 * StartQuery → the streaming query request: the plan (SQL over the request's
 * sources, each a streaming temporary view, or an encoded plan), the sink from its
 * SinkSpec (option keys lower-cased, paths absolute), output mode and trigger.
 * `checkpointRoot` is the session's spark.sql.streaming.checkpointLocation.
 */
export function startQueryInput(request: StartQueryRequest__Output, timeZone: string, checkpointRoot: string): StartQueryInput {
  const sourceViews = request.sources.map((source) => ({ name: viewName(source), source: sourceSpecOf(source) }))
  const plan = planOfEnvelope(request.plan, timeZone)
  const spec = request.sink
  if (spec === null || spec.format === '') throw new AnalysisError('SINK_REQUIRED', 'StartQuery needs SinkSpec.format: where the query writes.')
  const sink = sinkDescriptorOf(spec)
  const name = spec.queryName === '' ? undefined : spec.queryName
  const paths: NamedPath[] = [
    ...planPaths(plan),
    ...sourceViews.flatMap((view) => sourcePaths(view.source)),
    ...(sink.path !== undefined ? [{ path: sink.path, role: `${sink.format} sink path` }] : []),
    ...optionPaths(sink.options, `${sink.format} sink`),
    ...(sink.options['checkpointlocation'] === undefined && checkpointRoot !== ''
      ? [{ path: resolve(checkpointRoot, name ?? '.'), role: 'checkpoint location' }]
      : []),
  ]
  return {
    request: { plan, sink, outputMode: outputModeOf(spec.outputMode), trigger: triggerOf(spec.trigger), ...(name !== undefined ? { name } : {}) },
    sourceViews,
    ...(spec.callbackId !== '' ? { callbackId: spec.callbackId } : {}),
    paths,
  }
}

function viewName(source: SourceSpec__Output): string {
  if (source.name === '') throw new AnalysisError('SOURCE_NAME_REQUIRED', `A StartQuery source (${source.format}) needs a name: the temporary view its SQL reads.`)
  return source.name
}

function lowerKeys(options: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(options).map(([key, value]) => [key.toLowerCase(), value]))
}

/** A streaming source of a SQL-only client (`spark.readStream.format(f).schema(ddl).options(o).load(path)`). */
function sourceSpecOf(source: SourceSpec__Output): SourceSpec {
  const options = lowerKeys(source.options)
  const path = source.path || options['path']
  return {
    format: (source.format || 'parquet').toLowerCase(),
    paths: path ? [path] : [],
    options,
    ...(source.schemaDdl !== '' ? { userSchema: parseDDL(source.schemaDdl) } : {}),
    streaming: true,
  }
}

function sinkDescriptorOf(spec: SinkSpec__Output): SinkDescriptor {
  const options = lowerKeys(spec.options)
  if (spec.checkpointLocation !== '') options['checkpointlocation'] = spec.checkpointLocation
  if (options['checkpointlocation'] !== undefined) options['checkpointlocation'] = resolve(options['checkpointlocation'])
  const path = spec.path || options['path']
  return {
    format: spec.format.toLowerCase(),
    ...(path ? { path: resolve(path) } : {}),
    options,
    partitionBy: spec.partitionBy,
  }
}

function outputModeOf(mode: string): OutputMode {
  const normalized = (mode || 'append').toLowerCase()
  if (normalized === 'append' || normalized === 'complete' || normalized === 'update') return normalized
  throw new AnalysisError('STREAMING_OUTPUT_MODE.INVALID', `Invalid streaming output mode: ${mode}. Accepted output modes are 'append', 'complete', 'update'.`, { outputMode: mode })
}

function triggerOf(trigger: Trigger__Output | null): TriggerSpec {
  switch (trigger?.kind) {
    case undefined: case 'default': return { kind: 'default' }
    case 'once': return { kind: 'once' }
    case 'availableNow': return { kind: 'availableNow' }
    case 'continuous': parseTrigger({ continuous: trigger.continuous ?? '' }); return { kind: 'default' }
    case 'processingTime': {
      const parsed = parseTrigger({ processingTime: trigger.processingTime ?? '0' })
      const intervalMs = parsed.type === 'ProcessingTime' ? parsed.intervalMs : 0
      return intervalMs === 0 ? { kind: 'default' } : { kind: 'processingTime', intervalMs }
    }
  }
}
