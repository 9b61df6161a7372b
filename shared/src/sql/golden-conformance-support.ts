import type { LogicalPlan } from '../plan/logical-plan.js'
import type { Expr } from '../expr/expr.js'
import { StructType, type DataType } from '../types/data-type.js'
import { simpleString } from '../types/type-strings.js'
import { decimalToString } from '../data/decimal.js'
import { daysToDateString, microsToTimestampNtzString, microsToTimestampString } from '../data/temporal.js'
import type { CalendarInterval } from '../types/data-type.js'
import { formatDayTimeInterval, formatYearMonthInterval } from '../data/ansi-interval.js'
import { formatTime } from '../data/time-of-day.js'
import type { EvalContext } from '../eval/types.js'
import { compileExpr } from '../eval/compile-expr.js'
import { compileAggregate } from '../eval/compile-aggregate.js'
import { containsAggregate } from '../eval/expr-analysis.js'
import { parseQuery } from './query-parser.js'
import { formatCalendarInterval, javaDoubleString } from '../eval/value-format.js'

/** One case of `spark-sql-golden/cases.json`. */
export interface GoldenCase {
  readonly file: string
  readonly ansi: boolean
  readonly query: string
  readonly schema: string
  readonly output: readonly string[]
  readonly errorClass: string | null
}

/** The result of a table-free query: schema string as Spark prints it and hive-style rows. */
export interface TableFreeResult {
  readonly schema: string
  readonly rows: readonly string[]
}

/** Thrown for plan shapes the table-free evaluator does not handle. */
export class UnsupportedGoldenQuery extends Error {}

/**
 * Evaluates a FROM-less query: Project (or a global Aggregate) over the one-row
 * empty relation, with optional Filter, Sort and Limit above. Returns Spark's
 * schema string and the rows as the golden files print them.
 */
export function evaluateTableFreeQuery(plan: LogicalPlan, ctx: EvalContext): TableFreeResult {
  const empty = StructType([])
  switch (plan.kind) {
    case 'Limit': {
      const inner = evaluateTableFreeQuery(plan.input, ctx)
      return { schema: inner.schema, rows: inner.rows.slice(0, plan.limit) }
    }
    case 'Sort': return evaluateTableFreeQuery(plan.input, ctx)
    case 'Project': {
      const rowsIn = inputRows(plan.input, ctx)
      const inputSchema = relationSchema(plan.input)
      const compiled = plan.exprs.map((e) => compileExpr(e, inputSchema, ctx))
      const schema = schemaString(compiled.map((c) => [c.name, c.dataType]))
      const rows = rowsIn.map((row) => compiled.map((c) => formatHiveValue(c.eval(row), c.dataType, ctx, true)).join('\t'))
      return { schema, rows }
    }
    case 'Aggregate': {
      if (plan.grouping.length > 0) throw new UnsupportedGoldenQuery('GROUP BY in a table-free query')
      const rowsIn = inputRows(plan.input, ctx)
      const outputs = plan.aggregates.map((e) => compileAggregateOutput(e, empty, ctx))
      const schema = schemaString(outputs.map((o) => [o.name, o.dataType]))
      const values = outputs.map((o) => o.run(rowsIn.length))
      return { schema, rows: [values.map((v, i) => formatHiveValue(v, outputs[i]!.dataType, ctx, true)).join('\t')] }
    }
    default: throw new UnsupportedGoldenQuery(`plan node ${plan.kind}`)
  }
}

function compileAggregateOutput(e: Expr, schema: StructType, ctx: EvalContext): { name: string; dataType: DataType; run: (n: number) => unknown } {
  const inner = e.kind === 'Alias' ? e.child : e
  if (!containsAggregate(inner) || inner.kind !== 'Call') throw new UnsupportedGoldenQuery('aggregate nested in an expression')
  const aggregate = compileAggregate(e, schema, ctx)
  return {
    name: aggregate.name,
    dataType: aggregate.dataType,
    run: (n) => {
      let buffer = aggregate.init()
      for (let i = 0; i < n; i++) buffer = aggregate.update(buffer, [])
      return aggregate.evaluate(buffer)
    },
  }
}

