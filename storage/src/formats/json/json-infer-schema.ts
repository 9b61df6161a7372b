import {
  ArrayType,
  BooleanType,
  DecimalType,
  DoubleType,
  LongType,
  NullType,
  StringType,
  StructField,
  StructType,
  type DataType,
} from '@sluice/shared'
import { corruptRecordColumnOf, malformedRecordError, parseModeOf } from '../../io/parse-mode.js'
import { readFile } from 'node:fs/promises'
import { readTextChunks } from '../../io/text-chunks.js'
import { JSON_CHARS, JsonScanner, JsonSyntaxError } from './json-scanner.js'

const { QUOTE, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, COLON, COMMA, LOWER_T, LOWER_F, LOWER_N } = JSON_CHARS

const MAX_LONG_DIGITS = 19
const MAX_DECIMAL_PRECISION = 38

/** Inference options: Spark's `primitivesAsString` and `prefersDecimal`. */
interface InferOptions {
  readonly primitivesAsString: boolean
  readonly prefersDecimal: boolean
}

/** The type of the value at the scanner's position, as Spark's JsonInferSchema.inferField. */
function inferValue(scanner: JsonScanner, inferOptions: InferOptions): DataType {
  const c = scanner.peek()
  switch (c) {
    case QUOTE: scanner.skipString(); return StringType
    case LOWER_T: scanner.expectLiteral('true'); return inferOptions.primitivesAsString ? StringType : BooleanType
    case LOWER_F: scanner.expectLiteral('false'); return inferOptions.primitivesAsString ? StringType : BooleanType
    case LOWER_N: scanner.expectLiteral('null'); return NullType
    case OPEN_BRACE: return inferObject(scanner, inferOptions)
    case OPEN_BRACKET: {
      scanner.pos++
      let element: DataType = NullType
      scanner.skipWhitespace()
      if (scanner.peek() === CLOSE_BRACKET) { scanner.pos++; return ArrayType(element, true) }
      for (;;) {
        scanner.skipWhitespace()
        element = compatibleType(element, inferValue(scanner, inferOptions))
        scanner.skipWhitespace()
        const next = scanner.peek()
        scanner.pos++
        if (next === COMMA) continue
        if (next === CLOSE_BRACKET) return ArrayType(element, true)
        scanner.fail("expected ',' or ']'", scanner.pos - 1)
      }
    }
    default: {
      const start = scanner.pos
      if (scanner.readNonNumericNumber() !== undefined) return inferOptions.primitivesAsString ? StringType : DoubleType
      const end = scanner.scanNumber()
      if (inferOptions.primitivesAsString) return StringType
      if (!scanner.numberIsInteger) {
        if (inferOptions.prefersDecimal) {
          const decimal = decimalTypeOfText(scanner.text.slice(start, end))
          if (decimal !== undefined) return decimal
        }
        return DoubleType
      }
      const digits = scanner.text.slice(start, end).replace('-', '').replace(/^0+(?=\d)/, '')
      if (digits.length < MAX_LONG_DIGITS) return LongType
      const value = BigInt(scanner.text.slice(start, end))
      if (value >= -(2n ** 63n) && value < 2n ** 63n) return LongType
      return digits.length <= MAX_DECIMAL_PRECISION ? DecimalType(digits.length, 0) : DoubleType
    }
  }
}

/** DECIMAL(p, s) holding a number's text exactly (Spark: BigDecimal precision and scale), or undefined past 38 digits. */
function decimalTypeOfText(text: string): DecimalType | undefined {
  const match = /^-?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text)
  if (match === null) return undefined
  const digits = `${match[1] ?? ''}${match[2] ?? ''}`.replace(/^0+(?=\d)/, '')
  const scale = Math.max(0, (match[2] ?? '').length - Number(match[3] ?? '0'))
  const precision = Math.max(digits.length, scale)
  return precision > MAX_DECIMAL_PRECISION ? undefined : DecimalType(precision, scale)
}

function inferObject(scanner: JsonScanner, inferOptions: InferOptions): StructType {
  scanner.pos++
  const fields = new Map<string, DataType>()
  scanner.skipWhitespace()
  if (scanner.peek() === CLOSE_BRACE) { scanner.pos++; return StructType([]) }
  for (;;) {
    scanner.skipWhitespace()
    if (scanner.peek() !== QUOTE) scanner.fail('expected a field name')
    const name = scanner.readString()
    scanner.skipWhitespace()
    scanner.expect(COLON, "':'")
    scanner.skipWhitespace()
    const type = inferValue(scanner, inferOptions)
    const previous = fields.get(name)
    fields.set(name, previous === undefined ? type : compatibleType(previous, type))
    scanner.skipWhitespace()
    const next = scanner.peek()
    scanner.pos++
    if (next === COMMA) continue
    if (next === CLOSE_BRACE) break
    scanner.fail("expected ',' or '}'", scanner.pos - 1)
  }
  return sortedStruct(fields)
}

function sortedStruct(fields: Map<string, DataType>): StructType {
  const names = [...fields.keys()].sort()
  return StructType(names.map((name) => StructField(name, fields.get(name)!, true)))
}

function decimalFor(type: DataType): DecimalType | undefined {
  if (type.kind === 'decimal') return type
  if (type.kind === 'long') return DecimalType(20, 0)
  return undefined
}

