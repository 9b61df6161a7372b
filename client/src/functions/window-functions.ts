import { Expr, type Expr as ExprType } from '@sluice/shared'
import { Column, col, literalExpr } from '../column/index.js'

type ColumnOrName = Column | string
const ref = (x: ColumnOrName): ExprType => (typeof x === 'string' ? col(x).expr : x.expr)
const call = (name: string, ...args: ExprType[]): Column => new Column(Expr.call(name, args))

/** Sequential number of the row within its window partition, from 1. @example row_number().over(Window.partitionBy('k').orderBy(col('ts').desc())) */
export const row_number = (): Column => call('row_number')
/** Rank with gaps: 1 + the rows ordered before the row's peers. */
export const rank = (): Column => call('rank')
/** Rank without gaps: 1 + the distinct order values before the row. */
export const dense_rank = (): Column => call('dense_rank')
/** (rank - 1) / (rows in partition - 1), 0 for a single row. */
export const percent_rank = (): Column => call('percent_rank')
/** Rows up to and including the row's peers / rows in the partition. */
export const cume_dist = (): Column => call('cume_dist')
/** The bucket (1..n) of the row when its partition is split into n buckets. */
export const ntile = (n: number): Column => call('ntile', literalExpr(n))

/** The value `offset` rows before the current row, `defaultValue` past the partition start. */
export function lag(c: ColumnOrName, offset = 1, defaultValue: unknown = null, ignoreNulls = false): Column {
  return offsetCall('lag', c, offset, defaultValue, ignoreNulls)
}
/** The value `offset` rows after the current row, `defaultValue` past the partition end. */
export function lead(c: ColumnOrName, offset = 1, defaultValue: unknown = null, ignoreNulls = false): Column {
  return offsetCall('lead', c, offset, defaultValue, ignoreNulls)
}
/** The value of the `offset`-th row of the window frame (from 1), null when the frame is shorter. */
export function nth_value(c: ColumnOrName, offset: number, ignoreNulls = false): Column {
  return ignoreNulls ? call('nth_value', ref(c), literalExpr(offset), literalExpr(true)) : call('nth_value', ref(c), literalExpr(offset))
}

function offsetCall(name: string, c: ColumnOrName, offset: number, defaultValue: unknown, ignoreNulls: boolean): Column {
  const args = [ref(c), literalExpr(offset), defaultValue instanceof Column ? defaultValue.expr : literalExpr(defaultValue)]
  return ignoreNulls ? call(name, ...args, literalExpr(true)) : call(name, ...args)
}
