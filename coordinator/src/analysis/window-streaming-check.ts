import { AnalysisError, physicalChildren, type PhysicalPlan } from '@sluice/shared'

/**
 * Spark's UnsupportedOperationChecker on a Window over a stream (SPARK-44044): only
 * time windows (`window`, `session_window`) exist on streams.
 */
export function checkNoWindowOverStream(plan: PhysicalPlan): void {
  if (plan.kind === 'Window' && streams(plan)) {
    const first = plan.functions[0]!
    const column = first.columnName ?? plan.schema.fields[plan.input.schema.fields.length]!.name
    const over = first.sql.indexOf(' OVER ')
    const windowFunc = first.sql.slice(0, over).toUpperCase()
    const windowSpec = first.sql.slice(over + ' OVER '.length).toUpperCase()
    throw new AnalysisError('NON_TIME_WINDOW_NOT_SUPPORTED_IN_STREAMING',
      `Window function is not supported in ${windowFunc} (as column \`${column}\`) on streaming DataFrames/Datasets. Structured Streaming only supports time-window aggregation using the WINDOW function. (window specification: ${windowSpec})`,
      { windowFunc, columnName: `\`${column}\``, windowSpec })
  }
  for (const child of physicalChildren(plan)) checkNoWindowOverStream(child)
}

function streams(node: PhysicalPlan): boolean {
  return node.kind === 'StreamInput' || physicalChildren(node).some(streams)
}