/** Spark's JsonInferSchema.compatibleType: the narrowest type holding both, STRING when none. */
export function compatibleType(left: DataType, right: DataType): DataType {
  if (JSON.stringify(left) === JSON.stringify(right)) return left
  if (left.kind === 'null') return right
  if (right.kind === 'null') return left
  if ((left.kind === 'long' || left.kind === 'double' || left.kind === 'decimal') &&
      (right.kind === 'long' || right.kind === 'double' || right.kind === 'decimal')) {
    if (left.kind === 'double' || right.kind === 'double') return DoubleType
    const a = decimalFor(left)!
    const b = decimalFor(right)!
    const scale = Math.max(a.scale, b.scale)
    const range = Math.max(a.precision - a.scale, b.precision - b.scale)
    return range + scale > MAX_DECIMAL_PRECISION ? DoubleType : DecimalType(range + scale, scale)
  }
  if (left.kind === 'struct' && right.kind === 'struct') {
    const fields = new Map<string, DataType>()
    for (const field of [...left.fields, ...right.fields]) {
      const previous = fields.get(field.name)
      fields.set(field.name, previous === undefined ? field.dataType : compatibleType(previous, field.dataType))
    }
    return sortedStruct(fields)
  }
  if (left.kind === 'array' && right.kind === 'array') {
    return ArrayType(compatibleType(left.elementType, right.elementType), true)
  }
  return StringType
}

/** Spark's canonicalizeType: types never seen with a value (NULL) become STRING. */
function canonicalType(type: DataType): DataType {
  switch (type.kind) {
    case 'null': return StringType
    case 'array': return ArrayType(canonicalType(type.elementType), true)
    case 'struct': return StructType(type.fields.map((field) => StructField(field.name, canonicalType(field.dataType), true)))
    default: return type
  }
}

/**
 * Infers the schema of JSON Lines files as `spark.read.json(path)` does: the union
 * of all records' fields sorted by name; integers BIGINT (DECIMAL(p,0) beyond a
 * long), other numbers DOUBLE, booleans, strings, nested objects STRUCT, arrays
 * ARRAY; conflicting types widened (BIGINT+DOUBLE is DOUBLE) or made STRING;
 * fields only ever null are STRING. Malformed lines follow option `mode`:
 * PERMISSIVE adds the corrupt-record column (STRING), DROPMALFORMED ignores them,
 * FAILFAST throws naming the file and line. Option `samplingRatio` (0, 1] reads a
 * deterministic sample of the lines; `primitivesAsString` makes every primitive
 * STRING; `prefersDecimal` makes fractional numbers DECIMAL where they fit;
 * `multiLine` takes each file as one JSON document.
 */
export async function inferJsonSchema(paths: readonly string[], options: Readonly<Record<string, string>>): Promise<StructType> {
  const inferOptions: InferOptions = {
    primitivesAsString: (options['primitivesasstring'] ?? 'false').toLowerCase() === 'true',
    prefersDecimal: (options['prefersdecimal'] ?? 'false').toLowerCase() === 'true',
  }
  const mode = parseModeOf(options)
  const samplingRatio = Number(options['samplingratio'] ?? '1')
  const multiLine = (options['multiline'] ?? 'false').toLowerCase() === 'true'
  const scanner = new JsonScanner()
  let merged: DataType = StructType([])
  let sawMalformed = false
  let sampleState = 1
  for (const path of paths) {
    let lineNumber = 0
    const texts = multiLine ? [(await readFile(path, 'utf8')).replace(/^\uFEFF/, '')] : readTextChunks(path)
    for await (const text of texts) {
      scanner.reset(text)
      let start = 0
      while (start < text.length) {
        let end = multiLine ? text.length : text.indexOf('\n', start)
        if (end < 0) end = text.length
        lineNumber++
        const lineStart = start
        start = end + 1
        if (samplingRatio < 1) {
          sampleState = (Math.imul(sampleState, 1103515245) + 12345) >>> 0
          if (sampleState / 4294967296 >= samplingRatio) continue
        }
        scanner.setRange(lineStart, end)
        scanner.skipWhitespace()
        if (scanner.pos >= end) continue
        try {
          let type: DataType
          if (scanner.peek() === OPEN_BRACKET) {
            // An array of objects: one record per element, as the reader does.
            const array = inferValue(scanner, inferOptions)
            const element = array.kind === 'array' ? array.elementType : array
            if (element.kind !== 'struct' && element.kind !== 'null') scanner.fail('expected JSON objects in the array', lineStart)
            type = element.kind === 'struct' ? element : StructType([])
          } else {
            if (scanner.peek() !== OPEN_BRACE) scanner.fail('expected a JSON object')
            type = inferObject(scanner, inferOptions)
          }
          scanner.skipWhitespace()
          if (scanner.pos < end) scanner.fail('unexpected text after the JSON object')
          merged = compatibleType(merged, type)
        } catch (error) {
          if (!(error instanceof JsonSyntaxError)) throw error
          if (mode === 'FAILFAST') {
            throw malformedRecordError({
              path, lineNumber, column: error.position - lineStart + 1,
              record: text.slice(lineStart, end), reason: error.message,
            })
          }
          sawMalformed = true
        }
      }
    }
  }
  const schema = canonicalType(merged) as StructType
  const corruptName = corruptRecordColumnOf(options)
  if (sawMalformed && mode === 'PERMISSIVE' && !schema.fields.some((field) => field.name === corruptName)) {
    return StructType([...schema.fields, StructField(corruptName, StringType, true)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)))
  }
  return schema
}
