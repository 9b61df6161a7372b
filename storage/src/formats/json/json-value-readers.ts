import {
  castStringToDayTime,
  castStringToYearMonth,
  dateStringToDays,
  decimalFitsPrecision,
  IntervalFormatError,
  parseTime,
  truncateTime,
  parseDecimal,
  timestampNtzStringToMicros,
  timestampStringToMicros,
  type DataType,
  type StructType,
} from '@sluice/shared'
import { JSON_CHARS, JsonScanner, jsonTokenName } from './json-scanner.js'

const { QUOTE, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, COLON, COMMA, MINUS, DIGIT_0, DIGIT_9, LOWER_T, LOWER_F, LOWER_N } =
  JSON_CHARS

/** Reads one non-null JSON value at the scanner's position as the internal value of a type. */
export type ValueReader = () => unknown

/** The first value of a record that could not be converted to its field's type. */
export interface FieldMismatch {
  readonly field: string
  readonly position: number
  readonly reason: string
}

/**
 * What readers share while parsing one record: the scanner and the first type
 * mismatch. A mismatch does not stop the record (Spark keeps the other fields as
 * a partial result) but makes it malformed.
 */
export class JsonParseState {
  readonly scanner = new JsonScanner()
  mismatch: FieldMismatch | undefined = undefined

  constructor(
    readonly timeZone: string,
    /** Set from option `timestampFormat`: then the only accepted form (Spark drops its fallback). */
    readonly timestampPattern?: (text: string) => number | null,
    /** Set from option `dateFormat`. */
    readonly datePattern?: (text: string) => number | null,
  ) {}

  /** Records a mismatch for the value at the current position, skips it and yields null. */
  mismatchAndSkip(field: string, dataType: DataType): null {
    const scanner = this.scanner
    const start = scanner.pos
    const token = jsonTokenName(scanner.peek())
    scanner.skipValue()
    if (this.mismatch === undefined) {
      const value = scanner.text.slice(start, scanner.pos)
      this.mismatch = {
        field,
        position: start,
        reason: `Cannot parse the field name '${field}' and the value ${value} of the JSON token type ${token} ` +
          `to target Spark data type "${typeLabel(dataType)}"`,
      }
    }
    return null
  }
}

function typeLabel(dataType: DataType): string {
  switch (dataType.kind) {
    case 'decimal': return `DECIMAL(${dataType.precision},${dataType.scale})`
    case 'long': return 'BIGINT'
    case 'integer': return 'INT'
    case 'byte': return 'TINYINT'
    case 'short': return 'SMALLINT'
    default: return dataType.kind.toUpperCase()
  }
}

const MIN_LONG = -(2n ** 63n)
const MAX_LONG = 2n ** 63n - 1n

/** Reads the value at the scanner's position (after whitespace), `null` for a JSON null. */
export function readNullable(state: JsonParseState, reader: ValueReader): unknown {
  const scanner = state.scanner
  if (scanner.peek() === LOWER_N) {
    scanner.expectLiteral('null')
    return null
  }
  return reader()
}

/**
 * Compiles a reader for `dataType`, following Spark's JacksonParser conversions:
 * numbers of the right kind for numeric types (an integer for integral types, in
 * range), any value as its JSON text for STRING, strings for dates and timestamps
 * (integers are epoch seconds for TIMESTAMP), strings 'NaN'/'Infinity' for
 * doubles, base64 for BINARY. Anything else is a mismatch (a malformed record).
 */
