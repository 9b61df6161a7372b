import { AnalysisError } from '../errors/sluice-error.js'
import type { DataType, StructField, StructType } from './data-type.js'
import { quoteIdentifierIfNeeded } from './type-strings.js'

/** Top-level field names in order (`df.columns`). */
export function schemaFieldNames(struct: StructType): string[] {
  return struct.fields.map((f) => f.name)
}

/** A field found through nested structs. */
export interface FoundField {
  readonly field: StructField
  /** Field ordinals from the top level down, e.g. [6, 0] for `geolocation.city`. */
  readonly ordinals: readonly number[]
  /** The field's type; nullable when any enclosing struct field is nullable too. */
  readonly dataType: DataType
  /** True when the field or any enclosing struct field is nullable. */
  readonly nullable: boolean
}

function matchOne(struct: StructType, name: string, caseSensitive: boolean, path: readonly string[]): number {
  const exact = struct.fields.findIndex((f) => f.name === name)
  if (exact >= 0 || caseSensitive) return exact
  const lower = name.toLowerCase()
  const matches = struct.fields.flatMap((f, i) => (f.name.toLowerCase() === lower ? [i] : []))
  if (matches.length > 1) {
    const fullName = [...path, name].map(quoteIdentifierIfNeeded).join('.')
    throw new AnalysisError(
      'AMBIGUOUS_REFERENCE_TO_FIELDS',
      `Ambiguous reference to the field ${fullName}: it appears ${matches.length} times in the schema.`,
      { field: fullName, count: String(matches.length) },
    )
  }
  return matches[0] ?? -1
}

/**
 * Finds a possibly nested field (`['geolocation', 'city']`) through structs.
 * Exact names win; otherwise, unless `caseSensitive`, names match ignoring case
 * (AnalysisError AMBIGUOUS_REFERENCE_TO_FIELDS when several do). Null when absent.
 */
export function findField(struct: StructType, nameParts: readonly string[], caseSensitive = false): FoundField | null {
  if (nameParts.length === 0) return null
  let current: StructType = struct
  const ordinals: number[] = []
  let nullable = false
  for (let depth = 0; depth < nameParts.length; depth++) {
    const ordinal = matchOne(current, nameParts[depth]!, caseSensitive, nameParts.slice(0, depth))
    if (ordinal < 0) return null
    ordinals.push(ordinal)
    const field = current.fields[ordinal]!
    nullable ||= field.nullable
    if (depth === nameParts.length - 1) return { field, ordinals, dataType: field.dataType, nullable }
    if (field.dataType.kind !== 'struct') return null
    current = field.dataType
  }
  return null
}
