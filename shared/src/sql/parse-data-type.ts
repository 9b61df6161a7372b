import {
  ArrayType, BinaryType, BooleanType, ByteType, CalendarIntervalType, DateType, DecimalType, DoubleType, FloatType,
  IntegerType, LongType, MapType, NullType, ShortType, StringType, StructField, StructType, TimestampNTZType,
  TimestampType, TIME_MAX_PRECISION, type DataType,
} from '../types/data-type.js'
import { AnalysisError } from '../errors/sluice-error.js'
import { INTERVAL_FIELD_WORDS, intervalTypeOfFields, timeTypeOf } from '../types/interval-types.js'
import { TokenStream } from './token-stream.js'

const PRIMITIVES: Readonly<Record<string, DataType>> = {
  BOOLEAN: BooleanType, BOOL: BooleanType,
  TINYINT: ByteType, BYTE: ByteType,
  SMALLINT: ShortType, SHORT: ShortType,
  INT: IntegerType, INTEGER: IntegerType,
  BIGINT: LongType, LONG: LongType,
  FLOAT: FloatType, REAL: FloatType,
  DOUBLE: DoubleType,
  STRING: StringType, VARCHAR: StringType, CHAR: StringType,
  BINARY: BinaryType,
  DATE: DateType,
  TIMESTAMP: TimestampType, TIMESTAMP_LTZ: TimestampType, TIMESTAMP_NTZ: TimestampNTZType,
  VOID: NullType,
  INTERVAL: CalendarIntervalType,
}

/**
 * Parses one SQL data type at the stream's position: `int`, `decimal(10,2)`,
 * `array<string>`, `map<string,int>`, `struct<a:int,b string>`, `varchar(10)`.
 * Unknown names raise UNSUPPORTED_DATATYPE as Spark does.
 */
export function parseDataTypeAt(stream: TokenStream): DataType {
  const token = stream.next()
  if (token.kind !== 'ident') throw stream.error(token)
  const name = token.text.toUpperCase()
  switch (name) {
    case 'DECIMAL': case 'DEC': case 'NUMERIC': {
      if (!stream.acceptOp('(')) return DecimalType(10, 0)
      const precision = Number(stream.next().text)
      const scale = stream.acceptOp(',') ? Number(stream.next().text) : 0
      stream.expectOp(')')
      if (!(precision >= 1 && precision <= 38) || !(scale >= 0 && scale <= precision)) {
        throw new AnalysisError('DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION',
          `Decimal precision ${precision} exceeds max precision 38.`, { precision: String(precision), maxPrecision: '38' })
      }
      return DecimalType(precision, scale)
    }
    case 'VARCHAR': case 'CHAR': case 'CHARACTER':
      if (stream.acceptOp('(')) { stream.next(); stream.expectOp(')') }
      return StringType
    case 'ARRAY': {
      stream.expectOp('<')
      const element = parseDataTypeAt(stream)
      expectCloseAngle(stream)
      return ArrayType(element, true)
    }
    case 'MAP': {
      stream.expectOp('<')
      const key = parseDataTypeAt(stream)
      stream.expectOp(',')
      const value = parseDataTypeAt(stream)
      expectCloseAngle(stream)
      return MapType(key, value, true)
    }
    case 'STRUCT': {
      stream.expectOp('<')
      const fields: StructField[] = []
      if (!stream.isOp('>')) {
        do {
          const fieldName = stream.next()
          if (fieldName.kind !== 'ident' && fieldName.kind !== 'quotedIdent') throw stream.error(fieldName)
          stream.acceptOp(':')
          const fieldType = parseDataTypeAt(stream)
          let comment: string | undefined
          if (stream.acceptKeyword('NOT', 'NULL')) { /* nullability is not kept for nested struct fields here */ }
          if (stream.acceptKeyword('COMMENT')) comment = stream.next().text
          fields.push(StructField(fieldName.text, fieldType, true, comment === undefined ? {} : { comment }))
        } while (stream.acceptOp(','))
      }
      expectCloseAngle(stream)
      return StructType(fields)
    }
    case 'INTERVAL': {
      // `INTERVAL` alone is the calendar interval; `INTERVAL DAY TO SECOND` and the like are ANSI intervals.
      const from = stream.peek()
      if (from.kind !== 'ident' || !INTERVAL_FIELD_WORDS.has(from.text.toUpperCase())) return CalendarIntervalType
      stream.next()
      if (!stream.acceptKeyword('TO')) return intervalTypeOfFields(from.text)
      const to = stream.next()
      if (to.kind !== 'ident' || !INTERVAL_FIELD_WORDS.has(to.text.toUpperCase())) throw stream.error(to)
      return intervalTypeOfFields(from.text, to.text)
    }
    case 'TIME': {
      let precision = TIME_MAX_PRECISION
      if (stream.acceptOp('(')) {
        precision = Number(stream.next().text)
        stream.expectOp(')')
      }
      stream.acceptKeyword('WITHOUT', 'TIME', 'ZONE')
      return timeTypeOf(precision)
    }
  }
  const primitive = PRIMITIVES[name]
  if (primitive === undefined) {
    throw new AnalysisError('UNSUPPORTED_DATATYPE', `Unsupported data type "${name}".`, { typeName: `"${name}"` })
  }
  return primitive
}

/** `>>` closes two nested types; the tokenizer reads it as two `>`. */
function expectCloseAngle(stream: TokenStream): void {
  stream.expectOp('>')
}

