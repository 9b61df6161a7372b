import type { ColumnChunk, RowGroup, SchemaElement } from 'hyparquet'
import { compareInternal } from './column-stats.js'

/** One comparison `column op value` on a top-level column; a filter is their conjunction. */
export interface RowGroupPredicate {
  readonly column: string
  readonly op: '=' | '<' | '<=' | '>' | '>='
  /** An internal value of the column's type (number, bigint, string; dates as days, timestamps as micros). */
  readonly value: unknown
}

const isAscii = (text: string): boolean => /^[\x00-\x7f]*$/.test(text)

/** Normalizes a stats bound and a literal to comparable values; `undefined` when they cannot be compared safely. */
function comparable(bound: unknown, literal: unknown): [unknown, unknown] | undefined {
  if (bound === undefined || bound === null || literal === null || literal === undefined) return undefined
  if (typeof bound === 'string' && typeof literal === 'string') {
    // Parquet orders strings by unsigned bytes, JS by UTF-16 units: equal only for ASCII.
    return isAscii(bound) && isAscii(literal) ? [bound, literal] : undefined
  }
  const numeric = (v: unknown): boolean => typeof v === 'number' || typeof v === 'bigint'
  if (numeric(bound) && numeric(literal)) {
    if (typeof bound === 'number' && Number.isNaN(bound)) return undefined
    if (typeof literal === 'number' && Number.isNaN(literal)) return undefined
    return [bound, literal]
  }
  return undefined
}

/**
 * True when the statistics of `rowGroup` prove no row can satisfy every predicate
 * (so the group may be skipped). Unknown columns, missing statistics, decimals and
 * values that cannot be compared exactly never rule a group out.
 */
export function rowGroupRuledOut(rowGroup: RowGroup, schema: readonly SchemaElement[], predicates: readonly RowGroupPredicate[]): boolean {
  for (const predicate of predicates) {
    const chunk = findTopLevelChunk(rowGroup, predicate.column)
    const meta = chunk?.meta_data
    if (!meta?.statistics) continue
    const element = schema.find((e) => e.name === meta.path_in_schema[0])
    if (element?.converted_type === 'DECIMAL' || element?.logical_type?.type === 'DECIMAL') continue
    const stats = meta.statistics
    const numRows = Number(meta.num_values)
    if (stats.null_count !== undefined && Number(stats.null_count) === numRows && numRows > 0) return true
    const min = comparable(stats.min_value ?? stats.min, predicate.value)
    const max = comparable(stats.max_value ?? stats.max, predicate.value)
    const v = predicate.value
    switch (predicate.op) {
      case '=':
        if (min && compareInternal(v, min[0]) < 0) return true
        if (max && compareInternal(v, max[0]) > 0) return true
        break
      case '<':
        if (min && compareInternal(min[0], v) >= 0) return true
        break
      case '<=':
        if (min && compareInternal(min[0], v) > 0) return true
        break
      case '>':
        if (max && compareInternal(max[0], v) <= 0) return true
        break
      case '>=':
        if (max && compareInternal(max[0], v) < 0) return true
        break
    }
  }
  return false
}

function findTopLevelChunk(rowGroup: RowGroup, column: string): ColumnChunk | undefined {
  const exact = rowGroup.columns.find((c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === column)
  if (exact) return exact
  const lower = column.toLowerCase()
  return rowGroup.columns.find((c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0]!.toLowerCase() === lower)
}
