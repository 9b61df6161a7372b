import { Expr, StringType, type DataType, type StructType } from '@sluice/shared'
import { Column, col, column, expr, lit, literalExpr } from '../column/index.js'

/**
 * PySpark's `pyspark.sql.functions` in TypeScript. Each function builds a `Column`
 * over a Spark-named `Call` expression; nothing is evaluated here. Parameters typed
 * `ColumnOrName` take a Column or a column name (as PySpark: a string is a column
 * name); parameters typed as plain values (`pattern: string`, `scale: number`) are
 * literals, as in PySpark's signatures.
 */
export type ColumnOrName = Column | string

export { col, column, expr, lit }
export * from './higher-order.js'

const ref = (x: ColumnOrName): Expr => (typeof x === 'string' ? col(x).expr : x.expr)
const value = (x: unknown): Expr => (x instanceof Column ? x.expr : literalExpr(x))
const call = (name: string, ...args: Expr[]): Column => new Column(Expr.call(name, args))
const numberOrColumn = (x: ColumnOrName | number): Expr => (typeof x === 'number' ? literalExpr(x) : ref(x))
const aggregate = (name: string, distinct: boolean, ...args: Expr[]): Column => new Column(Expr.call(name, args, distinct))
const unary = (name: string) => (c: ColumnOrName): Column => call(name, ref(c))
const variadic = (name: string) => (...cols: ColumnOrName[]): Column => call(name, ...flattenArgs(cols).map(ref))
const flattenArgs = (cols: (ColumnOrName | ColumnOrName[])[]): ColumnOrName[] =>
  cols.length === 1 && Array.isArray(cols[0]) ? (cols[0] as ColumnOrName[]) : (cols as ColumnOrName[])

// ---- conditional ----

/**
 * A CASE WHEN column; chain `.when(...)` and `.otherwise(...)` on the result.
 * @example df.select(when(col('age').gt(18), 'adult').otherwise('minor').alias('group'))
 */
export function when(condition: Column, result: unknown): Column {
  return new Column(Expr.caseWhen([{ when: condition.expr, then: value(result) }]))
}
/** The first non-null argument. @example coalesce('nickname', 'name') */
export const coalesce = variadic('coalesce')
export const nvl = (col1: ColumnOrName, col2: ColumnOrName): Column => call('nvl', ref(col1), ref(col2))
export const ifnull = (col1: ColumnOrName, col2: ColumnOrName): Column => call('ifnull', ref(col1), ref(col2))
export const nvl2 = (col1: ColumnOrName, col2: ColumnOrName, col3: ColumnOrName): Column => call('nvl2', ref(col1), ref(col2), ref(col3))
export const nullif = (col1: ColumnOrName, col2: ColumnOrName): Column => call('nullif', ref(col1), ref(col2))
export const isnull = unary('isnull')
export const isnotnull = unary('isnotnull')
export const isnan = unary('isnan')
export const nanvl = (col1: ColumnOrName, col2: ColumnOrName): Column => call('nanvl', ref(col1), ref(col2))
export const greatest = variadic('greatest')
export const least = variadic('least')
export const assert_true = (c: ColumnOrName, errMsg?: Column | string): Column =>
  errMsg === undefined ? call('assert_true', ref(c)) : call('assert_true', ref(c), value(errMsg))
export const raise_error = (errMsg: Column | string): Column => call('raise_error', value(errMsg))

// ---- strings ----

/** Lower-case. @example df.select(lower('name')) */
export const lower = unary('lower')
/** Upper-case. @example df.select(upper(col('name')).alias('NAME')) */
export const upper = unary('upper')
export const lcase = unary('lcase')
export const ucase = unary('ucase')
/** Concatenates strings, binaries or arrays; null if any is null. @example concat('first', lit(' '), 'last') */
export const concat = variadic('concat')
/** Joins non-null values with a separator. @example concat_ws('-', 'year', 'month') */
export function concat_ws(sep: string, ...cols: ColumnOrName[]): Column {
  return call('concat_ws', literalExpr(sep), ...cols.map(ref))
}
/** 1-based substring. @example substring('name', 1, 3) */
export const substring = (str: ColumnOrName, pos: number, len: number): Column => call('substring', ref(str), literalExpr(pos), literalExpr(len))
export const substr = (str: ColumnOrName, pos: ColumnOrName, len?: ColumnOrName): Column =>
  len === undefined ? call('substr', ref(str), ref(pos)) : call('substr', ref(str), ref(pos), ref(len))
export const length = unary('length')
export const char_length = unary('char_length')
export const character_length = unary('character_length')
export const octet_length = unary('octet_length')
export const bit_length = unary('bit_length')
/** Removes spaces (or the given characters) from both ends. @example trim('name') */
export const trim = (c: ColumnOrName, trimChars?: string | Column): Column =>
  trimChars === undefined ? call('trim', ref(c)) : call('trim', ref(c), value(trimChars))
