import {
  AnalysisError, dateStringToDays, daysToDateString, decimalToString, microsToTimestampString, parseDecimal,
  timestampNtzStringToMicros, timestampStringToMicros, type DataType,
} from '@sluice/shared'
import { escapePathName } from '../files/partition-path.js'

/** The folder name of a null (or empty string) partition value, as Hive and Spark write it. */
export const HIVE_DEFAULT_PARTITION = '__HIVE_DEFAULT_PARTITION__'

/** Java's `Float/Double.toString` for the values Spark casts to partition strings ('1.0', '0.5', '1.0E10'). */
function javaDoubleString(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return 'Infinity'
  if (value === -Infinity) return '-Infinity'
  if (Object.is(value, -0)) return '-0.0'
  const abs = Math.abs(value)
  if (abs >= 1e-3 && abs < 1e7) {
    const text = String(value)
    return text.includes('.') ? text : `${text}.0`
  }
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string]
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exponent.replace('+', '')}`
}

/**
 * The string a partition value is kept as in the log's `partitionValues`
 * (Spark's cast to string; timestamps in UTC); null for null.
 */
export function formatPartitionValue(value: unknown, type: DataType): string | null {
  if (value === null || value === undefined) return null
  switch (type.kind) {
    case 'float': case 'double': return javaDoubleString(value as number)
    case 'decimal': return decimalToString(value as bigint, type.scale)
    case 'date': return daysToDateString(value as number)
    case 'timestamp': case 'timestamp_ntz': return microsToTimestampString(value as number, 'UTC')
    case 'binary': return new TextDecoder().decode(value as Uint8Array)
    case 'string': return value === '' ? null : (value as string)
    default: return String(value)
  }
}

/** The `k=v` folder of one partition column in a data file path. */
export function partitionFolder(column: string, value: string | null): string {
  return `${escapePathName(column)}=${value === null ? HIVE_DEFAULT_PARTITION : escapePathName(value)}`
}

/** The internal value of a partition value string of the log; null for null. */
export function parsePartitionValue(text: string | null | undefined, type: DataType, column: string): unknown {
  if (text === null || text === undefined || text === HIVE_DEFAULT_PARTITION) return null
  const fail = (): never => {
    throw new AnalysisError('DELTA_FAILED_CAST_PARTITION_VALUE', `Failed to cast partition value \`${text}\` to ${type.kind} for the partition column \`${column}\`.`, { value: text, dataType: type.kind, columnName: column })
  }
  switch (type.kind) {
    case 'string': return text
    case 'byte': case 'short': case 'integer': {
      const n = Number(text)
      return Number.isInteger(n) && text.trim() !== '' ? n : fail()
    }
    case 'long': {
      try { return BigInt(text.trim()) } catch { return fail() }
    }
    case 'float': { const n = Number(text); return Number.isNaN(n) && text !== 'NaN' ? fail() : Math.fround(n) }
    case 'double': { const n = Number(text); return Number.isNaN(n) && text !== 'NaN' ? fail() : n }
    case 'boolean': {
      const lower = text.trim().toLowerCase()
      return lower === 'true' ? true : lower === 'false' ? false : fail()
    }
    case 'decimal': return parseDecimal(text, type.scale) ?? fail()
    case 'date': return dateStringToDays(text) ?? fail()
    case 'timestamp': return timestampStringToMicros(text, 'UTC') ?? fail()
    case 'timestamp_ntz': return timestampNtzStringToMicros(text) ?? fail()
    case 'binary': return new TextEncoder().encode(text)
    default: return fail()
  }
}
