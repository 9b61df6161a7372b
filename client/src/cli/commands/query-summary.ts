import type { QueryInfo__Output } from '@sluice/proto'

/** What `sluice queries` and `sluice progress` show of a query, read from its QueryInfo. */
export interface QuerySummary {
  readonly id: string
  readonly name: string
  /** `active: <status message>`, `stopped`, or `failed: <error class>`. */
  readonly state: string
  /** The latest progress's batch id; null before the first. */
  readonly batchId: number | null
  readonly inputRowsPerSecond: number | null
  readonly processedRowsPerSecond: number | null
  /** The latest progress as Spark's JSON; null before the first. */
  readonly lastProgressJson: string | null
}

export function summaryOf(info: QueryInfo__Output): QuerySummary {
  const last = info.recentProgressJson.at(-1) ?? null
  const progress = last === null ? null : JSON.parse(last) as { batchId?: number; inputRowsPerSecond?: number; processedRowsPerSecond?: number }
  return {
    id: info.id,
    name: info.name,
    state: stateOf(info),
    batchId: typeof progress?.batchId === 'number' ? progress.batchId : null,
    inputRowsPerSecond: typeof progress?.inputRowsPerSecond === 'number' ? progress.inputRowsPerSecond : null,
    processedRowsPerSecond: typeof progress?.processedRowsPerSecond === 'number' ? progress.processedRowsPerSecond : null,
    lastProgressJson: last,
  }
}

function stateOf(info: QueryInfo__Output): string {
  if (info.exception && info.exception.errorClass !== '') return `failed: ${info.exception.errorClass}`
  if (!info.isActive) return 'stopped'
  let message = ''
  try { message = String((JSON.parse(info.statusJson || '{}') as { message?: unknown }).message ?? '') } catch { /* no status yet */ }
  return message ? `active: ${message}` : 'active'
}

/** A rate as the progress prints it (one decimal), `-` when unknown. */
export function rate(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '-' : value.toFixed(1)
}