export const ltrim = (c: ColumnOrName, trimChars?: string | Column): Column =>
  trimChars === undefined ? call('ltrim', ref(c)) : call('ltrim', ref(c), value(trimChars))
export const rtrim = (c: ColumnOrName, trimChars?: string | Column): Column =>
  trimChars === undefined ? call('rtrim', ref(c)) : call('rtrim', ref(c), value(trimChars))
export const btrim = (str: ColumnOrName, trimChars?: ColumnOrName): Column =>
  trimChars === undefined ? call('btrim', ref(str)) : call('btrim', ref(str), ref(trimChars))
/** Left-pads to a length. @example lpad('id', 5, '0') */
export const lpad = (c: ColumnOrName, len: number, pad: string): Column => call('lpad', ref(c), literalExpr(len), literalExpr(pad))
export const rpad = (c: ColumnOrName, len: number, pad: string): Column => call('rpad', ref(c), literalExpr(len), literalExpr(pad))
/** Splits around regex matches. @example split('csv', ',') */
export const split = (str: ColumnOrName, pattern: string, limit = -1): Column => call('split', ref(str), literalExpr(pattern), literalExpr(limit))
/** A regex group of the first match. @example regexp_extract('s', '(\\d+)-(\\d+)', 1) */
export const regexp_extract = (str: ColumnOrName, pattern: string, idx: number): Column =>
  call('regexp_extract', ref(str), literalExpr(pattern), literalExpr(idx))
export const regexp_extract_all = (str: ColumnOrName, regexp: ColumnOrName, idx?: number | Column): Column =>
  idx === undefined ? call('regexp_extract_all', ref(str), ref(regexp)) : call('regexp_extract_all', ref(str), ref(regexp), value(idx))
/** Replaces every regex match (Java `$1` references). @example regexp_replace('s', '\\d+', '#') */
export const regexp_replace = (string: ColumnOrName, pattern: string | Column, replacement: string | Column): Column =>
  call('regexp_replace', ref(string), value(pattern), value(replacement))
export const regexp_like = (str: ColumnOrName, regexp: ColumnOrName): Column => call('regexp_like', ref(str), ref(regexp))
export const regexp = (str: ColumnOrName, regexp: ColumnOrName): Column => call('regexp', ref(str), ref(regexp))
export const rlike = (str: ColumnOrName, regexp: ColumnOrName): Column => call('rlike', ref(str), ref(regexp))
export const regexp_count = (str: ColumnOrName, regexp: ColumnOrName): Column => call('regexp_count', ref(str), ref(regexp))
export const regexp_substr = (str: ColumnOrName, regexp: ColumnOrName): Column => call('regexp_substr', ref(str), ref(regexp))
export const regexp_instr = (str: ColumnOrName, regexp: ColumnOrName, idx?: number | Column): Column =>
  idx === undefined ? call('regexp_instr', ref(str), ref(regexp)) : call('regexp_instr', ref(str), ref(regexp), value(idx))
export const instr = (str: ColumnOrName, substr: string): Column => call('instr', ref(str), literalExpr(substr))
export const locate = (substr: string, str: ColumnOrName, pos = 1): Column => call('locate', literalExpr(substr), ref(str), literalExpr(pos))
export const position = (substr: ColumnOrName, str: ColumnOrName, start?: ColumnOrName): Column =>
  start === undefined ? call('position', ref(substr), ref(str)) : call('position', ref(substr), ref(str), ref(start))
export const replace = (src: ColumnOrName, search: ColumnOrName, replacement?: ColumnOrName): Column =>
  replacement === undefined ? call('replace', ref(src), ref(search)) : call('replace', ref(src), ref(search), ref(replacement))
export const reverse = unary('reverse')
export const repeat = (c: ColumnOrName, n: number | Column): Column => call('repeat', ref(c), value(n))
export const initcap = unary('initcap')
export const ascii = unary('ascii')
export const char = unary('char')
export const chr = unary('chr')
export const translate = (srcCol: ColumnOrName, matching: string, replacement: string): Column =>
  call('translate', ref(srcCol), literalExpr(matching), literalExpr(replacement))
export const left = (str: ColumnOrName, len: ColumnOrName): Column => call('left', ref(str), ref(len))
export const right = (str: ColumnOrName, len: ColumnOrName): Column => call('right', ref(str), ref(len))
export const startswith = (str: ColumnOrName, prefix: ColumnOrName): Column => call('startswith', ref(str), ref(prefix))
export const endswith = (str: ColumnOrName, suffix: ColumnOrName): Column => call('endswith', ref(str), ref(suffix))
export const contains = (left: ColumnOrName, right: ColumnOrName): Column => call('contains', ref(left), ref(right))
export const split_part = (src: ColumnOrName, delimiter: ColumnOrName, partNum: ColumnOrName): Column =>
  call('split_part', ref(src), ref(delimiter), ref(partNum))
