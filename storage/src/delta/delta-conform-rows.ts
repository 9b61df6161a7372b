import type { DataType, Row, StructType } from '@sluice/shared'
import { findField } from './delta-write-schema.js'

/**
 * Whether values of `from` must be rebuilt to be values of `to`: some struct, at
 * any depth, has fields in another order or lacks some (struct values are arrays
 * in field order, so a merged schema moves them).
 */
function needsConform(from: DataType, to: DataType): boolean {
  if (from.kind === 'struct' && to.kind === 'struct') {
    return from.fields.length !== to.fields.length ||
      to.fields.some((f, i) => from.fields[i]!.name.toLowerCase() !== f.name.toLowerCase() || needsConform(from.fields[i]!.dataType, f.dataType))
  }
  if (from.kind === 'array' && to.kind === 'array') return needsConform(from.elementType, to.elementType)
  if (from.kind === 'map' && to.kind === 'map') return needsConform(from.keyType, to.keyType) || needsConform(from.valueType, to.valueType)
  return false
}

/** A value of `from` as a value of `to`: struct fields matched by name, the ones `from` lacks null. */
function conformValue(value: unknown, from: DataType, to: DataType): unknown {
  if (value === null || value === undefined) return null
  if (from.kind === 'struct' && to.kind === 'struct') {
    const fields = value as unknown[]
    return to.fields.map((f) => {
      const at = findField(from.fields, f.name)
      return at < 0 ? null : conformValue(fields[at], from.fields[at]!.dataType, f.dataType)
    })
  }
  if (from.kind === 'array' && to.kind === 'array') return (value as unknown[]).map((e) => conformValue(e, from.elementType, to.elementType))
  if (from.kind === 'map' && to.kind === 'map') {
    return new Map([...(value as Map<unknown, unknown>)].map(([k, v]) => [conformValue(k, from.keyType, to.keyType), conformValue(v, from.valueType, to.valueType)]))
  }
  return value
}

/**
 * The input rows in the shape of the table schema a write merged them into
 * (`sources[i]`: the input column of table column i, -1 when absent). Rows pass
 * as they are unless a nested struct differs; then every row is rebuilt in the
 * table's column order and the sources become the identity.
 */
export function conformRows(rows: readonly Row[], input: StructType, table: StructType, sources: readonly number[]): { rows: readonly Row[]; sources: readonly number[] } {
  const differs = table.fields.map((f, i) => sources[i]! >= 0 && needsConform(input.fields[sources[i]!]!.dataType, f.dataType))
  if (!differs.includes(true)) return { rows, sources }
  const rebuilt = rows.map((row) => table.fields.map((f, i) => {
    const s = sources[i]!
    if (s < 0) return null
    return differs[i] ? conformValue(row[s], input.fields[s]!.dataType, f.dataType) : row[s] ?? null
  }))
  return { rows: rebuilt, sources: table.fields.map((_, i) => i) }
}