export function compileValueReader(state: JsonParseState, dataType: DataType, field: string): ValueReader {
  const scanner = state.scanner
  const mismatch = (): null => state.mismatchAndSkip(field, dataType)
  switch (dataType.kind) {
    case 'boolean':
      return () => {
        const c = scanner.peek()
        if (c === LOWER_T) { scanner.expectLiteral('true'); return true }
        if (c === LOWER_F) { scanner.expectLiteral('false'); return false }
        return mismatch()
      }
    case 'byte':
    case 'short':
    case 'integer': {
      const limit = dataType.kind === 'byte' ? 0x80 : dataType.kind === 'short' ? 0x8000 : 0x80000000
      return () => {
        const c = scanner.peek()
        if (c !== MINUS && (c < DIGIT_0 || c > DIGIT_9)) return mismatch()
        const start = scanner.pos
        const end = scanner.scanNumber()
        const value = Number(scanner.text.slice(start, end))
        if (!scanner.numberIsInteger || value < -limit || value >= limit) {
          scanner.pos = start
          return mismatch()
        }
        return value
      }
    }
    case 'long':
      return () => readLong(state, field, dataType)
    case 'float':
    case 'double': {
      const isFloat = dataType.kind === 'float'
      return () => {
        const c = scanner.peek()
        let value: number
        if (c === QUOTE) {
          const start = scanner.pos
          const special = specialDouble(scanner.readString())
          if (special === undefined) {
            scanner.pos = start
            return mismatch()
          }
          value = special
        } else if (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9)) {
          const start = scanner.pos
          if (c === MINUS && scanner.text.charCodeAt(start + 1) === 0x49) {
            value = scanner.readNonNumericNumber() ?? scanner.fail('invalid number')
          } else {
            value = readDouble(scanner)
          }
        } else {
          const special = scanner.readNonNumericNumber()
          if (special === undefined) return mismatch()
          value = special
        }
        return isFloat ? Math.fround(value) : value
      }
    }
    case 'decimal':
      return () => {
        const c = scanner.peek()
        const start = scanner.pos
        let text: string
        if (c === QUOTE) text = scanner.readString()
        else if (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9)) text = scanner.text.slice(start, scanner.scanNumber())
        else return mismatch()
        const unscaled = text.length === 0 ? null : parseDecimal(text, dataType.scale)
        if (unscaled === null || !decimalFitsPrecision(unscaled, dataType.precision)) {
          scanner.pos = start
          return mismatch()
        }
        return unscaled
      }
    case 'string':
      return () => {
        if (scanner.peek() === QUOTE) return scanner.readString()
        // Spark keeps the JSON text of a non-string value in a STRING field.
        const start = scanner.pos
        scanner.skipValue()
        return scanner.text.slice(start, scanner.pos)
      }
    case 'binary':
      return () => {
        if (scanner.peek() !== QUOTE) return mismatch()
        return new Uint8Array(Buffer.from(scanner.readString(), 'base64'))
      }
    case 'date':
      return () => {
        if (scanner.peek() !== QUOTE) return mismatch()
        const start = scanner.pos
        const text = scanner.readString()
        const days = text.length === 0 ? null : state.datePattern !== undefined ? state.datePattern(text) : dateStringToDays(text)
        if (days === null) { scanner.pos = start; return mismatch() }
        return days
      }
    case 'timestamp':
    case 'timestamp_ntz': {
      const ntz = dataType.kind === 'timestamp_ntz'
      return () => {
        const c = scanner.peek()
        const start = scanner.pos
        if (c === QUOTE) {
          const text = scanner.readString()
          const micros = text.length === 0 ? null
            : ntz ? timestampNtzStringToMicros(text)
            : state.timestampPattern !== undefined ? state.timestampPattern(text) : timestampStringToMicros(text, state.timeZone)
          if (micros === null) { scanner.pos = start; return mismatch() }
          return micros
        }
        if (!ntz && (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9))) {
          const seconds = Number(scanner.text.slice(start, scanner.scanNumber()))
          if (!scanner.numberIsInteger) { scanner.pos = start; return mismatch() }
          return seconds * 1_000_000
        }
        return mismatch()
      }
    }
    case 'null':
      return () => { scanner.skipValue(); return null }
    case 'array': {
      const elementReader = compileValueReader(state, dataType.elementType, `${field}[]`)
      return () => {
        if (scanner.peek() !== OPEN_BRACKET) return mismatch()
        scanner.pos++
        const values: unknown[] = []
        scanner.skipWhitespace()
        if (scanner.peek() === CLOSE_BRACKET) { scanner.pos++; return values }
        for (;;) {
          scanner.skipWhitespace()
          values.push(readNullable(state, elementReader))
          scanner.skipWhitespace()
          const next = scanner.peek()
          scanner.pos++
          if (next === COMMA) continue
          if (next === CLOSE_BRACKET) return values
          scanner.fail("expected ',' or ']'", scanner.pos - 1)
        }
      }
    }
    case 'map': {
      const valueReader = compileValueReader(state, dataType.valueType, `${field}{}`)
      return () => {
        if (scanner.peek() !== OPEN_BRACE) return mismatch()
        scanner.pos++
        const map = new Map<unknown, unknown>()
        scanner.skipWhitespace()
        if (scanner.peek() === CLOSE_BRACE) { scanner.pos++; return map }
        for (;;) {
          scanner.skipWhitespace()
          if (scanner.peek() !== QUOTE) scanner.fail('expected a field name')
          const key = scanner.readString()
          scanner.skipWhitespace()
          scanner.expect(COLON, "':'")
          scanner.skipWhitespace()
          map.set(key, readNullable(state, valueReader))
          scanner.skipWhitespace()
          const next = scanner.peek()
          scanner.pos++
          if (next === COMMA) continue
          if (next === CLOSE_BRACE) return map
          scanner.fail("expected ',' or '}'", scanner.pos - 1)
        }
      }
    }
    case 'struct': {
      const objectReader = compileObjectReader(state, dataType, undefined, `${field}.`)
      return () => {
        if (scanner.peek() !== OPEN_BRACE) return mismatch()
        const values = new Array<unknown>(dataType.fields.length).fill(null)
        objectReader(values)
        return values
      }
    }
    // Spark's JacksonParser reads ANSI intervals and TIME from strings, as a cast of the string.
    case 'year_month_interval': case 'day_time_interval': case 'time': {
      const parse = textParser(dataType)
      return () => {
        if (scanner.peek() !== QUOTE) return mismatch()
        const start = scanner.pos
        const value = parse(scanner.readString())
        if (value === null) { scanner.pos = start; return mismatch() }
        return value
      }
    }
    case 'interval':
      return mismatch
  }
}

