/**
 * Parses Spark SQL type strings and DDL schemas:
 * `parseDataType('map<string, array<int>>')` and
 * `parseDDL('Arrival_Time BIGINT, geolocation STRUCT<city: STRING, country: STRING> NOT NULL COMMENT \'where\'')`.
 * Keywords are case-insensitive; names may be backquoted (``` `a b` ```, ``` `` ``` for a backquote).
 */
import { AnalysisError } from '../errors/sluice-error.js'
import {
  ArrayType, BinaryType, BooleanType, ByteType, CalendarIntervalType, DateType, DecimalType, DoubleType, FloatType,
  IntegerType, LongType, MapType, NullType, ShortType, StringType, StructField, StructType, TimestampNTZType,
  TimestampType, TIME_MAX_PRECISION, type DataType,
} from './data-type.js'
import { INTERVAL_FIELD_WORDS, intervalTypeOfFields, timeTypeOf } from './interval-types.js'

/** Spark's largest decimal precision. */
export const MAX_DECIMAL_PRECISION = 38

type TokenKind = 'word' | 'quoted' | 'string' | 'symbol' | 'end'

interface Token {
  readonly kind: TokenKind
  /** The identifier, unquoted name, string contents or symbol. */
  readonly value: string
  /** Offset in the source text. */
  readonly position: number
  /** The token as written. */
  readonly raw: string
}

const SIMPLE_TYPES: Readonly<Record<string, DataType>> = {
  boolean: BooleanType, tinyint: ByteType, byte: ByteType, smallint: ShortType, short: ShortType,
  int: IntegerType, integer: IntegerType, bigint: LongType, long: LongType, float: FloatType, real: FloatType,
  double: DoubleType, string: StringType, binary: BinaryType, date: DateType, timestamp: TimestampType,
  timestamp_ltz: TimestampType, timestamp_ntz: TimestampNTZType, interval: CalendarIntervalType, void: NullType,
}

const STRING_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', '0': '\0', Z: '\x1a' }

class DdlParser {
  private readonly tokens: Token[]
  private index = 0

  constructor(private readonly text: string) {
    this.tokens = this.tokenize()
  }

  private syntaxError(token: Token, hint: string): AnalysisError {
    const before = this.text.slice(0, token.position)
    const line = before.split('\n').length
    const column = token.position - (before.lastIndexOf('\n') + 1)
    const near = token.kind === 'end' ? 'end of input' : token.raw
    return new AnalysisError(
      'PARSE_SYNTAX_ERROR',
      `Syntax error at or near '${near}': ${hint} (line ${line}, pos ${column}) in '${this.text}'.`,
      { error: near, hint, line: String(line), pos: String(column) },
    )
  }

  private tokenize(): Token[] {
    const tokens: Token[] = []
    const text = this.text
    let i = 0
    while (i < text.length) {
      const ch = text[i]!
      if (/\s/.test(ch)) { i++; continue }
      const start = i
      if (ch === '`') {
        let name = ''
        i++
        for (;;) {
          if (i >= text.length) throw this.syntaxError({ kind: 'quoted', value: '', position: start, raw: text.slice(start) }, 'unclosed backquoted name')
          if (text[i] === '`') {
            if (text[i + 1] === '`') { name += '`'; i += 2; continue }
            i++
            break
          }
          name += text[i]
          i++
        }
        tokens.push({ kind: 'quoted', value: name, position: start, raw: text.slice(start, i) })
      } else if (ch === "'" || ch === '"') {
        let value = ''
        i++
        for (;;) {
          if (i >= text.length) throw this.syntaxError({ kind: 'string', value: '', position: start, raw: text.slice(start) }, 'unclosed string literal')
          const c = text[i]!
          if (c === '\\' && i + 1 < text.length) {
            const next = text[i + 1]!
            value += STRING_ESCAPES[next] ?? next
            i += 2
            continue
          }
          if (c === ch) { i++; break }
          value += c
          i++
        }
        tokens.push({ kind: 'string', value, position: start, raw: text.slice(start, i) })
      } else if (/[\p{L}\p{N}_]/u.test(ch)) {
        while (i < text.length && /[\p{L}\p{N}_]/u.test(text[i]!)) i++
        tokens.push({ kind: 'word', value: text.slice(start, i), position: start, raw: text.slice(start, i) })
      } else if ('<>(),:'.includes(ch)) {
        i++
        tokens.push({ kind: 'symbol', value: ch, position: start, raw: ch })
      } else {
        throw this.syntaxError({ kind: 'symbol', value: ch, position: start, raw: ch }, 'unexpected character')
      }
    }
    tokens.push({ kind: 'end', value: '', position: text.length, raw: '' })
    return tokens
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!
  }

