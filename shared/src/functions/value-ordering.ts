import type { DataType } from '../types/data-type.js'

/**
 * Spark's ordering of internal values of one type (non-null values only): numbers
 * numerically with NaN above everything and -0.0 equal to 0.0, strings by code point,
 * binary bytewise, booleans false < true, arrays and structs element by element (a
 * null element first). Returns negative, zero or positive.
 */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a < b) return -1
    if (a > b) return 1
    if (a === b) return 0
    const aNaN = Number.isNaN(a)
    const bNaN = Number.isNaN(b)
    return aNaN === bNaN ? 0 : aNaN ? 1 : -1
  }
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b)
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    const n = Math.min(a.length, b.length)
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
    return a.length - b.length
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length)
    for (let i = 0; i < n; i++) {
      const x = a[i]
      const y = b[i]
      if (x === null && y === null) continue
      if (x === null) return -1
      if (y === null) return 1
      const c = compareValues(x, y)
      if (c !== 0) return c
    }
    return a.length - b.length
  }
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const x = Number(a)
    const y = Number(b)
    return x < y ? -1 : x > y ? 1 : 0
  }
  return 0
}

/** Strings compare by Unicode code point (Spark compares UTF-8 bytes, which orders the same). */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) {
      // A surrogate (an astral code point) sorts after every BMP character in UTF-8.
      const xs = x >= 0xd800 && x <= 0xdfff
      const ys = y >= 0xd800 && y <= 0xdfff
      if (xs !== ys) return xs ? 1 : -1
      return x - y
    }
  }
  return a.length - b.length
}

/** Whether values of this type can be ordered (min, max, sort_array, greatest). */
export function isOrderable(t: DataType): boolean {
  switch (t.kind) {
    case 'map': case 'interval': return false
    case 'array': return isOrderable(t.elementType)
    case 'struct': return t.fields.every((f) => isOrderable(f.dataType))
    default: return true
  }
}

/**
 * A string key equal for values Spark treats as equal in GROUP BY / DISTINCT: NaNs
 * are one value, -0.0 equals 0.0, binary by content, arrays/structs/maps by content.
 */
export function valueKey(v: unknown): string {
  switch (typeof v) {
    case 'number': return Number.isNaN(v) ? 'nNaN' : v === 0 ? 'n0' : `n${v}`
    case 'bigint': return `b${v}`
    case 'string': return `s${v}`
    case 'boolean': return v ? 'T' : 'F'
    default:
      if (v === null || v === undefined) return 'N'
      if (v instanceof Uint8Array) return `x${Buffer.from(v).toString('hex')}`
      if (Array.isArray(v)) return `[${v.map(valueKey).join(',')}]`
      if (v instanceof Map) return `{${[...v].map(([k, x]) => `${valueKey(k)}:${valueKey(x)}`).join(',')}}`
      if (typeof v === 'object') {
        const o = v as Record<string, unknown>
        return `o${Object.keys(o).sort().map((k) => `${k}=${valueKey(o[k])}`).join(',')}`
      }
      return String(v)
  }
}

/** Spark's equality of two non-null values (the `=` of GROUP BY: NaN = NaN, 0.0 = -0.0). */
export const valuesEqual = (a: unknown, b: unknown): boolean => a === b || valueKey(a) === valueKey(b)
