/**
 * Keys for hash tables over internal values. A single primitive value is its own
 * key (Map compares bigint and NaN by value); anything else is encoded to a string
 * that is equal exactly when the values are equal.
 */
export function groupKey(values: readonly unknown[]): unknown {
  if (values.length === 1) {
    const v = values[0]
    if (v === null || typeof v !== 'object') return v === undefined ? null : normalizeZero(v)
  }
  return encodeKey(values)
}

/** A string encoding of values that is equal exactly when the values are equal (state store keys). */
export function encodeKey(values: readonly unknown[]): string {
  let out = ''
  for (const v of values) out += encodeValue(v) + '\u0001'
  return out
}

function normalizeZero(v: unknown): unknown {
  return v === 0 ? 0 : v
}

function encodeValue(v: unknown): string {
  if (v === null || v === undefined) return 'N'
  switch (typeof v) {
    case 'string': return 's' + v.replace(/[\u0001\u0002\\]/g, (c) => '\\' + c)
    case 'number': return 'd' + (v === 0 ? '0' : String(v))
    case 'bigint': return 'l' + v.toString()
    case 'boolean': return v ? 'T' : 'F'
  }
  if (v instanceof Uint8Array) return 'b' + Buffer.from(v).toString('base64')
  if (Array.isArray(v)) return '[' + v.map(encodeValue).join('\u0002') + ']'
  if (v instanceof Map) return '{' + [...v.entries()].map(([k, x]) => encodeValue(k) + ':' + encodeValue(x)).join('\u0002') + '}'
  return 'o' + JSON.stringify(v)
}