  private next(): Token {
    const token = this.peek()
    if (token.kind !== 'end') this.index++
    return token
  }

  private isSymbol(symbol: string, offset = 0): boolean {
    const token = this.peek(offset)
    return token.kind === 'symbol' && token.value === symbol
  }

  private isKeyword(keyword: string, offset = 0): boolean {
    const token = this.peek(offset)
    return token.kind === 'word' && token.value.toLowerCase() === keyword
  }

  private expectSymbol(symbol: string, hint: string): void {
    if (!this.isSymbol(symbol)) throw this.syntaxError(this.peek(), hint)
    this.index++
  }

  private expectEnd(hint = 'extra input after the type'): void {
    if (this.peek().kind !== 'end') throw this.syntaxError(this.peek(), hint)
  }

  private integer(hint: string): number {
    const token = this.next()
    if (token.kind !== 'word' || !/^\d+$/.test(token.value)) throw this.syntaxError(token, hint)
    return Number(token.value)
  }

  dataTypeOnly(): DataType {
    const type = this.dataType()
    this.expectEnd()
    return type
  }

  /** Tries `dataType` alone; returns null (and rewinds) when the text is not a single type. */
  tryDataTypeOnly(): DataType | null {
    const saved = this.index
    try {
      return this.dataTypeOnly()
    } catch (error) {
      this.index = saved
      if (error instanceof AnalysisError) return null
      throw error
    }
  }

  schema(): StructType {
    const fields: StructField[] = []
    if (this.peek().kind === 'end') return StructType([])
    for (;;) {
      fields.push(this.field(true))
      if (this.isSymbol(',')) { this.index++; continue }
      this.expectEnd("expected ',' or the end of the schema")
      return StructType(fields)
    }
  }

  private fieldName(): string {
    const token = this.next()
    if (token.kind === 'word' || token.kind === 'quoted') return token.value
    throw this.syntaxError(token, 'expected a field name')
  }

  /** `name [:] type [NOT NULL] [COMMENT 'text']`; the colon is optional in both struct fields and schemas. */
  private field(topLevel: boolean): StructField {
    const name = this.fieldName()
    if (this.isSymbol(':')) this.index++
    const dataType = this.dataType()
    let nullable = true
    const metadata: Record<string, unknown> = {}
    for (;;) {
      if (this.isKeyword('not') && this.isKeyword('null', 1)) {
        this.index += 2
        nullable = false
      } else if (this.isKeyword('comment')) {
        this.index++
        const comment = this.next()
        if (comment.kind !== 'string') throw this.syntaxError(comment, 'expected a quoted comment after COMMENT')
        metadata['comment'] = comment.value
      } else if (topLevel && this.isKeyword('default')) {
        throw this.syntaxError(this.peek(), 'DEFAULT values are not supported in a schema')
      } else {
        return StructField(name, dataType, nullable, metadata)
      }
    }
  }

