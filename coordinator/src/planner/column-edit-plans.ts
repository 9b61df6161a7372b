import { AnalysisError, Expr, Plan, StructType, type DataType, type LogicalPlan } from '@sluice/shared'
import { isNumericKind } from './conditions.js'
import { columnRef } from './bind-columns.js'

/**
 * Plans of the DataFrame methods that need the input schema (withColumn(s), drop,
 * withColumnsRenamed, toDF, fillna, dropna, describe): built at analysis, once the
 * schema is known (file inference is asynchronous, transformations are not).
 */

/** The projection list of withColumns / drop / withColumnsRenamed over a known input schema. */
export function columnEdits(node: Extract<LogicalPlan, { kind: 'WithColumns' | 'DropColumns' | 'RenameColumns' | 'RenameAllColumns' | 'FillNulls' }>, schema: StructType): Expr[] {
  const fields = schema.fields
  const refs = fields.map((_, i) => columnRef(schema, i))
  const lower = (s: string) => s.toLowerCase()
  switch (node.kind) {
    case 'DropColumns': {
      const names = new Set(node.names.map(lower))
      return refs.filter((_, i) => !names.has(lower(fields[i]!.name)))
    }
    case 'RenameColumns': {
      const renames = new Map(node.renames.map((r) => [lower(r.from), r.to]))
      return refs.map((r, i) => {
        const to = renames.get(lower(fields[i]!.name))
        return to === undefined ? r : Expr.alias(r, to)
      })
    }
    case 'RenameAllColumns': {
      if (node.names.length !== fields.length) {
        throw new AnalysisError('LENGTH_MISMATCH', `toDF: the number of columns doesn't match. Old column names (${fields.length}): ${fields.map((f) => f.name).join(', ')}. New column names (${node.names.length}): ${node.names.join(', ')}.`)
      }
      return refs.map((r, i) => Expr.alias(r, node.names[i]!))
    }
    case 'FillNulls': {
      const subset = node.subset?.map(lower)
      return refs.map((r, i) => {
        const field = fields[i]!
        if (subset && !subset.includes(lower(field.name))) return r
        const value = typeof node.value === 'object'
          ? Object.entries(node.value).find(([k]) => lower(k) === lower(field.name))?.[1]
          : node.value
        if (value === undefined || !fillApplies(value, field.dataType)) return r
        return Expr.alias(Expr.call('coalesce', [r, Expr.cast(Expr.literal(value, typeof value === 'string' ? { kind: 'string' } : typeof value === 'boolean' ? { kind: 'boolean' } : { kind: 'double' }), field.dataType)]), field.name)
      })
    }
    case 'WithColumns': {
      const out: Expr[] = [...refs]
      for (const column of node.columns) {
        const i = fields.findIndex((f) => lower(f.name) === lower(column.name))
        const value = Expr.alias(column.expr, column.name)
        if (i >= 0) out[i] = value
        else out.push(value)
      }
      return out
    }
  }
}

const DESCRIBE_STATISTICS = ['count', 'mean', 'stddev', 'min', 'max']
const SUMMARY_STATISTICS = ['count', 'mean', 'stddev', 'min', '25%', '50%', '75%', 'max']
/** ApproximatePercentile.DEFAULT_PERCENTILE_ACCURACY */
const PERCENTILE_ACCURACY = 10000

/**
 * `describe()` and `summary()` as Spark's StatFunctions.summary builds them: one aggregate
 * row per statistic (count, count_distinct, approx_count_distinct, mean, stddev, min, max,
 * and percentiles such as `25%` through percentile_approx, numeric columns only) over the
 * chosen columns (default: numeric and string ones), cast to strings, with a `summary`
 * column naming the statistic, in the order asked.
 */