export const elt = variadic('elt')
export const luhn_check = unary('luhn_check')
export const quote = unary('quote')
export const space = unary('space')
export const format_number = (c: ColumnOrName, d: number): Column => call('format_number', ref(c), literalExpr(d))
export const uuid = (): Column => call('uuid')
export const substring_index = (str: ColumnOrName, delim: string, count: number): Column =>
  call('substring_index', ref(str), literalExpr(delim), literalExpr(count))
export const levenshtein = (left: ColumnOrName, right: ColumnOrName, threshold?: number): Column =>
  threshold === undefined ? call('levenshtein', ref(left), ref(right)) : call('levenshtein', ref(left), ref(right), literalExpr(threshold))
export const soundex = unary('soundex')
export const overlay = (src: ColumnOrName, replacement: ColumnOrName, pos: ColumnOrName | number, len: ColumnOrName | number = -1): Column =>
  call('overlay', ref(src), ref(replacement), numberOrColumn(pos), numberOrColumn(len))
/** Java-style formatting. @example format_string('%s: %.2f', 'name', 'score') */
export const format_string = (format: string, ...cols: ColumnOrName[]): Column => call('format_string', literalExpr(format), ...cols.map(ref))
export const printf = (format: ColumnOrName, ...cols: ColumnOrName[]): Column => call('printf', ref(format), ...cols.map(ref))
/** Spark's Murmur3 hash of the columns (same values as Spark). @example hash('user', 'device') */
export const hash = variadic('hash')
export const hex = unary('hex')
export const unhex = unary('unhex')
export const base64 = unary('base64')
export const unbase64 = unary('unbase64')
export const md5 = unary('md5')
export const sha1 = unary('sha1')
export const sha = unary('sha')
export const sha2 = (c: ColumnOrName, numBits: number): Column => call('sha2', ref(c), literalExpr(numBits))
export const crc32 = unary('crc32')
export const encode = (c: ColumnOrName, charset: string): Column => call('encode', ref(c), literalExpr(charset))
export const decode = (c: ColumnOrName, charset: string): Column => call('decode', ref(c), literalExpr(charset))
export const to_binary = (c: ColumnOrName, format?: ColumnOrName): Column =>
  format === undefined ? call('to_binary', ref(c)) : call('to_binary', ref(c), ref(format))
export const try_to_binary = (c: ColumnOrName, format?: ColumnOrName): Column =>
  format === undefined ? call('try_to_binary', ref(c)) : call('try_to_binary', ref(c), ref(format))
/** Parses text by a number format to a decimal. @example to_number('amount', lit('$99.99')) */
export const to_number = (c: ColumnOrName, format: ColumnOrName): Column => call('to_number', ref(c), ref(format))
export const try_to_number = (c: ColumnOrName, format: ColumnOrName): Column => call('try_to_number', ref(c), ref(format))
export const is_valid_utf8 = unary('is_valid_utf8')
export const make_valid_utf8 = unary('make_valid_utf8')
export const validate_utf8 = unary('validate_utf8')
export const try_validate_utf8 = unary('try_validate_utf8')

// ---- math ----

export const abs = unary('abs')
export const positive = unary('positive')
export const negative = unary('negative')
/** Rounds HALF_UP to `scale` decimals. @example round('price', 2) */
export const round = (c: ColumnOrName, scale = 0): Column => call('round', ref(c), literalExpr(scale))
export const bround = (c: ColumnOrName, scale = 0): Column => call('bround', ref(c), literalExpr(scale))
export const sqrt = unary('sqrt')
export const cbrt = unary('cbrt')
export const pow = (col1: ColumnOrName | number, col2: ColumnOrName | number): Column => call('pow', numberOrColumn(col1), numberOrColumn(col2))
export const power = (col1: ColumnOrName | number, col2: ColumnOrName | number): Column => call('power', numberOrColumn(col1), numberOrColumn(col2))
export const exp = unary('exp')
export const expm1 = unary('expm1')
export const ln = unary('ln')
/** Natural log, or `log(base, col)`. @example log(10, 'x') */
export function log(arg1: ColumnOrName | number, arg2?: ColumnOrName): Column {
  return arg2 === undefined ? call('ln', numberOrColumn(arg1)) : call('log', numberOrColumn(arg1), ref(arg2))
}
export const log10 = unary('log10')
export const log2 = unary('log2')
export const log1p = unary('log1p')
export const floor = unary('floor')
export const ceil = unary('ceil')
export const ceiling = unary('ceiling')
export const signum = unary('signum')
export const sign = unary('sign')
export const mod = (dividend: ColumnOrName | number, divisor: ColumnOrName | number): Column => call('mod', numberOrColumn(dividend), numberOrColumn(divisor))
export const pmod = (dividend: ColumnOrName | number, divisor: ColumnOrName | number): Column => call('pmod', numberOrColumn(dividend), numberOrColumn(divisor))
/** Spark's monotonically_increasing_id(): (partition index << 33) + position in the partition; not allowed on a stream. */
export const monotonically_increasing_id = (): Column => call('monotonically_increasing_id')
export const rand = (seed?: number): Column => (seed === undefined ? call('rand') : call('rand', literalExpr(BigInt(seed))))
export const randn = (seed?: number): Column => (seed === undefined ? call('randn') : call('randn', literalExpr(BigInt(seed))))
export const pi = (): Column => call('pi')
export const e = (): Column => call('e')
export const hypot = (col1: ColumnOrName | number, col2: ColumnOrName | number): Column => call('hypot', numberOrColumn(col1), numberOrColumn(col2))
export const atan2 = (col1: ColumnOrName | number, col2: ColumnOrName | number): Column => call('atan2', numberOrColumn(col1), numberOrColumn(col2))
export const degrees = unary('degrees')
export const radians = unary('radians')
export const rint = unary('rint')
export const sin = unary('sin')
export const cos = unary('cos')
export const tan = unary('tan')
export const asin = unary('asin')
export const acos = unary('acos')
export const atan = unary('atan')
export const sinh = unary('sinh')
export const cosh = unary('cosh')
export const tanh = unary('tanh')
export const cot = unary('cot')
export const factorial = unary('factorial')
export const bin = unary('bin')
/** `a + b` with null instead of an overflow error. @example try_add('a', 'b') */
export const try_add = (left: ColumnOrName, right: ColumnOrName): Column => call('try_add', ref(left), ref(right))
export const try_subtract = (left: ColumnOrName, right: ColumnOrName): Column => call('try_subtract', ref(left), ref(right))
export const try_multiply = (left: ColumnOrName, right: ColumnOrName): Column => call('try_multiply', ref(left), ref(right))
/** `a / b` with null for a zero divisor. @example try_divide('total', 'count') */
export const try_divide = (left: ColumnOrName, right: ColumnOrName): Column => call('try_divide', ref(left), ref(right))
export const try_mod = (left: ColumnOrName, right: ColumnOrName): Column => call('try_mod', ref(left), ref(right))
export const conv = (c: ColumnOrName, fromBase: number, toBase: number): Column => call('conv', ref(c), literalExpr(fromBase), literalExpr(toBase))

