import { AnalysisError, Expr, transformExpr, type StructType } from '@sluice/shared'

/**
 * Resolves the column references the expression compiler cannot: qualified names
 * (`t.a` where `t` is a relation alias) and names that more than one input column
 * carries (after a join). Each becomes a `Ref` to its column index; unqualified
 * unique names are left to the compiler, which also suggests close matches.
 */
export function bindQualifiedColumns(expr: Expr, schema: StructType, qualifiers: readonly (string | undefined)[], repeats?: readonly (number | undefined)[]): Expr {
  // The same attribute selected twice is one candidate, not two.
  const distinct = (matches: number[]): number[] => (repeats ? matches.filter((i) => repeats[i] === undefined || !matches.includes(repeats[i]!)) : matches)
  return transformExpr(expr, (node) => {
    if (node.kind !== 'Column') return undefined
    const parts = node.nameParts
    if (parts.length >= 2 && parts[0] !== undefined) {
      const qualifier = parts[0].toLowerCase()
      const column = parts[1]!.toLowerCase()
      const matches = distinct(indexesWhere(schema, (name, i) => qualifiers[i]?.toLowerCase() === qualifier && name === column))
      if (matches.length === 1) return withFields(columnRef(schema, matches[0]!), parts.slice(2))
      if (matches.length > 1) throw ambiguous(parts.slice(0, 2).join('.'), schema, matches, qualifiers)
    }
    const first = parts[0]!.toLowerCase()
    const matches = distinct(indexesWhere(schema, (name) => name === first))
    if (matches.length > 1) throw ambiguous(parts[0]!, schema, matches, qualifiers)
    if (matches.length === 1 && repeats?.some((r) => r !== undefined)) return withFields(columnRef(schema, matches[0]!), parts.slice(1))
    if (matches.length === 1 && qualifiers.some((q) => q !== undefined)) return withFields(columnRef(schema, matches[0]!), parts.slice(1))
    return undefined
  })
}

/** Replaces every resolvable column reference with a `Ref` (join conditions need to know each column's side). */
export function bindAllColumns(expr: Expr, schema: StructType, qualifiers: readonly (string | undefined)[]): Expr {
  const qualified = bindQualifiedColumns(expr, schema, qualifiers)
  return transformExpr(qualified, (node) => {
    if (node.kind !== 'Column') return undefined
    const first = node.nameParts[0]!.toLowerCase()
    const matches = indexesWhere(schema, (name) => name === first)
    if (matches.length === 1) return withFields(columnRef(schema, matches[0]!), node.nameParts.slice(1))
    return undefined
  })
}

/** A resolved reference to input column `index`. */
export function columnRef(schema: StructType, index: number): Expr {
  const field = schema.fields[index]!
  return Expr.ref(index, field.name, field.dataType, field.nullable)
}

function withFields(base: Expr, fieldPath: readonly string[]): Expr {
  return fieldPath.reduce<Expr>((e, name) => Expr.extract(e, Expr.literal(name, { kind: 'string' })), base)
}

function indexesWhere(schema: StructType, predicate: (lowerName: string, index: number) => boolean): number[] {
  const out: number[] = []
  schema.fields.forEach((f, i) => { if (predicate(f.name.toLowerCase(), i)) out.push(i) })
  return out
}

function ambiguous(name: string, schema: StructType, matches: readonly number[], qualifiers: readonly (string | undefined)[]): AnalysisError {
  const candidates = matches.map((i) => `\`${qualifiers[i] ? qualifiers[i] + '.' : ''}${schema.fields[i]!.name}\``).join(', ')
  return new AnalysisError('AMBIGUOUS_REFERENCE', `Reference \`${name}\` is ambiguous, could be: [${candidates}].`, { name, referenceNames: candidates })
}