  private dataType(): DataType {
    const token = this.next()
    if (token.kind !== 'word') throw this.syntaxError(token, 'expected a data type')
    const keyword = token.value.toLowerCase()
    switch (keyword) {
      case 'array': {
        this.expectSymbol('<', "expected '<' after ARRAY")
        const element = this.dataType()
        this.closeAngle('ARRAY')
        return ArrayType(element, true)
      }
      case 'map': {
        this.expectSymbol('<', "expected '<' after MAP")
        const key = this.dataType()
        this.expectSymbol(',', "expected ',' between the key and value types of MAP")
        const value = this.dataType()
        this.closeAngle('MAP')
        return MapType(key, value, true)
      }
      case 'struct': {
        this.expectSymbol('<', "expected '<' after STRUCT")
        const fields: StructField[] = []
        if (!this.isSymbol('>')) {
          for (;;) {
            fields.push(this.field(false))
            if (!this.isSymbol(',')) break
            this.index++
          }
        }
        this.closeAngle('STRUCT')
        return StructType(fields)
      }
      case 'decimal': case 'dec': case 'numeric':
        return this.decimalArguments(token)
      case 'interval': {
        const from = this.peek()
        if (from.kind !== 'word' || !INTERVAL_FIELD_WORDS.has(from.value.toUpperCase())) return CalendarIntervalType
        this.index++
        if (!this.isKeyword('to')) return intervalTypeOfFields(from.value)
        this.index++
        const to = this.next()
        if (to.kind !== 'word' || !INTERVAL_FIELD_WORDS.has(to.value.toUpperCase())) throw this.syntaxError(to, 'expected an interval field after TO')
        return intervalTypeOfFields(from.value, to.value)
      }
      case 'time': {
        let precision = TIME_MAX_PRECISION
        if (this.isSymbol('(')) {
          this.index++
          precision = this.integer('expected the TIME precision')
          this.expectSymbol(')', "expected ')' after the TIME precision")
        }
        if (this.isKeyword('without') && this.isKeyword('time', 1) && this.isKeyword('zone', 2)) this.index += 3
        return timeTypeOf(precision)
      }
      case 'char': case 'character': case 'varchar':
        this.expectSymbol('(', `expected '(' and a length after ${token.value.toUpperCase()}`)
        this.integer('expected the length')
        this.expectSymbol(')', "expected ')'")
        return StringType
      default: {
        const simple = SIMPLE_TYPES[keyword]
        if (simple === undefined) {
          throw new AnalysisError('UNSUPPORTED_DATATYPE', `Unsupported data type "${token.value.toUpperCase()}" at pos ${token.position} in '${this.text}'.`, {
            typeName: `"${token.value.toUpperCase()}"`,
          })
        }
        return simple
      }
    }
  }

  private closeAngle(typeKeyword: string): void {
    this.expectSymbol('>', `expected '>' to close ${typeKeyword}<...>`)
  }

  private decimalArguments(token: Token): DataType {
    if (!this.isSymbol('(')) return DecimalType(10, 0)
    this.index++
    const precision = this.integer('expected the decimal precision')
    let scale = 0
    if (this.isSymbol(',')) {
      this.index++
      scale = this.integer('expected the decimal scale')
    }
    this.expectSymbol(')', "expected ')' after the decimal precision and scale")
    if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
      throw new AnalysisError(
        'DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION',
        `Decimal precision ${precision} exceeds max precision ${MAX_DECIMAL_PRECISION} at pos ${token.position} in '${this.text}'.`,
        { precision: String(precision), maxPrecision: String(MAX_DECIMAL_PRECISION) },
      )
    }
    if (scale > precision) {
      throw new AnalysisError(
        'INVALID_DECIMAL_SCALE',
        `Decimal scale (${scale}) cannot be greater than precision (${precision}) at pos ${token.position} in '${this.text}'.`,
        { scale: String(scale), precision: String(precision) },
      )
    }
    return DecimalType(precision, scale)
  }
}

/** Parses one Spark SQL type (`int`, `decimal(10,2)`, `array<struct<a:int>>`); AnalysisError PARSE_SYNTAX_ERROR / UNSUPPORTED_DATATYPE otherwise. */
export function parseDataType(text: string): DataType {
  return new DdlParser(text).dataTypeOnly()
}

/**
 * Parses a DDL schema (`a INT NOT NULL, b STRING COMMENT 'x'`; `a: int, b: string`
 * also works) to a StructType. As Spark's `StructType.fromDDL`, a lone struct type
 * (`struct<a:int>`) is accepted too. Comments go to `metadata.comment`.
 */
export function parseDDL(ddl: string): StructType {
  const asType = new DdlParser(ddl).tryDataTypeOnly()
  if (asType !== null && asType.kind === 'struct') return asType
  return new DdlParser(ddl).schema()
}