/** Text to an ANSI interval or TIME value; null when the text is none. */
function textParser(dataType: DataType): (text: string) => unknown {
  switch (dataType.kind) {
    case 'time': return (text) => {
      const nanos = parseTime(text)
      return nanos === null ? null : truncateTime(nanos, dataType.precision)
    }
    case 'year_month_interval': case 'day_time_interval': return (text) => {
      try {
        return dataType.kind === 'year_month_interval' ? castStringToYearMonth(text, dataType) : castStringToDayTime(text, dataType)
      } catch (error) {
        if (error instanceof IntervalFormatError) return null
        throw error
      }
    }
    default: return () => null
  }
}

function readLong(state: JsonParseState, field: string, dataType: DataType): unknown {
  const scanner = state.scanner
  const text = scanner.text
  const end = scanner.end
  const start = scanner.pos
  let pos = start
  let c = text.charCodeAt(pos)
  const negative = c === MINUS
  if (negative) c = text.charCodeAt(++pos)
  if (c < DIGIT_0 || c > DIGIT_9 || pos >= end) return state.mismatchAndSkip(field, dataType)
  const digitsStart = pos
  let value = 0
  while (pos < end && c >= DIGIT_0 && c <= DIGIT_9) {
    value = value * 10 + (c - DIGIT_0)
    c = text.charCodeAt(++pos)
  }
  if (pos < end && (c === 0x2e || c === 0x65 || c === 0x45)) {
    // A fraction or exponent: not an integer token.
    return state.mismatchAndSkip(field, dataType)
  }
  scanner.pos = pos
  // Up to 15 digits a double holds the integer exactly.
  if (pos - digitsStart <= 15) return BigInt(negative ? -value : value)
  const exact = BigInt(text.slice(start, pos))
  if (exact < MIN_LONG || exact > MAX_LONG) {
    scanner.pos = start
    return state.mismatchAndSkip(field, dataType)
  }
  return exact
}

