import {
  AnalysisError, ArrayType, BinaryType, BooleanType, DoubleType, Expr, IntegerType, LongType, NullType, StringType,
  TimestampType, exprOutputName, fieldAccessKey, parseDataType, windowExpr, type DataType, type WindowSpec,
} from '@sluice/shared'

/** A value a Column method accepts: another Column, or a plain value taken as a literal. */
export type ColumnOrValue = Column | unknown

/**
 * An expression over a DataFrame's columns, as PySpark's `Column`: immutable; every
 * method returns a new Column. JavaScript has no operator overloading, so `a + b` is
 * `a.plus(b)`, `a == b` is `a.eq(b)` (or `equalTo`), `~a` is `a.not()`.
 */
export class Column {
  readonly expr: Expr

  constructor(expr: Expr) {
    this.expr = expr
  }

  /** Spark's column name of this expression: `(a + 1)`, `upper(a)`, the alias when aliased. */
  toString(): string {
    return exprOutputName(this.expr)
  }

  // ---- naming and casting ----
  alias(name: string): Column { return new Column(Expr.alias(this.expr, name)) }
  name(name: string): Column { return this.alias(name) }
  as(name: string): Column { return this.alias(name) }
  /** `CAST(this AS type)`; `type` is a DataType or a DDL type string (`"int"`, `"decimal(10,2)"`). */
  cast(type: string | DataType): Column {
    return new Column(Expr.cast(this.expr, typeof type === 'string' ? parseDataType(type) : type))
  }
  astype(type: string | DataType): Column { return this.cast(type) }
  /** `TRY_CAST(this AS type)`: null instead of an error on invalid input. */
  try_cast(type: string | DataType): Column {
    return new Column(Expr.cast(this.expr, typeof type === 'string' ? parseDataType(type) : type, 'try'))
  }

  // ---- arithmetic ----
  plus(other: ColumnOrValue): Column { return this.binary('+', other) }
  minus(other: ColumnOrValue): Column { return this.binary('-', other) }
  multiply(other: ColumnOrValue): Column { return this.binary('*', other) }
  divide(other: ColumnOrValue): Column { return this.binary('/', other) }
  mod(other: ColumnOrValue): Column { return this.binary('%', other) }
  /** Unary minus (`-col` in PySpark). */
  negate(): Column { return new Column(Expr.call('negative', [this.expr])) }

  // ---- comparison ----
  eq(other: ColumnOrValue): Column { return this.binary('=', other) }
  equalTo(other: ColumnOrValue): Column { return this.eq(other) }
  notEqual(other: ColumnOrValue): Column { return this.binary('!=', other) }
  ne(other: ColumnOrValue): Column { return this.notEqual(other) }
  /** Null-safe equality `<=>`: true when both are null. */
  eqNullSafe(other: ColumnOrValue): Column { return this.binary('<=>', other) }
  gt(other: ColumnOrValue): Column { return this.binary('>', other) }
  geq(other: ColumnOrValue): Column { return this.binary('>=', other) }
  ge(other: ColumnOrValue): Column { return this.geq(other) }
  lt(other: ColumnOrValue): Column { return this.binary('<', other) }
  leq(other: ColumnOrValue): Column { return this.binary('<=', other) }
  le(other: ColumnOrValue): Column { return this.leq(other) }

  // ---- logic ----
  and(other: ColumnOrValue): Column { return this.binary('and', other) }
  or(other: ColumnOrValue): Column { return this.binary('or', other) }
  not(): Column { return new Column(Expr.call('not', [this.expr])) }

  // ---- null tests ----
  isNull(): Column { return new Column(Expr.call('isnull', [this.expr])) }
  isNotNull(): Column { return new Column(Expr.call('isnotnull', [this.expr])) }
  isNaN(): Column { return new Column(Expr.call('isnan', [this.expr])) }

  // ---- strings and membership ----
  like(pattern: string): Column { return this.binary('like', pattern) }
  rlike(pattern: string): Column { return this.binary('rlike', pattern) }
  ilike(pattern: string): Column { return this.binary('ilike', pattern) }
  /** `this IN (values...)`; takes values as arguments or one array, as PySpark. */
  isin(...values: unknown[]): Column {
    const list = values.length === 1 && Array.isArray(values[0]) ? (values[0] as unknown[]) : values
    return new Column(Expr.call('in', [this.expr, ...list.map(toExpr)]))
  }
  between(lower: ColumnOrValue, upper: ColumnOrValue): Column {
    return new Column(Expr.call('between', [this.expr, toExpr(lower), toExpr(upper)]))
  }
  startswith(other: ColumnOrValue): Column { return this.binary('startswith', other) }
  endswith(other: ColumnOrValue): Column { return this.binary('endswith', other) }
  contains(other: ColumnOrValue): Column { return this.binary('contains', other) }
  /** 1-based substring of `length` characters, as Spark's `substring`. */
  substr(startPos: ColumnOrValue, length: ColumnOrValue): Column {
    return new Column(Expr.call('substring', [this.expr, toExpr(startPos), toExpr(length)]))
  }