// ---- date and time ----

/** The query's (micro-batch's) start time. @example df.withColumn('ingested', current_timestamp()) */
export const current_timestamp = (): Column => call('current_timestamp')
export const now = (): Column => call('now')
export const current_date = (): Column => call('current_date')
export const curdate = (): Column => call('curdate')
export const current_timezone = (): Column => call('current_timezone')
export const localtimestamp = (): Column => call('localtimestamp')
/** Parses text with a Spark datetime pattern. @example to_timestamp('ts', 'yyyy-MM-dd HH:mm:ss') */
export const to_timestamp = (c: ColumnOrName, format?: string): Column =>
  format === undefined ? call('to_timestamp', ref(c)) : call('to_timestamp', ref(c), literalExpr(format))
export const to_date = (c: ColumnOrName, format?: string): Column =>
  format === undefined ? call('to_date', ref(c)) : call('to_date', ref(c), literalExpr(format))
/** Formats a timestamp. @example date_format('ts', 'yyyy-MM-dd') */
export const try_to_timestamp = (c: ColumnOrName, format?: ColumnOrName): Column =>
  format === undefined ? call('try_to_timestamp', ref(c)) : call('try_to_timestamp', ref(c), ref(format))
export const date_format = (date: ColumnOrName, format: string): Column => call('date_format', ref(date), literalExpr(format))
export const dayname = unary('dayname')
export const monthname = unary('monthname')
export const make_timestamp = (years: ColumnOrName, months: ColumnOrName, days: ColumnOrName, hours: ColumnOrName, mins: ColumnOrName, secs: ColumnOrName, timezone?: ColumnOrName): Column =>
  timezone === undefined
    ? call('make_timestamp', ref(years), ref(months), ref(days), ref(hours), ref(mins), ref(secs))
    : call('make_timestamp', ref(years), ref(months), ref(days), ref(hours), ref(mins), ref(secs), ref(timezone))
export const to_timestamp_ntz = (timestamp: ColumnOrName, format?: ColumnOrName): Column =>
  format === undefined ? call('to_timestamp_ntz', ref(timestamp)) : call('to_timestamp_ntz', ref(timestamp), ref(format))
export const to_timestamp_ltz = (timestamp: ColumnOrName, format?: ColumnOrName): Column =>
  format === undefined ? call('to_timestamp_ltz', ref(timestamp)) : call('to_timestamp_ltz', ref(timestamp), ref(format))
export const year = unary('year')
export const month = unary('month')
export const dayofmonth = unary('dayofmonth')
export const day = unary('day')
export const dayofweek = unary('dayofweek')
export const weekday = unary('weekday')
export const dayofyear = unary('dayofyear')
export const weekofyear = unary('weekofyear')
export const quarter = unary('quarter')
export const hour = unary('hour')
export const minute = unary('minute')
export const second = unary('second')
export function unix_timestamp(timestamp?: ColumnOrName, format = 'yyyy-MM-dd HH:mm:ss'): Column {
  return timestamp === undefined ? call('unix_timestamp') : call('unix_timestamp', ref(timestamp), literalExpr(format))
}
export const to_unix_timestamp = (timestamp: ColumnOrName, format?: ColumnOrName): Column =>
  format === undefined ? call('to_unix_timestamp', ref(timestamp)) : call('to_unix_timestamp', ref(timestamp), ref(format))
