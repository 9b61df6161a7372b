import { AnalysisError, BooleanType, castToString, Expr, exprOutputName, Plan, type DataType, type LogicalPlan, type PivotNode } from '@sluice/shared'

/** Inner names of the two-stage rewrite; users never see them. */
const PIVOT_VALUE = '__pivot_value'
const groupingName = (i: number): string => `__pivot_group_${i}`
const aggregateName = (i: number): string => `__pivot_agg_${i}`

/**
 * The query Spark runs for a pivot without values: the pivot column's distinct values,
 * at most `maxValues + 1` of them, sorted (nulls first).
 */
export function pivotValuesQuery(node: PivotNode, maxValues: number): LogicalPlan {
  const values = Plan.limit(Plan.distinct(Plan.project(node.input, [Expr.alias(node.pivotColumn, PIVOT_VALUE)])), maxValues + 1)
  return Plan.sort(values, [Expr.sortOrder(Expr.column(PIVOT_VALUE))])
}

export function tooManyPivotValues(node: PivotNode, maxValues: number, timeZone: string): AnalysisError {
  const column = exprOutputName(node.pivotColumn, timeZone)
  return new AnalysisError(
    'PIVOT_VALUE_LIMIT_EXCEEDED',
    `The pivot column ${column} has more than ${maxValues} distinct values, this could indicate an error. If this was intended, set spark.sql.pivotMaxValues to at least the number of distinct values of the pivot column.`,
    { pivotColumn: column, maxValues: String(maxValues) },
  )
}

/** A pivot value as Spark names its columns: an alias's name, else the value cast to string ("null" for null). */
function valueName(value: Expr, timeZone: string): string {
  if (value.kind === 'Alias') return value.name
  if (value.kind === 'Literal') {
    if (value.value === null) return 'null'
    return String(castToString(value.dataType, { ansi: false, timeZone })(value.value) ?? 'null')
  }
  return exprOutputName(value, timeZone)
}

/**
 * Spark's ResolvePivot, with PivotFirst's meaning: aggregate per (group, pivot value),
 * then one column per pivot value (and aggregate) holding that cell's aggregate, null
 * where the group has no row with the value. Columns are named by the value alone for
 * one aggregate, `value_aggregate` for several. `values` are literals of the pivot
 * column's type (`pivotType`); the user's are cast to it.
 */
export function pivotPlan(node: PivotNode, values: readonly Expr[], pivotType: DataType, timeZone: string): LogicalPlan {
  if (node.aggregates.length === 0) throw new AnalysisError('PIVOT_WITHOUT_AGGREGATE', 'A pivot needs at least one aggregate expression.')
  const groupingAliases = node.grouping.map((g, i) => Expr.alias(g, groupingName(i)))
  const pivotAlias = Expr.alias(node.pivotColumn, PIVOT_VALUE)
  const perCell = Plan.aggregate(
    node.input,
    [...node.grouping, node.pivotColumn],
    [...groupingAliases, pivotAlias, ...node.aggregates.map((a, i) => Expr.alias(a, aggregateName(i)))],
  )
  const single = node.aggregates.length === 1
  const cells = values.flatMap((value) => {
    const name = valueName(value, timeZone)
    const typed = value.kind === 'Alias' ? value.child : value
    const matches = Expr.call('<=>', [Expr.column(PIVOT_VALUE), Expr.cast(typed, pivotType)])
    return node.aggregates.map((aggregate, i) => {
      const cell = Expr.call('if', [matches, Expr.column(aggregateName(i)), Expr.literal(null, { kind: 'null' })])
      const column = single ? name : `${name}_${exprOutputName(aggregate, timeZone)}`
      return Expr.alias(Expr.call('first', [cell, Expr.literal(true, BooleanType)]), column)
    })
  })
  const groupColumns = node.grouping.map((_, i) => Expr.column(groupingName(i)))
  return Plan.aggregate(
    perCell,
    groupColumns,
    [...node.grouping.map((g, i) => Expr.alias(Expr.column(groupingName(i)), exprOutputName(g, timeZone))), ...cells],
  )
}
