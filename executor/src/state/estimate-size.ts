/**
 * Rough V8 heap size of a state entry, for `memoryUsedBytes` (Spark reports
 * SizeEstimator's estimate of the map). Counts the object headers and payloads
 * V8 allocates on 64-bit with pointer compression off; not exact, but stable and
 * proportional to the real footprint.
 */
export const MAP_ENTRY_OVERHEAD_BYTES = 40

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

export function estimateKeyBytes(key: string): number {
  return 16 + align8(key.length)
}

export function estimateValueBytes(value: unknown, depth = 0): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 0
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) && Math.abs(value) < 2 ** 30 ? 0 : 16
    case 'bigint':
      return value >= INT64_MIN && value <= INT64_MAX ? 24 : 16 + 8 * Math.ceil(value.toString(16).length / 16)
    case 'string':
      return 16 + align8(value.length)
    default:
      break
  }
  if (depth > 8) return 64
  if (value instanceof Uint8Array) return 96 + align8(value.byteLength)
  if (Array.isArray(value)) {
    let total = 32 + 8 * value.length
    for (const element of value) total += estimateValueBytes(element, depth + 1)
    return total
  }
  if (value instanceof Map) {
    let total = 64
    for (const [k, v] of value) total += MAP_ENTRY_OVERHEAD_BYTES + estimateValueBytes(k, depth + 1) + estimateValueBytes(v, depth + 1)
    return total
  }
  if (value instanceof Set) {
    let total = 64
    for (const v of value) total += 24 + estimateValueBytes(v, depth + 1)
    return total
  }
  if (value instanceof Date) return 32
  let total = 24
  for (const v of Object.values(value as object)) total += 8 + estimateValueBytes(v, depth + 1)
  return total
}

/** Map entry + key + value. */
export function estimateEntryBytes(key: string, value: unknown): number {
  return MAP_ENTRY_OVERHEAD_BYTES + estimateKeyBytes(key) + estimateValueBytes(value)
}

function align8(bytes: number): number {
  return (bytes + 7) & ~7
}