const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, exponent) => 10 ** exponent)

/**
 * The double of the number token at the scanner's position, moving past it. Up
 * to 15 significant digits and a decimal exponent within ±22 it is computed
 * directly (Clinger's fast path: one correctly rounded multiplication or
 * division of exact values, the same double as `Number(text)`); otherwise
 * `Number` parses the token's text.
 */
export function readDouble(scanner: JsonScanner): number {
  const text = scanner.text
  const end = scanner.end
  const start = scanner.pos
  let pos = start
  let c = text.charCodeAt(pos)
  const negative = c === MINUS
  if (negative) c = text.charCodeAt(++pos)
  let mantissa = 0
  let significant = 0
  let exponent = 0
  const integerStart = pos
  while (pos < end && c >= DIGIT_0 && c <= DIGIT_9) {
    if (significant > 0 || c !== DIGIT_0) { mantissa = mantissa * 10 + (c - DIGIT_0); significant++ }
    c = text.charCodeAt(++pos)
  }
  if (pos === integerStart) return slowDouble(scanner, start)
  if (pos < end && c === 0x2e) {
    c = text.charCodeAt(++pos)
    const fractionStart = pos
    while (pos < end && c >= DIGIT_0 && c <= DIGIT_9) {
      if (significant > 0 || c !== DIGIT_0) { mantissa = mantissa * 10 + (c - DIGIT_0); significant++ }
      exponent--
      c = text.charCodeAt(++pos)
    }
    if (pos === fractionStart) return slowDouble(scanner, start)
  }
  if (pos < end && (c === 0x65 || c === 0x45)) {
    c = text.charCodeAt(++pos)
    const exponentNegative = c === MINUS
    if (exponentNegative || c === 0x2b) c = text.charCodeAt(++pos)
    const exponentStart = pos
    let written = 0
    while (pos < end && c >= DIGIT_0 && c <= DIGIT_9 && written < 1000) {
      written = written * 10 + (c - DIGIT_0)
      c = text.charCodeAt(++pos)
    }
    if (pos === exponentStart || (pos < end && c >= DIGIT_0 && c <= DIGIT_9)) return slowDouble(scanner, start)
    exponent += exponentNegative ? -written : written
  }
  scanner.pos = pos
  if (significant > 15 || exponent < -22 || exponent > 22) return Number(text.slice(start, pos))
  const magnitude = exponent === 0 ? mantissa
    : exponent < 0 ? mantissa / EXACT_POWERS_OF_TEN[-exponent]! : mantissa * EXACT_POWERS_OF_TEN[exponent]!
  return negative ? -magnitude : magnitude
}

function slowDouble(scanner: JsonScanner, start: number): number {
  scanner.pos = start
  return Number(scanner.text.slice(start, scanner.scanNumber()))
}

function specialDouble(text: string): number | undefined {
  switch (text) {
    case 'NaN': return NaN
    case '+INF': case '+Infinity': case 'Infinity': return Infinity
    case '-INF': case '-Infinity': return -Infinity
    default: return undefined
  }
}

/**
 * Fills `target` (an array of the struct's field values, pre-filled with null)
 * from the JSON object at the scanner's position (at its `{`), moving past it.
 */
export type ObjectReader = (target: unknown[]) => void

/**
 * Compiles a reader of a JSON object into the fields of `struct`. Only fields whose
 * index is in `wanted` are converted (all when absent); other keys, known or not,
 * are skipped. Keys match field names exactly, as Spark's `getFieldIndex`; with
 * duplicate keys the last wins.
 */
