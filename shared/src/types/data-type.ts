/**
 * Spark SQL data types as frozen plain objects (serializable, comparable with
 * `sameType`). `typeName` follows Spark's `DataType.typeName` (used in JSON schemas),
 * `simpleString` follows Spark's catalog string (used in DDL and error messages).
 *
 * NOTE: the internal (engine) representation of values of each type is fixed here,
 * and every operator, reader and writer relies on it:
 *
 * | type                         | internal value                                        |
 * | ---------------------------- | ----------------------------------------------------- |
 * | boolean                      | `boolean`                                             |
 * | byte, short, integer         | `number` (an integer in range)                        |
 * | long                         | `bigint` (exact beyond 2^53)                          |
 * | float, double                | `number` (float rounded with Math.fround)             |
 * | decimal(p, s)                | `bigint`, the unscaled value (value = unscaled / 10^s) |
 * | string                       | `string`                                              |
 * | binary                       | `Uint8Array`                                          |
 * | date                         | `number`, days since 1970-01-01                       |
 * | timestamp, timestamp_ntz     | `number`, microseconds since the epoch (UTC)          |
 * | interval (calendar)          | `CalendarInterval` {months, days, microseconds}       |
 * | interval year to month (ANSI)| `number`, an int of months (Spark's Int)              |
 * | interval day to second (ANSI)| `bigint`, microseconds (Spark's Long)                 |
 * | time(p)                      | `bigint`, nanoseconds since midnight (Spark 4.1's Long), |
 * |                              | in [0, 86_399_999_999_999], truncated to p digits     |
 * | array                        | `unknown[]`                                           |
 * | map                          | `Map<unknown, unknown>`                               |
 * | struct                       | `unknown[]`, field values in field order (same as a row) |
 * | null / any SQL NULL          | `null`                                                |
 */
export type DataType =
  | NullType
  | BooleanType
  | ByteType
  | ShortType
  | IntegerType
  | LongType
  | FloatType
  | DoubleType
  | DecimalType
  | StringType
  | BinaryType
  | DateType
  | TimestampType
  | TimestampNTZType
  | CalendarIntervalType
  | YearMonthIntervalType
  | DayTimeIntervalType
  | TimeType
  | ArrayType
  | MapType
  | StructType