export const from_unixtime = (timestamp: ColumnOrName, format = 'yyyy-MM-dd HH:mm:ss'): Column =>
  call('from_unixtime', ref(timestamp), literalExpr(format))
export const timestamp_seconds = unary('timestamp_seconds')
export const timestamp_millis = unary('timestamp_millis')
export const timestamp_micros = unary('timestamp_micros')
export const unix_seconds = unary('unix_seconds')
export const unix_millis = unary('unix_millis')
export const unix_micros = unary('unix_micros')
export const unix_date = unary('unix_date')
export const date_from_unix_date = unary('date_from_unix_date')
export const date_add = (start: ColumnOrName, days: ColumnOrName | number): Column => call('date_add', ref(start), numberOrColumn(days))
export const date_sub = (start: ColumnOrName, days: ColumnOrName | number): Column => call('date_sub', ref(start), numberOrColumn(days))
export const datediff = (end: ColumnOrName, start: ColumnOrName): Column => call('datediff', ref(end), ref(start))
export const add_months = (start: ColumnOrName, months: ColumnOrName | number): Column => call('add_months', ref(start), numberOrColumn(months))
export const months_between = (date1: ColumnOrName, date2: ColumnOrName, roundOff = true): Column =>
  call('months_between', ref(date1), ref(date2), literalExpr(roundOff))
export const last_day = unary('last_day')
export const next_day = (date: ColumnOrName, dayOfWeek: string): Column => call('next_day', ref(date), literalExpr(dayOfWeek))
export const date_trunc = (format: string, timestamp: ColumnOrName): Column => call('date_trunc', literalExpr(format), ref(timestamp))
export const trunc = (date: ColumnOrName, format: string): Column => call('trunc', ref(date), literalExpr(format))
export const make_date = (yearCol: ColumnOrName, monthCol: ColumnOrName, dayCol: ColumnOrName): Column =>
  call('make_date', ref(yearCol), ref(monthCol), ref(dayCol))
/** The given arguments up to the first one left out (Spark fills the rest with 0). */
const leading = (args: readonly (ColumnOrName | undefined)[]): Expr[] => {
  const end = args.indexOf(undefined)
  return (end < 0 ? args : args.slice(0, end)).map((a) => ref(a!))
}
/** A calendar interval from its fields (missing ones 0). @example make_interval('y', 'm') */
export const make_interval = (years?: ColumnOrName, months?: ColumnOrName, weeks?: ColumnOrName, days?: ColumnOrName,
  hours?: ColumnOrName, mins?: ColumnOrName, secs?: ColumnOrName): Column =>
  call('make_interval', ...leading([years, months, weeks, days, hours, mins, secs]))
/** An INTERVAL DAY TO SECOND from days, hours, minutes and seconds (missing ones 0). @example make_dt_interval('d', lit(12)) */
export const make_dt_interval = (days?: ColumnOrName, hours?: ColumnOrName, mins?: ColumnOrName, secs?: ColumnOrName): Column =>
  call('make_dt_interval', ...leading([days, hours, mins, secs]))
/** An INTERVAL YEAR TO MONTH from years and months (missing ones 0). @example make_ym_interval('y', 'm') */
export const make_ym_interval = (years?: ColumnOrName, months?: ColumnOrName): Column => call('make_ym_interval', ...leading([years, months]))
/** A TIME(6) from hour, minute and (fractional) second. @example make_time('h', 'm', 's') */
export const make_time = (hour: ColumnOrName, minute: ColumnOrName, second: ColumnOrName): Column =>
  call('make_time', ref(hour), ref(minute), ref(second))
/** The query's current time of day, TIME(precision) (6 by default). @example current_time() */
export const current_time = (precision?: number): Column =>
  precision === undefined ? call('current_time') : call('current_time', literalExpr(precision))
/** Text as a TIME(6), with an optional datetime pattern; CANNOT_PARSE_TIME when it is none. @example to_time('t', lit('HH.mm')) */
export const to_time = (str: ColumnOrName, format?: ColumnOrName): Column =>
  format === undefined ? call('to_time', ref(str)) : call('to_time', ref(str), ref(format))
/** `to_time` that gives null for text that is no time. @example try_to_time('t') */
export const try_to_time = (str: ColumnOrName, format?: ColumnOrName): Column =>
  format === undefined ? call('try_to_time', ref(str)) : call('try_to_time', ref(str), ref(format))
