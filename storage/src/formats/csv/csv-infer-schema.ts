import {
  BooleanType, DecimalType, DoubleType, IntegerType, LongType, NullType, StringType, StructField, StructType,
  timestampStringToMicros, type DataType,
} from '@sluice/shared'
import { readFile } from 'node:fs/promises'
import { malformedRecordError, parseModeOf } from '../../io/parse-mode.js'
import { readTextChunks } from '../../io/text-chunks.js'
import { resolveCsvOptions, type CsvOptions } from './csv-options.js'
import { CsvSyntaxError, multiLineRecordEnd, splitCsvLine } from './csv-tokenizer.js'

const INTEGER_TEXT = /^[+-]?\d+$/
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
// Only text shaped like a date and time is tried as a timestamp (not bare numbers).
const TIMESTAMP_SHAPE = /^\d{4}-\d{1,2}-\d{1,2}[T ]\d/

/** The narrowest type of one field text, as Spark's CSVInferSchema (no dates, no preferred decimals). */
function inferField(text: string, options: CsvOptions): DataType {
  if (INTEGER_TEXT.test(text)) {
    const value = BigInt(text)
    if (value >= -(2n ** 31n) && value < 2n ** 31n) return IntegerType
    if (value >= -(2n ** 63n) && value < 2n ** 63n) return LongType
    const digits = text.replace(/^[+-]/, '').length
    return digits <= 38 ? DecimalType(digits, 0) : DoubleType
  }
  if (NUMBER_TEXT.test(text) || text === options.nanValue || text === options.positiveInf || text === options.negativeInf) return DoubleType
  if (TIMESTAMP_SHAPE.test(text) && timestampStringToMicros(text, options.timeZone) !== null) return { kind: 'timestamp' }
  const lower = text.toLowerCase()
  if (lower === 'true' || lower === 'false') return BooleanType
  return StringType
}

const NUMERIC_ORDER = ['integer', 'long', 'decimal', 'double'] as const

/** Spark's CSV type merge: the wider numeric type, else STRING for any conflict. */
export function mergeCsvTypes(left: DataType, right: DataType): DataType {
  if (left.kind === right.kind && left.kind !== 'decimal') return left
  if (left.kind === 'null') return right
  if (right.kind === 'null') return left
  const a = NUMERIC_ORDER.indexOf(left.kind as (typeof NUMERIC_ORDER)[number])
  const b = NUMERIC_ORDER.indexOf(right.kind as (typeof NUMERIC_ORDER)[number])
  if (a >= 0 && b >= 0) {
    if (left.kind === 'decimal' && right.kind === 'decimal') return DecimalType(Math.max(left.precision, right.precision), 0)
    if (left.kind === 'decimal' || right.kind === 'decimal') {
      if (left.kind === 'double' || right.kind === 'double') return DoubleType
      return left.kind === 'decimal' ? left : right
    }
    return a > b ? left : right
  }
  return StringType
}

/**
 * Infers a CSV schema as `spark.read.csv(path, header=..., inferSchema=...)`:
 * column names from the first file's header (else `_c0`, `_c1`, ...); with
 * `inferSchema` each column gets the narrowest type of all its values (INT,
 * BIGINT, DECIMAL, DOUBLE, TIMESTAMP, BOOLEAN, else STRING), otherwise STRING.
 * Null values (`nullValue`) are ignored; a column never seen with a value is STRING.
 */
export async function inferCsvSchema(paths: readonly string[], options: Readonly<Record<string, string>>): Promise<StructType> {
  const csv = resolveCsvOptions(options)
  const mode = parseModeOf(options)
  let names: string[] | undefined
  let types: DataType[] = []
  for (const path of paths) {
    let headerPending = csv.header
    let lineNumber = 0
    const multiLine = (options['multiline'] ?? 'false').toLowerCase() === 'true'
    const texts = multiLine ? [(await readFile(path, 'utf8')).replace(/^\uFEFF/, '')] : readTextChunks(path)
    for await (const text of texts) {
      for (const rawLine of multiLine ? multiLineRecords(text, csv) : text.split('\n')) {
        lineNumber++
        const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine
        if (line.trim() === '' || (csv.comment !== '' && line.startsWith(csv.comment))) continue
        let tokens: string[]
        try {
          tokens = splitCsvLine(line, csv)
        } catch (error) {
          if (!(error instanceof CsvSyntaxError)) throw error
          if (mode === 'FAILFAST') throw malformedRecordError({ path, lineNumber, column: error.offset + 1, record: line, reason: error.message })
          continue
        }
        if (headerPending) {
          headerPending = false
          names ??= tokens.map((name, i) => (name === '' || name === csv.nullValue ? `_c${i}` : name))
          continue
        }
        names ??= tokens.map((_, i) => `_c${i}`)
        if (!csv.inferSchema) continue
        for (let i = 0; i < tokens.length && i < names.length; i++) {
          const token = tokens[i]!
          const type = token === csv.nullValue ? NullType : inferField(token, csv)
          types[i] = types[i] === undefined ? type : mergeCsvTypes(types[i]!, type)
        }
      }
    }
  }
  const columns = names ?? []
  if (!csv.inferSchema) types = []
  return StructType(columns.map((name, i) => {
    const type = types[i]
    return StructField(name, type === undefined || type.kind === 'null' ? StringType : type, true)
  }))
}

function multiLineRecords(text: string, csv: CsvOptions): string[] {
  const records: string[] = []
  for (let start = 0; start < text.length;) {
    const end = multiLineRecordEnd(text, start, csv)
    records.push(text.slice(start, end < 0 ? text.length : end))
    start = end < 0 ? text.length : end + 1
  }
  return records
}
