import { AnalysisError } from '../errors/sluice-error.js'
import { fieldIndex, type DataType, type StructType } from '../types/data-type.js'

/** A column reference resolved against a schema: the top-level index and the path of struct fields or map keys below it. */
export interface ResolvedColumn {
  readonly index: number
  /** Steps below the top-level column: a struct field index, or a map key (string). */
  readonly path: readonly ({ readonly field: number } | { readonly mapKey: string })[]
  readonly dataType: DataType
  readonly nullable: boolean
  /** Spark's output name: the last name part as the schema spells it. */
  readonly name: string
}

const quote = (name: string): string => '`' + name.replace(/`/g, '``') + '`'

/** Levenshtein distance, for Spark's "Did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!
    previous[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!
      previous[j] = Math.min(previous[j]! + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return previous[b.length]!
}

/**
 * Spark's UNRESOLVED_COLUMN error: with up to five suggestions ordered by edit
 * distance to the name (WITH_SUGGESTION), or none when the schema is empty.
 */
export function unresolvedColumnError(nameParts: readonly string[], candidates: readonly string[]): AnalysisError {
  const objectName = nameParts.map(quote).join('.')
  if (candidates.length === 0) {
    return new AnalysisError('UNRESOLVED_COLUMN.WITHOUT_SUGGESTION',
      `A column, variable, or function parameter with name ${objectName} cannot be resolved. SQLSTATE: 42703`,
      { objectName })
  }
  const base = nameParts.join('.')
  const ordered = candidates
    .map((c, i) => ({ c, i, d: editDistance(c, base) }))
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .slice(0, 5)
    .map((x) => quote(x.c))
  const proposal = ordered.join(', ')
  return new AnalysisError('UNRESOLVED_COLUMN.WITH_SUGGESTION',
    `A column, variable, or function parameter with name ${objectName} cannot be resolved. Did you mean one of the following? [${proposal}]. SQLSTATE: 42703`,
    { objectName, proposal })
}

/**
 * Resolves `a`, `a.b.c` (nested struct fields or map keys) or `t.a` (a qualifier
 * is skipped when no column has the first name) against `schema`; names match
 * case-insensitively unless `caseSensitive`. Throws UNRESOLVED_COLUMN.
 */
export function resolveColumn(nameParts: readonly string[], schema: StructType, caseSensitive = false): ResolvedColumn {
  const attempts = nameParts.length > 1 ? [nameParts, nameParts.slice(1)] : [nameParts]
  for (const parts of attempts) {
    const index = fieldIndex(schema, parts[0]!, caseSensitive)
    if (index < 0) continue
    const top = schema.fields[index]!
    const nested = resolveNestedPath(top.dataType, top.nullable, parts.slice(1), caseSensitive)
    if (nested === undefined) continue
    return { index, path: nested.path, dataType: nested.dataType, nullable: nested.nullable, name: nested.name ?? top.name }
  }
  throw unresolvedColumnError(nameParts, schema.fields.map((f) => f.name))
}

function resolveNestedPath(type: DataType, nullable: boolean, parts: readonly string[], caseSensitive: boolean):
  { path: ResolvedColumn['path']; dataType: DataType; nullable: boolean; name?: string } | undefined {
  const path: ({ field: number } | { mapKey: string })[] = []
  let current = type
  let currentNullable = nullable
  let name: string | undefined
  for (const part of parts) {
    if (current.kind === 'struct') {
      const i = fieldIndex(current, part, caseSensitive)
      if (i < 0) return undefined
      const field = current.fields[i]!
      path.push({ field: i })
      current = field.dataType
      currentNullable = currentNullable || field.nullable
      name = field.name
    } else if (current.kind === 'map' && current.keyType.kind === 'string') {
      path.push({ mapKey: part })
      current = current.valueType
      currentNullable = true
      name = part
    } else {
      return undefined
    }
  }
  return name === undefined ? { path, dataType: current, nullable: currentNullable } : { path, dataType: current, nullable: currentNullable, name }
}
