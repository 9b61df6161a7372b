import { fromPublicRow, toPublicValue, type Row, type StructType } from '@sluice/shared'

/**
 * An expected row: an array in schema order, an object by field name, or a plain
 * value for a one-column result (public JS values, see API.md).
 */
export type ExpectedRow = readonly unknown[] | Readonly<Record<string, unknown>> | string | number | bigint | boolean | Date | null

/**
 * Expected public rows as internal rows of `schema` (timestamp strings read in UTC).
 * Throws an Error naming the row when a value does not fit its field.
 */
export function expectedToInternal(rows: readonly ExpectedRow[], schema: StructType): Row[] {
  return rows.map((row, index) => {
    try {
      const isRow = Array.isArray(row) || (typeof row === 'object' && row !== null && !(row instanceof Date))
      return fromPublicRow((isRow ? row : [row]) as Record<string, unknown> | readonly unknown[], schema, { timeZone: 'UTC' })
    } catch (error) {
      throw new Error(`Expected row ${index} ${formatValue(row)} does not fit the result schema ${schemaString(schema)}: ${(error as Error).message}`, { cause: error })
    }
  })
}

/**
 * A canonical text key of an internal value: equal values give equal keys whatever
 * the container (Map order is normalised); doubles are compared to 12 significant
 * digits so that an independently computed average matches.
 */
export function canonicalKey(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  switch (typeof value) {
    case 'bigint': return `${value}n`
    case 'number':
      if (Number.isNaN(value)) return 'NaN'
      if (!Number.isFinite(value)) return String(value)
      return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)))
    case 'string': return JSON.stringify(value)
    case 'boolean': return String(value)
    default: break
  }
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`
  if (value instanceof Map) return `{${[...value.entries()].map(([k, v]) => `${canonicalKey(k)}:${canonicalKey(v)}`).sort().join(',')}}`
  if (value instanceof Uint8Array) return `0x${Buffer.from(value).toString('hex')}`
  if (value instanceof Date) return `D${value.getTime()}`
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}:${canonicalKey(v)}`).join(',')}}`
  return String(value)
}

/** The rows' canonical keys, sorted: two row lists are equal as multisets when these are equal. */
export function sortedKeys(rows: readonly Row[]): string[] {
  return rows.map(canonicalKey).sort()
}

/** Null when `actual` and `expected` hold the same rows in any order; otherwise a side-by-side report. */
export function compareRowSets(actual: readonly Row[], expected: readonly Row[], schema: StructType): string | null {
  const a = sortedKeys(actual)
  const e = sortedKeys(expected)
  if (a.length === e.length && a.every((key, i) => key === e[i])) return null
  const expectedText = [...expected].sort(byKey).map((r) => formatRow(r, schema))
  const actualText = [...actual].sort(byKey).map((r) => formatRow(r, schema))
  const missing = multisetMinus(e, a)
  const extra = multisetMinus(a, e)
  return [
    `Results do not match (expected ${expected.length} rows, got ${actual.length}):`,
    `  expected: ${expectedText.join(' ') || '(none)'}`,
    `  actual:   ${actualText.join(' ') || '(none)'}`,
    missing.length > 0 ? `  missing:  ${missing.join(' ')}` : '',
    extra.length > 0 ? `  extra:    ${extra.join(' ')}` : '',
  ].filter((line) => line !== '').join('\n')
}

function byKey(a: Row, b: Row): number {
  const ka = canonicalKey(a)
  const kb = canonicalKey(b)
  return ka < kb ? -1 : ka > kb ? 1 : 0
}

function multisetMinus(from: readonly string[], remove: readonly string[]): string[] {
  const counts = new Map<string, number>()
  for (const key of remove) counts.set(key, (counts.get(key) ?? 0) + 1)
  const result: string[] = []
  for (const key of from) {
    const n = counts.get(key) ?? 0
    if (n > 0) counts.set(key, n - 1)
    else result.push(key)
  }
  return result
}

/** A row as `[v1, v2, ...]` with public values (timestamps as ISO text, bigints with `n`). */
export function formatRow(row: Row, schema: StructType): string {
  return `[${schema.fields.map((field, i) => formatValue(toPublicValue(row[i], field.dataType))).join(', ')}]`
}

/** A public value as short readable text. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'string') return JSON.stringify(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`
  if (value instanceof Map) return `Map{${[...value.entries()].map(([k, v]) => `${formatValue(k)} => ${formatValue(v)}`).join(', ')}}`
  if (value instanceof Uint8Array) return `0x${Buffer.from(value).toString('hex')}`
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}: ${formatValue(v)}`).join(', ')}}`
  return String(value)
}

function schemaString(schema: StructType): string {
  return `struct<${schema.fields.map((f) => `${f.name}:${f.dataType.kind}`).join(',')}>`
}