/** The schema of the rows feeding the select: an inline table's (`FROM VALUES ... AS t(a, b)`), else none. */
function relationSchema(plan: LogicalPlan): StructType {
  if (plan.kind === 'LocalRelation') return plan.schema
  if (plan.kind === 'Filter' || plan.kind === 'SubqueryAlias') return relationSchema(plan.input)
  return StructType([])
}

/** The rows feeding the select: one empty row, or an inline table's rows, kept or not by a WHERE. */
function inputRows(plan: LogicalPlan, ctx: EvalContext): unknown[][] {
  if (plan.kind === 'LocalRelation') return plan.rows.map((r) => [...r])
  if (plan.kind === 'SubqueryAlias') return inputRows(plan.input, ctx)
  if (plan.kind === 'Filter') {
    const rows = inputRows(plan.input, ctx)
    const condition = compileExpr(plan.condition, relationSchema(plan.input), ctx)
    return rows.filter((r) => condition.eval(r) === true)
  }
  throw new UnsupportedGoldenQuery(`input node ${plan.kind}`)
}

/** `struct<name:type,...>` as Spark's golden files print a schema. */
export function schemaString(columns: readonly (readonly [string, DataType])[]): string {
  return `struct<${columns.map(([n, t]) => `${n}:${simpleString(t)}`).join(',')}>`
}

/**
 * A value as Spark's `HiveResult.toHiveString` prints it: NULL at top level and
 * `null` nested; strings bare at top level and double-quoted nested; doubles as
 * Java prints them; arrays `[1,2]`, maps `{k:v}` (entries sorted as text), structs `{"f":v}`.
 */
export function formatHiveValue(value: unknown, type: DataType, ctx: EvalContext, topLevel: boolean): string {
  if (value === null || value === undefined) return topLevel ? 'NULL' : 'null'
  switch (type.kind) {
    case 'string': return topLevel ? String(value) : `"${String(value)}"`
    case 'float': return javaDoubleString(value as number, true)
    case 'double': return javaDoubleString(value as number)
    case 'decimal': return decimalToString(value as bigint, type.scale)
    case 'date': return daysToDateString(value as number)
    case 'timestamp': return microsToTimestampString(value as number, ctx.timeZone)
    case 'timestamp_ntz': return microsToTimestampNtzString(value as number)
    case 'binary': return new TextDecoder().decode(value as Uint8Array)
    case 'interval': return formatCalendarInterval(value as CalendarInterval)
    // HiveResult.toHiveString prints ANSI intervals in the Hive style, TIME as its text.
    case 'year_month_interval': return formatYearMonthInterval(value as number, type, 'hive')
    case 'day_time_interval': return formatDayTimeInterval(value as bigint, type, 'hive')
    case 'time': return formatTime(value as bigint)
    case 'array': return `[${(value as unknown[]).map((v) => formatHiveValue(v, type.elementType, ctx, false)).join(',')}]`
    // HiveResult.toHiveString sorts a map's entries by their printed text.
    case 'map': return `{${[...(value as Map<unknown, unknown>)].map(([k, v]) =>
      `${formatHiveValue(k, type.keyType, ctx, false)}:${formatHiveValue(v, type.valueType, ctx, false)}`).sort().join(',')}}`
    case 'struct': return `{${type.fields.map((f, i) =>
      `"${f.name}":${formatHiveValue((value as unknown[])[i], f.dataType, ctx, false)}`).join(',')}}`
    default: return String(value)
  }
}

/**
 * One query of a Spark golden file (`sql/core/src/test/resources/sql-tests/results/*.sql.out`)
 * written into a test: the schema and rows Spark printed, or the error class it raised;
 * `modes` narrows the ANSI modes the answer holds in (both unless said).
 */
export interface GoldenTableCase {
  readonly query: string
  readonly schema?: string
  readonly output?: readonly string[]
  readonly errorClass?: string
  readonly modes?: 'ansi' | 'nonAnsi'
}

/** Runs a golden query as Spark's SQLQueryTestSuite does (session time zone America/Los_Angeles). */
export function evaluateGoldenQuery(query: string, ansi: boolean): TableFreeResult {
  const ctx: EvalContext = { ansi, timeZone: 'America/Los_Angeles', caseSensitive: false, currentTimestampMicros: 0 }
  return evaluateTableFreeQuery(parseQuery(query, { timeZone: ctx.timeZone }), ctx)
}