/** A TIME truncated to HOUR, MINUTE, SECOND, MILLISECOND or MICROSECOND. @example time_trunc('MINUTE', 't') */
export const time_trunc = (unit: string, time: ColumnOrName): Column => call('time_trunc', literalExpr(unit), ref(time))
/** Whole units (HOUR ... MICROSECOND) from one TIME to another, a BIGINT. @example time_diff('SECOND', 'start', 'end') */
export const time_diff = (unit: string, start: ColumnOrName, end: ColumnOrName): Column =>
  call('time_diff', literalExpr(unit), ref(start), ref(end))
export const from_utc_timestamp = (timestamp: ColumnOrName, tz: string | Column): Column => call('from_utc_timestamp', ref(timestamp), value(tz))
export const to_utc_timestamp = (timestamp: ColumnOrName, tz: string | Column): Column => call('to_utc_timestamp', ref(timestamp), value(tz))

/**
 * Event-time windows `[start, end)` as struct<start, end>: tumbling, or sliding with
 * `slideDuration`; `startTime` offsets the windows.
 * @example df.groupBy(window('eventTime', '10 minutes', '5 minutes'), 'device').count()
 */
export function window(timeColumn: ColumnOrName, windowDuration: string, slideDuration?: string, startTime?: string): Column {
  const args = [ref(timeColumn), literalExpr(windowDuration)]
  if (slideDuration !== undefined || startTime !== undefined) args.push(literalExpr(slideDuration ?? windowDuration))
  if (startTime !== undefined) args.push(literalExpr(startTime))
  return call('window', ...args)
}

/**
 * Session windows closed after `gapDuration` without events (a duration string or a
 * per-row Column).
 * @example df.groupBy(session_window('eventTime', '5 minutes'), 'user').count()
 */
export const session_window = (timeColumn: ColumnOrName, gapDuration: string | Column): Column =>
  call('session_window', ref(timeColumn), value(gapDuration))
export const window_time = unary('window_time')
/** A field of a date or timestamp (`YEAR`, `MONTH`, `HOUR`, `SECOND`, ...). @example extract(lit('YEAR'), 'ts') */
export const extract = (field: ColumnOrName, source: ColumnOrName): Column => call('extract', ref(field), ref(source))
export const date_part = (field: ColumnOrName, source: ColumnOrName): Column => call('date_part', ref(field), ref(source))
export const datepart = date_part

// ---- collections and structs ----

/** An array of the columns. @example array('x', 'y', 'z') */
export const array = variadic('array')
export const array_contains = (c: ColumnOrName, element: unknown): Column => call('array_contains', ref(c), value(element))
export const size = unary('size')
export const cardinality = unary('cardinality')
export const array_size = unary('array_size')
/** 1-based array element (negative from the end) or map value. @example element_at('tags', 1) */
export const element_at = (c: ColumnOrName, extraction: unknown): Column => call('element_at', ref(c), value(extraction))
export const try_element_at = (c: ColumnOrName, extraction: unknown): Column => call('try_element_at', ref(c), value(extraction))
export const get = (c: ColumnOrName, index: ColumnOrName | number): Column => call('get', ref(c), numberOrColumn(index))
export const sort_array = (c: ColumnOrName, asc = true): Column => call('sort_array', ref(c), literalExpr(asc))
export const array_distinct = unary('array_distinct')
export const array_join = (c: ColumnOrName, delimiter: string, nullReplacement?: string): Column =>
  nullReplacement === undefined ? call('array_join', ref(c), literalExpr(delimiter)) : call('array_join', ref(c), literalExpr(delimiter), literalExpr(nullReplacement))
export const array_max = unary('array_max')
export const array_min = unary('array_min')
export const array_position = (c: ColumnOrName, element: unknown): Column => call('array_position', ref(c), value(element))
export const array_remove = (c: ColumnOrName, element: unknown): Column => call('array_remove', ref(c), value(element))
export const array_union = (col1: ColumnOrName, col2: ColumnOrName): Column => call('array_union', ref(col1), ref(col2))
export const array_intersect = (col1: ColumnOrName, col2: ColumnOrName): Column => call('array_intersect', ref(col1), ref(col2))
export const array_except = (col1: ColumnOrName, col2: ColumnOrName): Column => call('array_except', ref(col1), ref(col2))
export const arrays_overlap = (a1: ColumnOrName, a2: ColumnOrName): Column => call('arrays_overlap', ref(a1), ref(a2))
export const array_append = (c: ColumnOrName, element: unknown): Column => call('array_append', ref(c), value(element))
export const array_prepend = (c: ColumnOrName, element: unknown): Column => call('array_prepend', ref(c), value(element))
export const array_compact = unary('array_compact')
export const array_insert = (arr: ColumnOrName, pos: ColumnOrName | number, element: unknown): Column =>
  call('array_insert', ref(arr), numberOrColumn(pos), value(element))
export const array_repeat = (c: ColumnOrName, count: ColumnOrName | number): Column => call('array_repeat', ref(c), numberOrColumn(count))
export const arrays_zip = variadic('arrays_zip')
export const flatten = unary('flatten')
export const slice = (x: ColumnOrName, start: ColumnOrName | number, len: ColumnOrName | number): Column =>
  call('slice', ref(x), numberOrColumn(start), numberOrColumn(len))
