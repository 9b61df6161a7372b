import type { EventTimeStats, StateOperatorMetrics, TaskResult } from '@sluice/shared'

/**
 * The result of a split's tasks as one: rows and written files in task order,
 * Delta add and remove actions, output rows and per-source input rows summed, event-time
 * statistics merged per watermark (max of maxima, min of minima, sums and counts
 * added), state metrics summed per operator (but its shuffle partition count), the
 * tasks' superseded attempts gathered (present only when some task has one). One result is returned as it is.
 */
export function mergeTaskResults(results: readonly TaskResult[]): TaskResult {
  if (results.length === 1) return results[0]!
  const numInputRowsBySource: Record<number, number> = {}
  for (const r of results) {
    for (const [source, n] of Object.entries(r.numInputRowsBySource)) numInputRowsBySource[Number(source)] = (numInputRowsBySource[Number(source)] ?? 0) + n
  }
  const merged: TaskResult = {
    rows: results.flatMap((r) => r.rows),
    numInputRowsBySource,
    eventTime: mergeEventTime(results.flatMap((r) => r.eventTime)),
    stateOperators: mergeStateOperators(results.flatMap((r) => r.stateOperators)),
    ...(results.some((r) => r.files !== undefined) ? { files: results.flatMap((r) => r.files ?? []) } : {}),
    ...(results.some((r) => r.deltaFiles !== undefined) ? { deltaFiles: results.flatMap((r) => r.deltaFiles ?? []) } : {}),
    ...(results.some((r) => r.deltaRemovedFiles !== undefined) ? { deltaRemovedFiles: results.flatMap((r) => r.deltaRemovedFiles ?? []) } : {}),
    ...(results.some((r) => (r.supersededAttempts?.length ?? 0) > 0) ? { supersededAttempts: results.flatMap((r) => r.supersededAttempts ?? []) } : {}),
    ...(results.some((r) => r.numOutputRows !== undefined) ? { numOutputRows: results.reduce((n, r) => n + (r.numOutputRows ?? r.rows.length), 0) } : {}),
  }
  return merged
}

function mergeEventTime(stats: readonly EventTimeStats[]): EventTimeStats[] {
  const byId = new Map<number, EventTimeStats>()
  for (const s of stats) {
    const seen = byId.get(s.watermarkId)
    byId.set(s.watermarkId, seen === undefined ? { ...s } : {
      watermarkId: s.watermarkId, max: Math.max(seen.max, s.max), min: Math.min(seen.min, s.min), sum: seen.sum + s.sum, count: seen.count + s.count,
    })
  }
  return [...byId.values()]
}

function mergeStateOperators(operators: readonly { readonly operatorId: number; readonly metrics: StateOperatorMetrics }[]): { operatorId: number; metrics: StateOperatorMetrics }[] {
  const byId = new Map<number, StateOperatorMetrics>()
  for (const { operatorId, metrics } of operators) {
    const seen = byId.get(operatorId)
    if (seen === undefined) { byId.set(operatorId, { ...metrics }); continue }
    for (const key of Object.keys(metrics) as (keyof StateOperatorMetrics)[]) {
      const value = metrics[key]
      if (typeof value === 'number' && key !== 'numShufflePartitions') (seen as unknown as Record<string, number>)[key] = (seen[key] as number) + value
    }
  }
  return [...byId.entries()].map(([operatorId, metrics]) => ({ operatorId, metrics }))
}
