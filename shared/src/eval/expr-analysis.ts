import { Expr, exprChildren } from '../expr/expr.js'
import type { StructType } from '../types/data-type.js'
import { AnalysisError } from '../errors/sluice-error.js'
import { fieldIndex } from '../types/data-type.js'
import { isAggregateFunctionName } from './function-lookup.js'

/**
 * True when `e` calls an aggregate function anywhere inside; the function of a window
 * expression (`sum(x) OVER w`) is evaluated over the window, not grouped, so only its arguments count.
 */
export function containsAggregate(e: Expr): boolean {
  if (e.kind === 'Window') {
    const args = e.function.kind === 'Call' ? e.function.args : [e.function]
    return [...args, ...e.spec.partitionBy, ...e.spec.orderBy].some(containsAggregate)
  }
  if (e.kind === 'Call' && isAggregateFunctionName(e.name)) return true
  return exprChildren(e).some(containsAggregate)
}

/**
 * Replaces each `*` with the schema's columns, in order, and `s.*` with the
 * fields of struct column `s` (a qualifier naming no struct column is taken as a
 * table name and expands to all columns).
 */
export function expandStar(exprs: readonly Expr[], schema: StructType, caseSensitive = false): Expr[] {
  const out: Expr[] = []
  for (const e of exprs) {
    if (e.kind !== 'Star') { out.push(e); continue }
    if (e.qualifier !== undefined) {
      const index = fieldIndex(schema, e.qualifier, caseSensitive)
      const field = index >= 0 ? schema.fields[index]! : undefined
      if (field !== undefined) {
        if (field.dataType.kind !== 'struct') {
          throw new AnalysisError('CANNOT_RESOLVE_STAR_EXPAND',
            `Cannot resolve ${e.qualifier}.* given input columns ${schema.fields.map((f) => `\`${f.name}\``).join(', ')}. SQLSTATE: 42704`,
            { targetString: e.qualifier, columns: schema.fields.map((f) => f.name).join(', ') })
        }
        for (const sub of field.dataType.fields) out.push(Expr.column(field.name, sub.name))
        continue
      }
    }
    for (const f of schema.fields) out.push(Expr.column(f.name))
  }
  return out
}