  // ---- nested data ----
  /** A struct field by name (`s.f`). */
  getField(name: string): Column {
    return new Column(Expr.extract(this.expr, fieldAccessKey(name)))
  }
  /** An array element (0-based) or a map value by key. */
  getItem(key: ColumnOrValue): Column { return new Column(Expr.extract(this.expr, toExpr(key))) }

  // ---- sort orders ----
  asc(): Column { return new Column(Expr.sortOrder(this.expr, true, true)) }
  desc(): Column { return new Column(Expr.sortOrder(this.expr, false, false)) }
  asc_nulls_first(): Column { return new Column(Expr.sortOrder(this.expr, true, true)) }
  asc_nulls_last(): Column { return new Column(Expr.sortOrder(this.expr, true, false)) }
  desc_nulls_first(): Column { return new Column(Expr.sortOrder(this.expr, false, true)) }
  desc_nulls_last(): Column { return new Column(Expr.sortOrder(this.expr, false, false)) }

  // ---- conditionals ----
  /** Adds a branch to a Column made by `when(...)`; an error on any other Column, as PySpark. */
  when(condition: Column, value: ColumnOrValue): Column {
    const e = this.expr
    if (e.kind !== 'CaseWhen' || e.otherwise !== undefined) {
      throw new AnalysisError('INVALID_WHEN_USAGE',
        'when() can only be applied on a Column previously generated by when() function, and cannot be applied once otherwise() is applied.')
    }
    return new Column(Expr.caseWhen([...e.branches, { when: condition.expr, then: toExpr(value) }]))
  }
  /** The value when no branch matched, on a Column made by `when(...)`. */
  otherwise(value: ColumnOrValue): Column {
    const e = this.expr
    if (e.kind !== 'CaseWhen' || e.otherwise !== undefined) {
      throw new AnalysisError('INVALID_OTHERWISE_USAGE',
        'otherwise() can only be applied on a Column previously generated by when(), and only once.')
    }
    return new Column(Expr.caseWhen(e.branches, toExpr(value)))
  }

  // ---- windows ----
  /** This function evaluated over a window: `row_number().over(Window.partitionBy('k').orderBy('t'))`. */
  over(window: { toSpec(): WindowSpec }): Column {
    return new Column(windowExpr(this.expr, window.toSpec()))
  }

  // ---- bitwise ----
  bitwiseAND(other: ColumnOrValue): Column { return this.binary('&', other) }
  bitwiseOR(other: ColumnOrValue): Column { return this.binary('|', other) }
  bitwiseXOR(other: ColumnOrValue): Column { return this.binary('^', other) }

  private binary(op: string, other: ColumnOrValue): Column {
    return new Column(Expr.call(op, [this.expr, toExpr(other)]))
  }
}

/** The expression of a Column, or a literal for a plain value. */
export function toExpr(value: ColumnOrValue): Expr {
  return value instanceof Column ? value.expr : literalExpr(value)
}

/**
 * A literal expression for a JavaScript value, typed as PySpark's `lit` does: an
 * integer number in int range → INT, beyond → BIGINT, other numbers → DOUBLE, bigint
 * → BIGINT, string, boolean, `Uint8Array` → BINARY, `Date` → TIMESTAMP, null → VOID,
 * arrays → `array(...)`.
 */
export function literalExpr(value: unknown): Expr {
  if (value === null || value === undefined) return Expr.literal(null, NullType)
  switch (typeof value) {
    case 'string': return Expr.literal(value, StringType)
    case 'boolean': return Expr.literal(value, BooleanType)
    case 'bigint': return Expr.literal(value, LongType)
    case 'number':
      if (Number.isInteger(value) && !Object.is(value, -0)) {
        if (value >= -2147483648 && value <= 2147483647) return Expr.literal(value, IntegerType)
        if (Number.isSafeInteger(value)) return Expr.literal(BigInt(value), LongType)
      }
      return Expr.literal(value, DoubleType)
  }
  if (value instanceof Uint8Array) return Expr.literal(value, BinaryType)
  if (value instanceof Date) return Expr.literal(value.getTime() * 1000, TimestampType)
  if (Array.isArray(value)) {
    if (value.length === 0) return Expr.literal([], ArrayType(NullType))
    return Expr.call('array', value.map(literalExpr))
  }
  throw new AnalysisError('UNSUPPORTED_LITERAL_TYPE',
    `Unsupported literal type ${Object.prototype.toString.call(value)} ${String(value)}.`)
}
