/**
 * Total order over internal values of one type, as Spark sorts: nulls handled by the
 * caller's null ordering, NaN greater than any other double, -0 equal to 0,
 * strings by code unit, binary by unsigned bytes, arrays and structs element by element.
 */
export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1
  if (b === null || b === undefined) return 1
  switch (typeof a) {
    case 'number': {
      const y = b as number
      if (Number.isNaN(a)) return Number.isNaN(y) ? 0 : 1
      if (Number.isNaN(y)) return -1
      return a < y ? -1 : a > y ? 1 : 0
    }
    case 'bigint': return a < (b as bigint) ? -1 : a > (b as bigint) ? 1 : 0
    case 'string': return a < (b as string) ? -1 : a > (b as string) ? 1 : 0
    case 'boolean': return a === b ? 0 : a ? 1 : -1
  }
  if (a instanceof Uint8Array) return compareBytes(a, b as Uint8Array)
  if (Array.isArray(a)) return compareArrays(a, b as unknown[])
  if (a instanceof Map) return compareArrays([...a.entries()].flat(), [...(b as Map<unknown, unknown>).entries()].flat())
  if (typeof a === 'object' && 'months' in (a as object)) {
    const x = a as { months: number; days: number; microseconds: number }
    const y = b as typeof x
    return x.months - y.months || x.days - y.days || x.microseconds - y.microseconds
  }
  return 0
}

function compareArrays(a: readonly unknown[], b: readonly unknown[]): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i], b[i])
    if (c !== 0) return c
  }
  return a.length - b.length
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}
