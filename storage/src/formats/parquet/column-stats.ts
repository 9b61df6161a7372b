import type { DataType, Row, StructType } from '@sluice/shared'

/** Min, max (internal values) and null count per column, nested structs as nested records. */
export interface ColumnStatistics {
  readonly minValues: Record<string, unknown>
  readonly maxValues: Record<string, unknown>
  readonly nullCount: Record<string, number>
}

/** Types whose values have an order Delta keeps in `minValues`/`maxValues` (as Spark's `StatisticsCollection`). */
export function hasOrderedStats(type: DataType): boolean {
  switch (type.kind) {
    case 'byte': case 'short': case 'integer': case 'long': case 'float': case 'double':
    case 'decimal': case 'string': case 'date': case 'timestamp': case 'timestamp_ntz':
      return true
    default:
      return false
  }
}

/** Compares two non-null internal values of one ordered type (numbers, bigints or strings). */
export function compareInternal(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0
  const x = typeof a === 'bigint' ? Number(a) : (a as number)
  const y = typeof b === 'bigint' ? Number(b) : (b as number)
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * Statistics of `rows` for every column of `schema` (recursing into structs, as
 * Delta's stats do). NaN is left out of min/max; arrays, maps, binary and booleans
 * get only a null count.
 */
export function computeColumnStatistics(schema: StructType, rows: readonly Row[]): ColumnStatistics {
  const minValues: Record<string, unknown> = {}
  const maxValues: Record<string, unknown> = {}
  const nullCount: Record<string, number> = {}
  schema.fields.forEach((field, index) => {
    if (field.dataType.kind === 'struct') {
      collect(field.name, field.dataType, rows.map((row) => row[index] ?? null), minValues, maxValues, nullCount)
    } else {
      collectColumn(field.name, field.dataType, rows, index, minValues, maxValues, nullCount)
    }
  })
  return { minValues, maxValues, nullCount }
}

function collect(
  name: string,
  type: DataType,
  values: readonly unknown[],
  minValues: Record<string, unknown>,
  maxValues: Record<string, unknown>,
  nullCount: Record<string, number>,
): void {
  if (type.kind === 'struct') {
    const childMin: Record<string, unknown> = {}
    const childMax: Record<string, unknown> = {}
    const childNulls: Record<string, number> = {}
    type.fields.forEach((field, index) => {
      const childValues = values.map((value) => (value === null ? null : ((value as unknown[])[index] ?? null)))
      collect(field.name, field.dataType, childValues, childMin, childMax, childNulls)
    })
    if (Object.keys(childMin).length > 0) minValues[name] = childMin
    if (Object.keys(childMax).length > 0) maxValues[name] = childMax
    nullCount[name] = childNulls as unknown as number
    return
  }
  let nulls = 0
  let min: unknown = null
  let max: unknown = null
  const ordered = hasOrderedStats(type)
  for (const value of values) {
    if (value === null || value === undefined) {
      nulls++
      continue
    }
    if (!ordered || (typeof value === 'number' && Number.isNaN(value))) continue
    if (min === null || compareInternal(value, min) < 0) min = value
    if (max === null || compareInternal(value, max) > 0) max = value
  }
  nullCount[name] = nulls
  if (min !== null) minValues[name] = min
  if (max !== null) maxValues[name] = max
}

/** `collect` for a top-level non-struct column, reading the rows in place (no per-column copy). */
function collectColumn(
  name: string,
  type: DataType,
  rows: readonly Row[],
  index: number,
  minValues: Record<string, unknown>,
  maxValues: Record<string, unknown>,
  nullCount: Record<string, number>,
): void {
  let nulls = 0
  let min: unknown = null
  let max: unknown = null
  const ordered = hasOrderedStats(type)
  for (let r = 0; r < rows.length; r++) {
    const value = rows[r]![index]
    if (value === null || value === undefined) {
      nulls++
      continue
    }
    if (!ordered) continue
    if (min === null) {
      if (typeof value === 'number' && Number.isNaN(value)) continue
      min = value
      max = value
      continue
    }
    if ((value as number) < (min as number)) min = value
    else if ((value as number) > (max as number)) max = value
  }
  nullCount[name] = nulls
  if (min !== null) minValues[name] = min
  if (max !== null) maxValues[name] = max
}
