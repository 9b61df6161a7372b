import { Expr } from '@sluice/shared'
import { Column, col } from '../column/index.js'

/** A column argument as PySpark takes it: a Column, or a column name. */
export type ColumnLike = Column | string

export function toColumn(value: ColumnLike): Column {
  return typeof value === 'string' ? col(value) : value
}

export function toColumnExpr(value: ColumnLike): Expr {
  return toColumn(value).expr
}

/** PySpark accepts `f(a, b)` and `f([a, b])`. */
export function flattenArgs<T>(args: readonly (T | readonly T[])[]): T[] {
  return args.flatMap((a) => (Array.isArray(a) ? (a as T[]) : [a as T]))
}
