import type { Expr } from '../expr/expr.js'
import { Plan, type LocalRelationNode } from '../plan/logical-plan.js'
import { LongType, StructField, StructType, type DataType } from '../types/data-type.js'
import { AnalysisError } from '../errors/sluice-error.js'
import type { EvalContext } from '../eval/types.js'
import { ExprCompiler } from '../eval/compile-expr.js'
import { findWiderTypeOfAll } from '../eval/type-coercion.js'

const INLINE_CONTEXT: EvalContext = { ansi: true, timeZone: 'UTC', caseSensitive: false, currentTimestampMicros: 0 }

/**
 * `VALUES (1, 'a'), (2, 'b')` as a local relation: each column takes the common
 * type of its values (Spark's inline table), names are `col1`, `col2`... unless given.
 */
export function inlineTable(rows: readonly (readonly Expr[])[], columnNames: readonly string[] | undefined, timeZone: string): LocalRelationNode {
  const width = rows[0]?.length ?? 0
  if (rows.some((r) => r.length !== width)) {
    throw new AnalysisError('INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH',
      `Invalid inline table. Inline table expected ${width} columns but found ${rows.find((r) => r.length !== width)!.length} columns in row 1.`)
  }
  if (columnNames !== undefined && columnNames.length !== width) {
    throw new AnalysisError('INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH',
      `Invalid inline table. Inline table expected ${columnNames.length} columns but found ${width} columns in row 0.`)
  }
  const compiler = new ExprCompiler(StructType([]), { ...INLINE_CONTEXT, timeZone })
  const compiled = rows.map((r) => r.map((e) => compiler.compile(e)))
  const types: DataType[] = []
  for (let c = 0; c < width; c++) {
    const type = findWiderTypeOfAll(compiled.map((r) => r[c]!.dataType))
    if (type === undefined) {
      throw new AnalysisError('INVALID_INLINE_TABLE.INCOMPATIBLE_TYPES_IN_INLINE_TABLE',
        `Invalid inline table. Found incompatible types in the column col${c + 1} for inline table.`)
    }
    types.push(type)
  }
  const values = compiled.map((r) => r.map((node, c) => compiler.castTo(node, types[c]!).eval([]) ?? null))
  const schema = StructType(types.map((t, c) => StructField(columnNames?.[c] ?? `col${c + 1}`, t,
    values.some((v) => v[c] === null))))
  return Plan.localRelation(schema, values)
}

/** `range(end)`, `range(start, end[, step])`: a relation of one BIGINT column `id`. */
export function rangeTable(args: readonly bigint[]): LocalRelationNode {
  const [start, end, step] = args.length === 1 ? [0n, args[0]!, 1n] : [args[0]!, args[1]!, args[2] ?? 1n]
  if (step === 0n) throw new AnalysisError('FAILED_FUNCTION_CALL', 'The step of range() must not be 0.')
  const rows: unknown[][] = []
  for (let i = start; step > 0n ? i < end : i > end; i += step) rows.push([i])
  return Plan.localRelation(StructType([StructField('id', LongType, false)]), rows)
}