export const sequence = (start: ColumnOrName, stop: ColumnOrName, step?: ColumnOrName): Column =>
  step === undefined ? call('sequence', ref(start), ref(stop)) : call('sequence', ref(start), ref(stop), ref(step))
/** A map from alternating key and value columns. @example create_map(lit('a'), 'x') */
export const create_map = variadic('map')
export const map_from_arrays = (col1: ColumnOrName, col2: ColumnOrName): Column => call('map_from_arrays', ref(col1), ref(col2))
export const map_keys = unary('map_keys')
export const map_values = unary('map_values')
export const map_entries = unary('map_entries')
export const map_contains_key = (c: ColumnOrName, key: unknown): Column => call('map_contains_key', ref(c), value(key))
/** A struct of the columns (fields named after them). @example struct('city', 'country') */
export const struct = variadic('struct')
export const named_struct = (...cols: ColumnOrName[]): Column => call('named_struct', ...cols.map(ref))
/** Extracts a JSON value by JSONPath (`$.a.b[0]`). @example get_json_object('json', '$.device') */
export const get_json_object = (c: ColumnOrName, path: string): Column => call('get_json_object', ref(c), literalExpr(path))
export const json_tuple = (c: ColumnOrName, ...fields: string[]): Column => call('json_tuple', ref(c), ...fields.map((f) => literalExpr(f)))

/** Options map literal for from_json / to_json: `map('k1', 'v1', ...)`. */
function optionsExpr(options: Record<string, string>): Expr {
  return Expr.call('map', Object.entries(options).flatMap(([k, v]) => [Expr.literal(k, StringType), Expr.literal(String(v), StringType)]))
}

/**
 * Parses a JSON string column with a schema (DDL string, StructType or a Column).
 * @example from_json('value', 'device STRING, temp DOUBLE')
 */
export function from_json(c: ColumnOrName, schema: string | StructType | DataType | Column, options?: Record<string, string>): Column {
  const schemaExpr = schema instanceof Column ? schema.expr
    : typeof schema === 'string' ? Expr.literal(schema, StringType)
      : Expr.literal(JSON.stringify(schema), StringType)
  return options === undefined ? call('from_json', ref(c), schemaExpr) : call('from_json', ref(c), schemaExpr, optionsExpr(options))
}
/** Renders a struct, array or map as JSON text. @example to_json(struct('*')) */
export const to_json = (c: ColumnOrName, options?: Record<string, string>): Column =>
  options === undefined ? call('to_json', ref(c)) : call('to_json', ref(c), optionsExpr(options))
export const schema_of_json = (json: string | Column): Column => call('schema_of_json', value(json))

/** Decodes an Avro binary payload with a JSON Avro schema (spark-avro's from_avro). @example from_avro('value', schemaJson) */
export const from_avro = (data: ColumnOrName, jsonFormatSchema: string): Column => call('from_avro', ref(data), Expr.literal(jsonFormatSchema, StringType))
/** Encodes a column as Avro binary (spark-avro's to_avro), with spark-avro's schema unless one is given. */
export const to_avro = (data: ColumnOrName, jsonFormatSchema?: string): Column =>
  jsonFormatSchema === undefined ? call('to_avro', ref(data)) : call('to_avro', ref(data), Expr.literal(jsonFormatSchema, StringType))

/** One row per element (a generator; the planner expands it). @example df.select(explode('tags').alias('tag')) */
export const explode = unary('explode')
export const explode_outer = unary('explode_outer')
export const posexplode = unary('posexplode')
export const posexplode_outer = unary('posexplode_outer')
export const inline = unary('inline')

// ---- aggregates ----

/**
 * Counts rows (`count('*')` or `count(lit(1))`) or non-null values of a column.
 * @example df.groupBy('gt').agg(count('*').alias('n'))
 */
export const count = (c: ColumnOrName): Column => aggregate('count', false, ref(c))
/** Counts distinct non-null tuples. @example countDistinct('user') */
export const count_distinct = (c: ColumnOrName, ...cols: ColumnOrName[]): Column => aggregate('count', true, ref(c), ...cols.map(ref))
export const countDistinct = count_distinct
export const count_if = (c: ColumnOrName): Column => aggregate('count_if', false, ref(c))
/** Sum of non-null values. @example df.groupBy('k').agg(sum('x')) */
export const sum = (c: ColumnOrName): Column => aggregate('sum', false, ref(c))
export const sum_distinct = (c: ColumnOrName): Column => aggregate('sum', true, ref(c))
export const sumDistinct = sum_distinct
/** Mean of non-null values. @example avg('temperature') */
export const avg = (c: ColumnOrName): Column => aggregate('avg', false, ref(c))
export const mean = (c: ColumnOrName): Column => aggregate('mean', false, ref(c))
export const min = (c: ColumnOrName): Column => aggregate('min', false, ref(c))
export const max = (c: ColumnOrName): Column => aggregate('max', false, ref(c))
export const min_by = (c: ColumnOrName, ord: ColumnOrName): Column => aggregate('min_by', false, ref(c), ref(ord))
export const max_by = (c: ColumnOrName, ord: ColumnOrName): Column => aggregate('max_by', false, ref(c), ref(ord))
/** Spark names `first(x)` without the flag when it is false, so the flag is only passed when true. */
const withIgnoreNulls = (name: string, c: ColumnOrName, ignoreNulls: boolean): Column =>
  ignoreNulls ? aggregate(name, false, ref(c), literalExpr(true)) : aggregate(name, false, ref(c))
