/**
 * Canonical text of a row for multiset comparison: the given columns in order,
 * bigints as `<digits>n`, nested objects with their keys in insertion order.
 * Numbers are written with full precision, so doubles compare exactly.
 */
export function canonicalRow(row: object, columns: readonly string[]): string {
  const record = row as Readonly<Record<string, unknown>>
  return JSON.stringify(columns.map((column) => record[column] ?? null), (_key, value: unknown) =>
    typeof value === 'bigint' ? `${value}n` : value)
}

/** Rows missing from `actual` and rows it has in excess, both as canonical text (empty lists: equal multisets). */
export interface MultisetDifference {
  readonly missing: readonly string[]
  readonly extra: readonly string[]
}

/** Compares two row collections as multisets over `columns`; lists at most `limit` differences of each kind. */
export function multisetDifference(
  expected: readonly object[], actual: readonly object[],
  columns: readonly string[], limit = 5,
): MultisetDifference & { readonly missingCount: number; readonly extraCount: number } {
  const counts = new Map<string, number>()
  for (const row of expected) { const key = canonicalRow(row, columns); counts.set(key, (counts.get(key) ?? 0) + 1) }
  const extra: string[] = []
  let extraCount = 0
  for (const row of actual) {
    const key = canonicalRow(row, columns)
    const left = counts.get(key) ?? 0
    if (left > 0) counts.set(key, left - 1)
    else { extraCount++; if (extra.length < limit) extra.push(key) }
  }
  const missing: string[] = []
  let missingCount = 0
  for (const [key, left] of counts) {
    if (left === 0) continue
    missingCount += left
    if (missing.length < limit) missing.push(`${key} ×${left}`)
  }
  return { missing, extra, missingCount, extraCount }
}
