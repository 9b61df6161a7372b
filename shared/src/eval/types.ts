import type { DataType } from '../types/data-type.js'
import type { Row } from '../data/row.js'

/** Session settings an evaluator may depend on; fixed for one query (one micro-batch). */
export interface EvalContext {
  /** spark.sql.ansi.enabled (Spark 4 default true). */
  readonly ansi: boolean
  /** spark.sql.session.timeZone, an IANA name; default 'UTC'. */
  readonly timeZone: string
  /** spark.sql.caseSensitive (default false). */
  readonly caseSensitive: boolean
  /** current_timestamp() of this query / micro-batch, microseconds since the epoch. */
  readonly currentTimestampMicros: number
  /** spark.sql.legacy.followThreeValuedLogicInArrayExists (default true): `exists` is null when no element matched and one gave null. */
  readonly arrayExistsFollowsThreeValuedLogic?: boolean
  /** spark.sql.legacy.allowNullComparisonResultInArraySort (default false): a null from an array_sort comparator counts as 0. */
  readonly allowNullComparisonResultInArraySort?: boolean
}

/** A compiled scalar expression: a closure over column indexes of its input schema. */
export interface CompiledExpr {
  readonly dataType: DataType
  readonly nullable: boolean
  /** Spark's result column name: `upper(a)`, `(a + 1)`, the alias when there is one. */
  readonly name: string
  eval(row: Row): unknown
}

/**
 * A compiled aggregate function. Its buffer is any structured-cloneable value
 * (plain objects, arrays, Map, Set, bigint: `v8.serialize` must round-trip it), so
 * the state store can persist it between micro-batches.
 */
export interface CompiledAggregate {
  readonly dataType: DataType
  readonly nullable: boolean
  readonly name: string
  /** A fresh empty buffer. */
  init(): unknown
  /** Folds one input row into `buffer`; returns the buffer (which may be a new value). */
  update(buffer: unknown, row: Row): unknown
  /** Merges two buffers of the same function (partial aggregation, state). */
  merge(left: unknown, right: unknown): unknown
  /** The result value for a buffer. */
  evaluate(buffer: unknown): unknown
}