export function compileObjectReader(
  state: JsonParseState,
  struct: StructType,
  wanted: ReadonlySet<number> | undefined,
  fieldPrefix = '',
): ObjectReader {
  const scanner = state.scanner
  const readers: (ValueReader | undefined)[] = struct.fields.map((field, index) =>
    wanted === undefined || wanted.has(index) ? compileValueReader(state, field.dataType, fieldPrefix + field.name) : undefined)
  // Candidate fields by name length, so most keys are rejected by one length lookup.
  const byLength: { name: string; index: number }[][] = []
  const byName = new Map<string, number>()
  struct.fields.forEach((field, index) => {
    if (readers[index] === undefined) return
    ;(byLength[field.name.length] ??= []).push({ name: field.name, index })
    byName.set(field.name, index)
  })
  const findField = (keyStart: number, keyEnd: number): number => {
    const candidates = byLength[keyEnd - keyStart]
    if (candidates === undefined) return -1
    for (let i = 0; i < candidates.length; i++) {
      const candidate = candidates[i]!
      if (scanner.text.startsWith(candidate.name, keyStart)) return candidate.index
    }
    return -1
  }
  // NOTE: the hot loop of every JSON read. It works on locals and hands the position
  // back to the scanner only around calls; whitespace loops stop at `end` because
  // the text goes on with the next line.
  return (target) => {
    const text = scanner.text
    const end = scanner.end
    let pos = scanner.pos + 1
    let first = true
    for (;;) {
      let c = text.charCodeAt(pos)
      while (pos < end && (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a)) c = text.charCodeAt(++pos)
      if (pos >= end) scanner.fail('unexpected end of input', pos)
      if (first && c === CLOSE_BRACE) { scanner.pos = pos + 1; return }
      first = false
      if (c !== QUOTE) scanner.fail('expected a field name', pos)
      const keyStart = pos + 1
      let keyEnd = text.indexOf('"', keyStart)
      if (keyEnd < 0 || keyEnd >= end) scanner.fail('unterminated string', pos)
      let index: number
      if (text.charCodeAt(keyEnd - 1) === BACKSLASH) {
        scanner.pos = pos
        keyEnd = scanner.closingQuote()
        index = byName.get(scanner.readString()) ?? -1
      } else {
        index = findField(keyStart, keyEnd)
        if (index < 0 && hasBackslash(text, keyStart, keyEnd)) {
          scanner.pos = pos
          index = byName.get(scanner.readString()) ?? -1
        }
      }
      pos = keyEnd + 1
      c = text.charCodeAt(pos)
      while (pos < end && (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a)) c = text.charCodeAt(++pos)
      if (c !== COLON || pos >= end) scanner.fail("expected ':'", pos)
      c = text.charCodeAt(++pos)
      while (pos < end && (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a)) c = text.charCodeAt(++pos)
      if (index >= 0) {
        scanner.pos = pos
        target[index] = readNullable(state, readers[index]!)
        pos = scanner.pos
      } else if (c === QUOTE) {
        let quote = text.indexOf('"', pos + 1)
        if (quote < 0 || quote >= end) scanner.fail('unterminated string', pos)
        if (text.charCodeAt(quote - 1) === BACKSLASH) {
          scanner.pos = pos
          quote = scanner.closingQuote()
        }
        pos = quote + 1
      } else {
        scanner.pos = pos
        scanner.skipValue()
        pos = scanner.pos
      }
      c = text.charCodeAt(pos)
      while (pos < end && (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a)) c = text.charCodeAt(++pos)
      if (pos < end && c === COMMA) { pos++; continue }
      if (pos < end && c === CLOSE_BRACE) { scanner.pos = pos + 1; return }
      scanner.fail("expected ',' or '}'", pos)
    }
  }
}

const BACKSLASH = 0x5c

function hasBackslash(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === BACKSLASH) return true
  return false
}
