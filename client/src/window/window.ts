import {
  AnalysisError, CURRENT_ROW, Expr, IntegerType, LongType, UNBOUNDED_FOLLOWING, UNBOUNDED_PRECEDING, offsetBoundary,
  windowFrame, windowSpec, type FrameBoundary, type SortOrderExpr, type WindowFrame, type WindowSpec as WindowSpecData,
} from '@sluice/shared'
import { Column, col } from '../column/index.js'

type ColumnOrName = Column | string

/** Java's Long.MIN_VALUE / MAX_VALUE, PySpark's Window.unboundedPreceding / unboundedFollowing. */
const JAVA_MIN_LONG = -(2 ** 63)
/** 2^63 − 1 is not a double: PySpark's sys.maxsize read as a JavaScript number is 2^63. */
const JAVA_MAX_LONG = 2 ** 63
const INT_MIN = -2147483648
const INT_MAX = 2147483647

/**
 * A window specification, as PySpark's `WindowSpec`: immutable; each method returns a
 * new one. Use it with `Column.over`. Built from `Window.partitionBy(...)` etc.
 */
export class WindowSpec {
  constructor(private readonly partition: readonly Expr[] = [], private readonly order: readonly SortOrderExpr[] = [], private readonly frame?: WindowFrame) {}

  /** Replaces the partitioning columns (names or Columns, or one array of them). */
  partitionBy(...cols: (ColumnOrName | ColumnOrName[])[]): WindowSpec {
    return new WindowSpec(flatten(cols).map((c) => columnExpr(c)), this.order, this.frame)
  }

  /** Replaces the ordering; a plain column sorts ascending with nulls first, as Spark. */
  orderBy(...cols: (ColumnOrName | ColumnOrName[])[]): WindowSpec {
    return new WindowSpec(this.partition, flatten(cols).map(sortOrder), this.frame)
  }

  /**
   * `ROWS BETWEEN start AND end`, offsets from the current row (0); values at or beyond
   * `Window.unboundedPreceding` / `Window.unboundedFollowing` are unbounded, as PySpark.
   */
  rowsBetween(start: number | bigint, end: number | bigint): WindowSpec {
    return new WindowSpec(this.partition, this.order, windowFrame('rows', boundary(start, 'start', false), boundary(end, 'end', false)))
  }

  /** `RANGE BETWEEN start AND end`: offsets added to the current row's ORDER BY value. */
  rangeBetween(start: number | bigint, end: number | bigint): WindowSpec {
    return new WindowSpec(this.partition, this.order, windowFrame('range', boundary(start, 'start', true), boundary(end, 'end', true)))
  }

  /** The plain data of this specification. */
  toSpec(): WindowSpecData {
    return windowSpec(this.partition, this.order, this.frame)
  }
}

/** PySpark's `Window`: static builders of a `WindowSpec` and the frame boundary constants. */
export class Window {
  static readonly unboundedPreceding: number = JAVA_MIN_LONG
  static readonly unboundedFollowing: number = JAVA_MAX_LONG
  static readonly currentRow: number = 0

  static partitionBy(...cols: (ColumnOrName | ColumnOrName[])[]): WindowSpec { return new WindowSpec().partitionBy(...cols) }
  static orderBy(...cols: (ColumnOrName | ColumnOrName[])[]): WindowSpec { return new WindowSpec().orderBy(...cols) }
  static rowsBetween(start: number | bigint, end: number | bigint): WindowSpec { return new WindowSpec().rowsBetween(start, end) }
  static rangeBetween(start: number | bigint, end: number | bigint): WindowSpec { return new WindowSpec().rangeBetween(start, end) }
}

/**
 * Spark's WindowSpec boundary: 0 is CURRENT ROW, Long.MIN/MAX (PySpark: anything past
 * ±sys.maxsize) unbounded; a ROWS offset must fit an int, a RANGE offset is a BIGINT.
 */
function boundary(value: number | bigint, which: 'start' | 'end', range: boolean): FrameBoundary {
  const v = typeof value === 'bigint' ? Number(value) : value
  if (v <= -(2 ** 63 - 1) || v === -Infinity) return UNBOUNDED_PRECEDING
  if (v >= 2 ** 63 - 1 || v === Infinity) return UNBOUNDED_FOLLOWING
  if (v === 0) return CURRENT_ROW
  if (!Number.isInteger(v)) throw new AnalysisError('INVALID_BOUNDARY', `The boundary ${which} is invalid: ${value}.`)
  if (range) return offsetBoundary(Expr.literal(BigInt(v), LongType))
  if (v < INT_MIN || v > INT_MAX) {
    throw new AnalysisError(`INVALID_BOUNDARY.${which.toUpperCase()}`,
      `The boundary ${which} is invalid: ${v}. Expected the value is '0', '${which === 'start' ? `Window.unboundedPreceding', or '-2147483648'` : `Window.unboundedFollowing', or '2147483647'`}...`,
      { boundary: which, invalidValue: String(v) })
  }
  return offsetBoundary(Expr.literal(v, IntegerType))
}

function columnExpr(c: ColumnOrName): Expr {
  return typeof c === 'string' ? col(c).expr : c.expr
}

function sortOrder(c: ColumnOrName): SortOrderExpr {
  const e = columnExpr(c)
  return e.kind === 'SortOrder' ? e : Expr.sortOrder(e, true, true)
}

function flatten(cols: (ColumnOrName | ColumnOrName[])[]): ColumnOrName[] {
  return cols.flatMap((c) => (Array.isArray(c) ? c : [c]))
}
