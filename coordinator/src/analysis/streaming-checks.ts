import { AnalysisError, physicalChildren, type PhysicalPlan } from '@sluice/shared'
import type { OutputMode } from '../streaming/sinks/streaming-sink.js'
import { checkNoWindowOverStream } from './window-streaming-check.js'

/**
 * Spark's UnsupportedOperationChecker for streaming queries, over the physical plan:
 * which output modes a query allows, and which operators a stream cannot run.
 * Errors say why, as Spark's do.
 */
export function checkStreamingPlan(plan: PhysicalPlan, outputMode: OutputMode, options: StreamingCheckOptions = {}): void {
  const aggregates: Extract<PhysicalPlan, { kind: 'HashAggregate' }>[] = []
  let joins = 0
  let streamStreamJoins = 0
  let sorts = 0
  let limits = 0
  const walk = (node: PhysicalPlan) => {
    if (node.kind === 'HashAggregate' && node.stateful && !node.fromExcept) aggregates.push(node)
    if ((node.kind === 'HashJoin' || node.kind === 'NestedLoopJoin' || node.kind === 'StreamStreamJoin') && streams(node)) joins++
    if (node.kind === 'StreamStreamJoin') streamStreamJoins++
    if (node.kind === 'Sort' && streams(node)) sorts++
    if (node.kind === 'Limit' && streams(node)) limits++
    for (const child of physicalChildren(node)) walk(child)
  }
  walk(plan)

  checkNoWindowOverStream(plan)
  const unsupportedExpression = findMonotonicallyIncreasingId(plan)
  if (unsupportedExpression) throw unsupported('Expression(s): monotonically_increasing_id() is not supported with streaming DataFrames/Datasets')
  // Spark 3.4+ chains stateful operators; like its checker, the checks below look at the top-most aggregation.
  const aggregate = aggregates[0]
  if (outputMode === 'complete' && aggregate === undefined) {
    throw new AnalysisError('STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION',
      'Invalid streaming output mode: complete. Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets.',
      { outputMode: 'complete' })
  }
  if (outputMode === 'append' && aggregate !== undefined && aggregate.eventTimeGroupingIndex === undefined) {
    throw new AnalysisError('STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION',
      'Invalid streaming output mode: append. Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark. Add withWatermark on the event-time column and group by it (or a window over it), or use outputMode("complete") or ("update").',
      { outputMode: 'append' })
  }
  if (aggregate?.sessionWindowIndex !== undefined && outputMode === 'update') {
    throw new AnalysisError('STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION',
      'Invalid streaming output mode: update. Update output mode not supported for session window on streaming DataFrames/DataSets', { outputMode: 'update' })
  }
  if (aggregate?.sessionWindowIndex !== undefined && aggregate.grouping.length === 1) {
    throw unsupported('Global aggregation with session window in streaming query is not supported.')
  }
  if (streamStreamJoins > 0 && outputMode !== 'append') {
    throw unsupported(`Join between two streaming DataFrames/Datasets is not supported in ${capitalize(outputMode)} output mode, only in Append output mode`)
  }
  if (joins > 0 && outputMode !== 'append' && aggregate === undefined) {
    throw new AnalysisError('STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION',
      `Invalid streaming output mode: ${outputMode}. ${capitalize(outputMode)} output mode not supported for joins on streaming DataFrames/Datasets: use append.`,
      { outputMode })
  }
  if (aggregates.some((a) => a.aggregates.some((c) => c.kind === 'Call' && c.distinct))) {
    throw unsupported('Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using approx_count_distinct() instead.')
  }
  if (sorts > 0 && !(aggregate !== undefined && outputMode === 'complete')) {
    throw unsupported('Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode.')
  }
  if (limits > 0 && outputMode === 'update') {
    throw unsupported('Limits are not supported on streaming DataFrames/Datasets in Update output mode.')
  }
  // Spark's checkStreamingQueryGlobalWatermarkLimit, last; with the check disabled Spark only logs a warning.
  if (outputMode !== 'append' && options.checkCorrectness !== false && hasStatefulAfterAggregation(plan)) {
    throw unsupported(CORRECTNESS_ISSUE)
  }
}

export interface StreamingCheckOptions {
  /** spark.sql.streaming.statefulOperator.checkCorrectness.enabled (default true). */
  readonly checkCorrectness?: boolean
}

/** Spark's checkUnsupportedExpressions: monotonically_increasing_id() anywhere in a streaming plan. */
function findMonotonicallyIncreasingId(plan: PhysicalPlan): boolean {
  const children = new Set<unknown>(physicalChildren(plan))
  const search = (value: unknown): boolean => {
    if (value === null || typeof value !== 'object' || children.has(value)) return false
    if (Array.isArray(value)) return value.some(search)
    const node = value as { kind?: unknown; name?: unknown }
    if (node.kind === 'Call' && typeof node.name === 'string' && node.name.toLowerCase() === 'monotonically_increasing_id') return true
    return Object.entries(value).some(([key, v]) => key !== 'schema' && search(v))
  }
  return search(plan) || physicalChildren(plan).some(findMonotonicallyIncreasingId)
}


const CORRECTNESS_ISSUE = 'Detected pattern of possible \'correctness\' issue due to global watermark. The query contains stateful operation which can emit rows older than the current watermark plus allowed late record delay, which are "late rows" in downstream stateful operations and these rows can be discarded. Please refer the programming guide doc for more details. If you understand the possible risk of correctness issue and still need to run the query, you can disable this check by setting the config `spark.sql.streaming.statefulOperator.checkCorrectness.enabled` to false.'

/** Spark's isStatefulOperation: aggregations, stream-stream joins, deduplication on an event-time key or within the watermark. */
function isStatefulOperation(node: PhysicalPlan): boolean {
  if (node.kind === 'HashAggregate') return node.stateful !== undefined && !node.fromExcept
  if (node.kind === 'StreamStreamJoin') return true
  if (node.kind === 'Deduplicate') return node.stateful !== undefined && (node.withinWatermark || node.eventTimeIndex !== undefined)
  return false
}

/** A stateful operation above a streaming aggregation, which (outside append mode) may emit rows the operation sees as late. */
function hasStatefulAfterAggregation(plan: PhysicalPlan): boolean {
  const hasAggregateBelow = (node: PhysicalPlan): boolean =>
    physicalChildren(node).some((c) => (c.kind === 'HashAggregate' && c.stateful !== undefined && !c.fromExcept) || hasAggregateBelow(c))
  const walk = (node: PhysicalPlan): boolean => (isStatefulOperation(node) && hasAggregateBelow(node)) || physicalChildren(node).some(walk)
  return walk(plan)
}

function streams(node: PhysicalPlan): boolean {
  if (node.kind === 'StreamInput') return true
  return physicalChildren(node).some(streams)
}

function unsupported(message: string): AnalysisError {
  return new AnalysisError('UNSUPPORTED_STREAMING_OPERATION', message)
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