/** The first value of a group (with ignorenulls, the first non-null). @example first('reading', true) */
export const first = (c: ColumnOrName, ignorenulls = false): Column => withIgnoreNulls('first', c, ignorenulls)
export const last = (c: ColumnOrName, ignorenulls = false): Column => withIgnoreNulls('last', c, ignorenulls)
export const first_value = (c: ColumnOrName, ignoreNulls = false): Column => withIgnoreNulls('first_value', c, ignoreNulls)
export const last_value = (c: ColumnOrName, ignoreNulls = false): Column => withIgnoreNulls('last_value', c, ignoreNulls)
export const any_value = (c: ColumnOrName, ignoreNulls = false): Column => withIgnoreNulls('any_value', c, ignoreNulls)
export const collect_list = (c: ColumnOrName): Column => aggregate('collect_list', false, ref(c))
export const array_agg = (c: ColumnOrName): Column => aggregate('array_agg', false, ref(c))
export const collect_set = (c: ColumnOrName): Column => aggregate('collect_set', false, ref(c))
/** Approximate distinct count (HyperLogLog; exact for small sets). @example approx_count_distinct('user', 0.05) */
export const approx_count_distinct = (c: ColumnOrName, rsd?: number): Column =>
  rsd === undefined ? aggregate('approx_count_distinct', false, ref(c)) : aggregate('approx_count_distinct', false, ref(c), literalExpr(rsd))
export const approxCountDistinct = approx_count_distinct
export const stddev = (c: ColumnOrName): Column => aggregate('stddev', false, ref(c))
export const std = (c: ColumnOrName): Column => aggregate('std', false, ref(c))
export const stddev_samp = (c: ColumnOrName): Column => aggregate('stddev_samp', false, ref(c))
export const stddev_pop = (c: ColumnOrName): Column => aggregate('stddev_pop', false, ref(c))
export const variance = (c: ColumnOrName): Column => aggregate('variance', false, ref(c))
export const var_samp = (c: ColumnOrName): Column => aggregate('var_samp', false, ref(c))
export const var_pop = (c: ColumnOrName): Column => aggregate('var_pop', false, ref(c))
/** Approximate percentile(s) of a column. @example percentile_approx('latency', 0.99) */
export function percentile_approx(c: ColumnOrName, percentage: number | number[] | Column, accuracy = 10000): Column {
  return aggregate('percentile_approx', false, ref(c), value(percentage), literalExpr(accuracy))
}
export const approx_percentile = (c: ColumnOrName, percentage: number | number[] | Column, accuracy = 10000): Column =>
  aggregate('approx_percentile', false, ref(c), value(percentage), literalExpr(accuracy))
export const percentile = (c: ColumnOrName, percentage: number | number[] | Column): Column =>
  aggregate('percentile', false, ref(c), value(percentage))
export const median = (c: ColumnOrName): Column => aggregate('median', false, ref(c))
export const covar_pop = (col1: ColumnOrName, col2: ColumnOrName): Column => aggregate('covar_pop', false, ref(col1), ref(col2))
export const covar_samp = (col1: ColumnOrName, col2: ColumnOrName): Column => aggregate('covar_samp', false, ref(col1), ref(col2))
export const corr = (col1: ColumnOrName, col2: ColumnOrName): Column => aggregate('corr', false, ref(col1), ref(col2))
export const skewness = (c: ColumnOrName): Column => aggregate('skewness', false, ref(c))
export const kurtosis = (c: ColumnOrName): Column => aggregate('kurtosis', false, ref(c))
export const product = (c: ColumnOrName): Column => aggregate('product', false, ref(c))
export const bit_and = (c: ColumnOrName): Column => aggregate('bit_and', false, ref(c))
export const bit_or = (c: ColumnOrName): Column => aggregate('bit_or', false, ref(c))
export const bit_xor = (c: ColumnOrName): Column => aggregate('bit_xor', false, ref(c))
export const mode = (c: ColumnOrName): Column => aggregate('mode', false, ref(c))
export const bool_and = (c: ColumnOrName): Column => aggregate('bool_and', false, ref(c))
export const every = (c: ColumnOrName): Column => aggregate('every', false, ref(c))
export const bool_or = (c: ColumnOrName): Column => aggregate('bool_or', false, ref(c))
export const some = (c: ColumnOrName): Column => aggregate('some', false, ref(c))