export interface NullType { readonly kind: 'null' }
export interface BooleanType { readonly kind: 'boolean' }
export interface ByteType { readonly kind: 'byte' }
export interface ShortType { readonly kind: 'short' }
export interface IntegerType { readonly kind: 'integer' }
export interface LongType { readonly kind: 'long' }
export interface FloatType { readonly kind: 'float' }
export interface DoubleType { readonly kind: 'double' }
export interface DecimalType { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
export interface StringType { readonly kind: 'string' }
export interface BinaryType { readonly kind: 'binary' }
export interface DateType { readonly kind: 'date' }
export interface TimestampType { readonly kind: 'timestamp' }
export interface TimestampNTZType { readonly kind: 'timestamp_ntz' }
export interface CalendarIntervalType { readonly kind: 'interval' }

/** The fields of a year-month interval, in Spark's order (YEAR = 0, MONTH = 1). */
export type YearMonthIntervalField = 'year' | 'month'
/** The fields of a day-time interval, in Spark's order (DAY = 0 ... SECOND = 3). */
export type DayTimeIntervalField = 'day' | 'hour' | 'minute' | 'second'

/**
 * ANSI `INTERVAL YEAR [TO MONTH]` / `INTERVAL MONTH`: a number of months. The fields
 * only say how the value is written and cast; every value is a whole number of months.
 */
export interface YearMonthIntervalType {
  readonly kind: 'year_month_interval'
  readonly startField: YearMonthIntervalField
  readonly endField: YearMonthIntervalField
}

/** ANSI `INTERVAL DAY [TO HOUR|MINUTE|SECOND]`, `INTERVAL HOUR [TO ...]`, ...: microseconds. */
export interface DayTimeIntervalType {
  readonly kind: 'day_time_interval'
  readonly startField: DayTimeIntervalField
  readonly endField: DayTimeIntervalField
}

/** Spark 4.1's `TIME(p)`: a time of day without a date or zone, to `p` (0 to 6) fractional digits. */
export interface TimeType { readonly kind: 'time'; readonly precision: number }
export interface ArrayType { readonly kind: 'array'; readonly elementType: DataType; readonly containsNull: boolean }
export interface MapType {
  readonly kind: 'map'
  readonly keyType: DataType
  readonly valueType: DataType
  readonly valueContainsNull: boolean
}

export interface StructField {
  readonly name: string
  readonly dataType: DataType
  readonly nullable: boolean
  /** Spark's field metadata; `comment` holds a DDL COMMENT. */
  readonly metadata: Readonly<Record<string, unknown>>
}

export interface StructType {
  readonly kind: 'struct'
  readonly fields: readonly StructField[]
}

/** A calendar interval as Spark keeps it: months, days and microseconds apart. */
export interface CalendarInterval {
  readonly months: number
  readonly days: number
  readonly microseconds: number
}

const frozen = <T extends object>(value: T): T => Object.freeze(value)

export const NullType: NullType = frozen({ kind: 'null' })
export const BooleanType: BooleanType = frozen({ kind: 'boolean' })
export const ByteType: ByteType = frozen({ kind: 'byte' })
export const ShortType: ShortType = frozen({ kind: 'short' })
export const IntegerType: IntegerType = frozen({ kind: 'integer' })
export const LongType: LongType = frozen({ kind: 'long' })
export const FloatType: FloatType = frozen({ kind: 'float' })
export const DoubleType: DoubleType = frozen({ kind: 'double' })
export const StringType: StringType = frozen({ kind: 'string' })
export const BinaryType: BinaryType = frozen({ kind: 'binary' })
export const DateType: DateType = frozen({ kind: 'date' })
export const TimestampType: TimestampType = frozen({ kind: 'timestamp' })
export const TimestampNTZType: TimestampNTZType = frozen({ kind: 'timestamp_ntz' })
export const CalendarIntervalType: CalendarIntervalType = frozen({ kind: 'interval' })

export const DecimalType = (precision = 10, scale = 0): DecimalType => frozen({ kind: 'decimal', precision, scale })

export const YEAR_MONTH_FIELDS: readonly YearMonthIntervalField[] = Object.freeze(['year', 'month'])
export const DAY_TIME_FIELDS: readonly DayTimeIntervalField[] = Object.freeze(['day', 'hour', 'minute', 'second'])

/** `INTERVAL YEAR TO MONTH` with no fields, as Spark's `YearMonthIntervalType()`; one field is `INTERVAL YEAR` or `INTERVAL MONTH`. */
export const YearMonthIntervalType = (
  ...fields: [] | [YearMonthIntervalField] | [YearMonthIntervalField, YearMonthIntervalField]
): YearMonthIntervalType => {
  const startField = fields[0] ?? 'year'
  const endField = fields.length === 0 ? 'month' : fields[1] ?? startField
  return frozen({ kind: 'year_month_interval', startField, endField })
}

/** `INTERVAL DAY TO SECOND` with no fields, as Spark's `DayTimeIntervalType()`; one field is `INTERVAL DAY`, `INTERVAL HOUR`, ... */
export const DayTimeIntervalType = (
  ...fields: [] | [DayTimeIntervalField] | [DayTimeIntervalField, DayTimeIntervalField]
): DayTimeIntervalType => {
  const startField = fields[0] ?? 'day'
  const endField = fields.length === 0 ? 'second' : fields[1] ?? startField
  return frozen({ kind: 'day_time_interval', startField, endField })
}

/** Spark's TIME precisions: 0 to 6 fractional digits of a second, 6 by default. */
export const TIME_MIN_PRECISION = 0
export const TIME_MAX_PRECISION = 6
export const TimeType = (precision = TIME_MAX_PRECISION): TimeType => frozen({ kind: 'time', precision })

/** Whether a type is one of Spark's ANSI interval types (`AnsiIntervalType`). */
export const isAnsiIntervalType = (t: DataType): t is YearMonthIntervalType | DayTimeIntervalType =>
  t.kind === 'year_month_interval' || t.kind === 'day_time_interval'
export const ArrayType = (elementType: DataType, containsNull = true): ArrayType =>
  frozen({ kind: 'array', elementType, containsNull })
export const MapType = (keyType: DataType, valueType: DataType, valueContainsNull = true): MapType =>
  frozen({ kind: 'map', keyType, valueType, valueContainsNull })
export const StructField = (
  name: string,
  dataType: DataType,
  nullable = true,
  metadata: Record<string, unknown> = {},
): StructField => frozen({ name, dataType, nullable, metadata: frozen({ ...metadata }) })
export const StructType = (fields: readonly StructField[] = []): StructType =>
  frozen({ kind: 'struct', fields: frozen([...fields]) })

/** Structural equality of two types, nullability and metadata included. */
export function sameType(a: DataType, b: DataType): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Index of a top-level field, case-insensitive unless `caseSensitive`; -1 when absent. */
export function fieldIndex(struct: StructType, name: string, caseSensitive = false): number {
  const exact = struct.fields.findIndex((f) => f.name === name)
  if (exact >= 0 || caseSensitive) return exact
  const lower = name.toLowerCase()
  return struct.fields.findIndex((f) => f.name.toLowerCase() === lower)
}

export const isNumericType = (t: DataType): boolean =>
  t.kind === 'byte' || t.kind === 'short' || t.kind === 'integer' || t.kind === 'long' ||
  t.kind === 'float' || t.kind === 'double' || t.kind === 'decimal'

export const isIntegralType = (t: DataType): boolean =>
  t.kind === 'byte' || t.kind === 'short' || t.kind === 'integer' || t.kind === 'long'