export function describePlan(node: Extract<LogicalPlan, { kind: 'Describe' }>, schema: StructType): LogicalPlan {
  const chosen = node.columns.length > 0
    ? node.columns.map((name) => {
        const field = schema.fields.find((f) => f.name.toLowerCase() === name.toLowerCase())
        if (!field) throw new AnalysisError('UNRESOLVED_COLUMN.WITH_SUGGESTION', `A column with name \`${name}\` cannot be resolved. Columns: [${schema.fields.map((f) => `\`${f.name}\``).join(', ')}].`)
        return field
      })
    : schema.fields.filter((f) => isNumericKind(f.dataType.kind) || f.dataType.kind === 'decimal' || f.dataType.kind === 'string')
  const statistics = node.statistics === undefined ? DESCRIBE_STATISTICS : node.statistics.length === 0 ? SUMMARY_STATISTICS : node.statistics
  const asString = (e: Expr) => Expr.cast(e, { kind: 'string' })
  const nullString = Expr.literal(null, { kind: 'string' })
  const stat = (summary: string, value: (column: Expr, numeric: boolean) => Expr) => Plan.aggregate(node.input, [], [
    Expr.alias(Expr.literal(summary, { kind: 'string' }), 'summary'),
    ...chosen.map((f) => {
      const numeric = f.dataType.kind !== 'string'
      return Expr.alias(asString(value(Expr.column(f.name), numeric)), f.name)
    }),
  ])
  return Plan.union(statistics.map((statistic) => stat(statistic, statisticFunction(statistic, nullString))))
}

function statisticFunction(statistic: string, nullString: Expr): (column: Expr, numeric: boolean) => Expr {
  switch (statistic.toLowerCase()) {
    case 'count': return (c) => Expr.call('count', [c])
    case 'count_distinct': return (c) => Expr.call('count', [c], true)
    case 'approx_count_distinct': return (c) => Expr.call('approx_count_distinct', [c])
    case 'mean': return (c, numeric) => (numeric ? Expr.call('avg', [c]) : Expr.call('max', [nullString]))
    case 'stddev': return (c, numeric) => (numeric ? Expr.call('stddev', [c]) : Expr.call('max', [nullString]))
    case 'min': return (c) => Expr.call('min', [c])
    case 'max': return (c) => Expr.call('max', [c])
  }
  if (!statistic.endsWith('%')) {
    throw new AnalysisError('SUMMARY_STATISTIC_NOT_RECOGNIZED', `${statistic} is not a recognised statistic.`, { statistic })
  }
  const percent = Number(statistic.slice(0, -1))
  if (statistic.length === 1 || !Number.isFinite(percent)) {
    throw new AnalysisError('CANNOT_PARSE_STATISTIC_AS_PERCENTILE', `Unable to parse ${statistic} as a percentile.`, { statistic })
  }
  if (percent < 0 || percent > 100) throw new AnalysisError('ILLEGAL_ARGUMENT', 'requirement failed: Percentiles must be in the range [0, 1]')
  const fraction = Expr.literal(percent / 100, { kind: 'double' })
  const accuracy = Expr.literal(PERCENTILE_ACCURACY, { kind: 'integer' })
  return (c, numeric) => (numeric ? Expr.call('percentile_approx', [c, fraction, accuracy]) : Expr.call('max', [nullString]))
}

/** PySpark fills a column only with a value of a matching kind: numbers for numeric, strings for strings, booleans for booleans. */
function fillApplies(value: number | string | boolean, type: DataType): boolean {
  if (typeof value === 'number') return isNumericKind(type.kind) || type.kind === 'decimal'
  if (typeof value === 'string') return type.kind === 'string'
  return type.kind === 'boolean'
}

/** `dropna`: keep rows with at least `thresh` non-null values among `subset` (any: all of them; all: at least one). */
export function dropNullsCondition(node: Extract<LogicalPlan, { kind: 'DropNulls' }>, schema: StructType): Expr | undefined {
  const names = node.subset?.map((n) => n.toLowerCase())
  const indexes = schema.fields.flatMap((f, i) => (names === undefined || names.includes(f.name.toLowerCase()) ? [i] : []))
  if (indexes.length === 0) return undefined
  const threshold = node.thresh ?? (node.how === 'all' ? 1 : indexes.length)
  const nonNull = indexes.map((i) => Expr.caseWhen([{ when: Expr.call('isnotnull', [columnRef(schema, i)]), then: Expr.literal(1, { kind: 'integer' }) }], Expr.literal(0, { kind: 'integer' })))
  const count = nonNull.slice(1).reduce<Expr>((a, b) => Expr.call('+', [a, b]), nonNull[0]!)
  return Expr.call('>=', [count, Expr.literal(threshold, { kind: 'integer' })])
}

