import type { DataType, StructType as StructTypeShape } from '../types/data-type.js'
import {
  castStringToDayTime, castStringToYearMonth, formatDayTimeInterval, formatYearMonthInterval, IntervalFormatError,
} from '../data/ansi-interval.js'
import { formatTime, parseTime, truncateTime } from '../data/time-of-day.js'
import { ArrayType, StringType, StructField, StructType } from '../types/data-type.js'
import { AnalysisError } from '../errors/sluice-error.js'
import { parseDataType, parseDDL } from '../types/ddl-parser.js'
import { dateStringToDays, daysToDateString, timestampStringToMicros } from '../data/temporal.js'
import { decimalToString, parseDecimal, decimalFitsPrecision } from '../data/decimal.js'
import { javaDoubleString } from '../eval/value-format.js'
import type { FunctionArgs, ScalarFunctionDefinition } from './function-types.js'
import { coerceAll, defineScalar, strict, typeSql, unexpectedInputType } from './function-support.js'
import { parseJsonText, jsonString, type JsonNode } from './json-text.js'
import { datetimePattern, type DatetimePattern } from './datetime-pattern.js'

type PathStep = { readonly key: string } | { readonly index: number } | { readonly wildcard: true }

/** Parses a JSONPath of `$`, `.name`, `['name']`, `[n]` and `[*]`; null when malformed. */
function parseJsonPath(path: string): PathStep[] | null {
  if (!path.startsWith('$')) return null
  const steps: PathStep[] = []
  let i = 1
  while (i < path.length) {
    const rest = path.slice(i)
    let m: RegExpExecArray | null
    if ((m = /^\.([^.[\]]+)/.exec(rest)) !== null) steps.push(m[1] === '*' ? { wildcard: true } : { key: m[1]! })
    else if ((m = /^\['([^']*)'\]/.exec(rest)) !== null) steps.push({ key: m[1]! })
    else if ((m = /^\[(\d+)\]/.exec(rest)) !== null) steps.push({ index: Number(m[1]) })
    else if ((m = /^\[\*\]/.exec(rest)) !== null) steps.push({ wildcard: true })
    else return null
    i += m[0].length
  }
  return steps
}

function evaluatePath(node: JsonNode, steps: readonly PathStep[]): JsonNode[] | null {
  let current: JsonNode[] = [node]
  let wildcard = false
  for (const step of steps) {
    const next: JsonNode[] = []
    for (const n of current) {
      if ('key' in step) {
        if (n.kind === 'object') { const hit = n.entries.find(([k]) => k === step.key); if (hit !== undefined) next.push(hit[1]) }
      } else if ('index' in step) {
        if (n.kind === 'array' && step.index < n.items.length) next.push(n.items[step.index]!)
      } else {
        wildcard = true
        if (n.kind === 'array') next.push(...n.items)
        else if (n.kind === 'object') next.push(...n.entries.map(([, v]) => v))
      }
    }
    current = next
  }
  if (current.length === 0) return null
  return wildcard ? current : current.slice(0, 1)
}

/** `get_json_object(json, path)`: the value at a JSONPath as text (strings unquoted); null when absent or invalid. */
export const getJsonObjectFunction = defineScalar('get_json_object', 2, (args) => {
  const paths = new Map<string, PathStep[] | null>()
  return strict(coerceAll('get_json_object', args, [StringType, StringType]), StringType, (a) => {
    const pathText = a[1] as string
    let steps = paths.get(pathText)
    if (steps === undefined) { steps = parseJsonPath(pathText); paths.set(pathText, steps) }
    if (steps === null) return null
    const root = parseJsonText(a[0] as string)
    if (root === null) return null
    const found = evaluatePath(root, steps)
    if (found === null) return null
    if (found.length === 1 && steps.every((s) => !('wildcard' in s))) {
      const v = found[0]!
      return v.kind === 'string' ? v.value : v.kind === 'null' ? null : v.raw
    }
    return found.length === 1 ? (found[0]!.kind === 'string' ? (found[0] as { value: string }).value : found[0]!.raw) : `[${found.map((n) => n.raw).join(',')}]`
  })
})

interface JsonOptions { readonly dateFormat?: DatetimePattern; readonly timestampFormat?: DatetimePattern; readonly timeZone: string }

function optionsOf(name: string, args: FunctionArgs, index: number): JsonOptions {
  const value = args.constants[index]
  const options = new Map<string, string>()
  if (value instanceof Map) for (const [k, v] of value) options.set(String(k).toLowerCase(), String(v))
  else if (args.types.length > index) throw new AnalysisError('INVALID_OPTIONS.NON_MAP_FUNCTION', `The options of ${name} must be a constant map('key', 'value', ...).`, { functionName: name })
  const dateFormat = options.get('dateformat')
  const timestampFormat = options.get('timestampformat')
  return {
    dateFormat: dateFormat === undefined ? undefined : datetimePattern(dateFormat),
    timestampFormat: timestampFormat === undefined ? undefined : datetimePattern(timestampFormat),
    timeZone: options.get('timezone') ?? args.context.timeZone,
  }
}

const INTEGER_LIMITS: Readonly<Record<string, readonly [bigint, bigint]>> = {
  byte: [-128n, 127n], short: [-32768n, 32767n], integer: [-2147483648n, 2147483647n], long: [-(2n ** 63n), 2n ** 63n - 1n],
}

/** Converts a JSON node to the internal value of `t`; undefined when it does not fit (the field becomes null). */
function convertNode(node: JsonNode, t: DataType, options: JsonOptions): unknown {
  if (node.kind === 'null') return null
  switch (t.kind) {
    case 'string': return node.kind === 'string' ? node.value : node.raw
    case 'boolean': return node.kind === 'boolean' ? node.value : undefined
    case 'byte': case 'short': case 'integer': case 'long': {
      if (node.kind !== 'number' || !/^-?\d+$/.test(node.raw)) return undefined
      const v = BigInt(node.raw)
      const [min, max] = INTEGER_LIMITS[t.kind]!
      if (v < min || v > max) return undefined
      return t.kind === 'long' ? v : Number(v)
    }
    case 'float': case 'double': {
      if (node.kind === 'number') return t.kind === 'float' ? Math.fround(Number(node.raw)) : Number(node.raw)
      if (node.kind === 'string' && ['NaN', 'Infinity', '-Infinity', '+Infinity'].includes(node.value)) return Number(node.value.replace('+', ''))
      return undefined
    }
    case 'decimal': {
      if (node.kind !== 'number') return undefined
      const v = parseDecimal(node.raw, t.scale)
      return v !== null && decimalFitsPrecision(v, t.precision) ? v : undefined
    }
    case 'date': {
      if (node.kind !== 'string') return undefined
      if (options.dateFormat !== undefined) {
        const micros = options.dateFormat.parse(node.value, 'UTC')
        return micros === null ? undefined : Math.floor(micros / 86_400_000_000)
      }
      return dateStringToDays(node.value) ?? undefined
    }
    case 'timestamp': {
      if (node.kind === 'number' && /^-?\d+$/.test(node.raw)) return Number(node.raw) * 1_000_000
      if (node.kind !== 'string') return undefined
      const micros = options.timestampFormat !== undefined ? options.timestampFormat.parse(node.value, options.timeZone) : timestampStringToMicros(node.value, options.timeZone)
      return micros ?? undefined
    }
    // Spark's JacksonParser reads ANSI intervals and TIME from strings, as a cast of the string.
    case 'year_month_interval': case 'day_time_interval': {
      if (node.kind !== 'string') return undefined
      try {
        return t.kind === 'year_month_interval' ? castStringToYearMonth(node.value, t) : castStringToDayTime(node.value, t)
      } catch (error) {
        if (error instanceof IntervalFormatError) return undefined
        throw error
      }
    }
    case 'time': {
      const nanos = node.kind === 'string' ? parseTime(node.value) : null
      return nanos === null ? undefined : truncateTime(nanos, t.precision)
    }
    case 'array': {
      if (node.kind !== 'array') return undefined
      return node.items.map((n) => { const v = convertNode(n, t.elementType, options); return v === undefined ? null : v })
    }
    case 'map': {
      if (node.kind !== 'object') return undefined
      const map = new Map<unknown, unknown>()
      for (const [k, n] of node.entries) { const v = convertNode(n, t.valueType, options); map.set(k, v === undefined ? null : v) }
      return map
    }
    case 'struct': {
      if (node.kind !== 'object') return undefined
      return structFromObject(node.entries, t, options)
    }
    default: return undefined
  }
}

function structFromObject(entries: readonly (readonly [string, JsonNode])[], t: StructTypeShape, options: JsonOptions): unknown[] {
  const lookup = new Map<string, JsonNode>()
  for (const [k, v] of entries) lookup.set(k.toLowerCase(), v)
  return t.fields.map((f) => {
    const node = lookup.get(f.name.toLowerCase())
    if (node === undefined) return null
    const v = convertNode(node, f.dataType, options)
    return v === undefined ? null : v
  })
}

function schemaArg(args: FunctionArgs): DataType {
  const schema = args.constants[1]
  if (typeof schema !== 'string') {
    throw new AnalysisError('INVALID_SCHEMA.NON_STRING_LITERAL', 'The schema of from_json must be a constant DDL or JSON string, e.g. \'a INT, b STRING\'.', { inputSchema: String(schema) })
  }
  const trimmed = schema.trim()
  if (trimmed.startsWith('{')) {
    const parsed = JSON.parse(trimmed) as DataType & { type?: string }
    if ((parsed as { kind?: string }).kind !== undefined) return parsed
  }
  try {
    return parseDDL(trimmed)
  } catch {
    return parseDataType(trimmed)
  }
}

/**
 * `from_json(json, schema[, options])`: parses JSON text into a STRUCT (or ARRAY/MAP)
 * given as a DDL string; PERMISSIVE: malformed JSON gives a struct of nulls, a value
 * that does not fit its field's type gives null for that field. Options: dateFormat,
 * timestampFormat, timeZone.
 */
export const fromJsonFunction = defineScalar('from_json', [2, 3], (args) => {
  const t = schemaArg(args)
  const options = optionsOf('from_json', args, 2)
  if (args.types[0]!.kind !== 'string' && args.types[0]!.kind !== 'null') throw unexpectedInputType('from_json', 0, '"STRING"', args.types[0]!)
  return strict(undefined, t, (a) => {
    const node = parseJsonText(a[0] as string)
    if (node === null) return t.kind === 'struct' ? t.fields.map(() => null) : null
    const v = convertNode(node, t, options)
    return v === undefined ? (t.kind === 'struct' ? t.fields.map(() => null) : null) : v
  })
})

function formatTimestamp(micros: number, options: JsonOptions): string {
  const pattern = options.timestampFormat ?? datetimePattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
  return pattern.format(micros, options.timeZone)
}

/** The JSON text of an internal value of type `t` (null fields left out, as Spark's ignoreNullFields). */
export function toJsonText(value: unknown, t: DataType, options: JsonOptions): string {
  if (value === null || value === undefined) return 'null'
  switch (t.kind) {
    case 'string': return jsonString(value as string)
    case 'boolean': return String(value)
    case 'byte': case 'short': case 'integer': case 'long': return String(value)
    case 'float': case 'double': {
      const x = value as number
      return Number.isFinite(x) ? javaDoubleString(x, t.kind === 'float') : `"${javaDoubleString(x)}"`
    }
    case 'decimal': return decimalToString(value as bigint, t.scale)
    case 'date': return jsonString(options.dateFormat !== undefined ? options.dateFormat.format((value as number) * 86_400_000_000, 'UTC') : daysToDateString(value as number))
    case 'timestamp': return jsonString(formatTimestamp(value as number, options))
    case 'timestamp_ntz': return jsonString(formatTimestamp(value as number, { ...options, timeZone: 'UTC' }).replace(/(Z|[+-]\d\d:\d\d)$/, ''))
    case 'binary': return jsonString(Buffer.from(value as Uint8Array).toString('base64'))
    // Spark's JacksonGenerator writes ANSI intervals in their ANSI text (`"INTERVAL '1' DAY"`), TIME as its text.
    case 'year_month_interval': return jsonString(formatYearMonthInterval(value as number, t, 'ansi'))
    case 'day_time_interval': return jsonString(formatDayTimeInterval(value as bigint, t, 'ansi'))
    case 'time': return jsonString(formatTime(value as bigint))
    case 'array': return `[${(value as unknown[]).map((v) => toJsonText(v, t.elementType, options)).join(',')}]`
    case 'map': return `{${[...(value as Map<unknown, unknown>)].map(([k, v]) => `${jsonString(String(k))}:${toJsonText(v, t.valueType, options)}`).join(',')}}`
    case 'struct': {
      const values = value as unknown[]
      return `{${t.fields.flatMap((f, i) => (values[i] === null || values[i] === undefined ? [] : [`${jsonString(f.name)}:${toJsonText(values[i], f.dataType, options)}`])).join(',')}}`
    }
    default: return jsonString(String(value))
  }
}

/** `to_json(struct | array | map[, options])`: JSON text; timestamps as yyyy-MM-dd'T'HH:mm:ss.SSSXXX in the session zone. */
export const toJsonFunction = defineScalar('to_json', [1, 2], (args) => {
  const t = args.types[0]!
  if (t.kind !== 'struct' && t.kind !== 'array' && t.kind !== 'map' && t.kind !== 'null') throw unexpectedInputType('to_json', 0, '("STRUCT" or "ARRAY" or "MAP")', t)
  const options = optionsOf('to_json', args, 1)
  return strict(undefined, StringType, (a) => toJsonText(a[0], t, options))
})

/** Spark's JSON type inference for one node: integers BIGINT, other numbers DOUBLE, fields sorted by name. */
function inferJsonType(node: JsonNode): DataType {
  switch (node.kind) {
    case 'null': case 'string': return StringType
    case 'boolean': return { kind: 'boolean' }
    case 'number': return /^-?\d+$/.test(node.raw) ? { kind: 'long' } : { kind: 'double' }
    case 'array': {
      const element = node.items.map(inferJsonType).reduce<DataType | null>((a, b) => (a === null ? b : mergeInferred(a, b)), null) ?? StringType
      return ArrayType(element, true)
    }
    case 'object':
      return StructType([...node.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => StructField(k, inferJsonType(v), true)))
  }
}

function mergeInferred(a: DataType, b: DataType): DataType {
  if (a.kind === b.kind && a.kind !== 'struct' && a.kind !== 'array') return a
  if ((a.kind === 'long' && b.kind === 'double') || (a.kind === 'double' && b.kind === 'long')) return { kind: 'double' }
  if (a.kind === 'struct' && b.kind === 'struct') {
    const fields = new Map(a.fields.map((f) => [f.name, f.dataType]))
    for (const f of b.fields) fields.set(f.name, fields.has(f.name) ? mergeInferred(fields.get(f.name)!, f.dataType) : f.dataType)
    return StructType([...fields].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([name, t]) => StructField(name, t, true)))
  }
  if (a.kind === 'array' && b.kind === 'array') return ArrayType(mergeInferred(a.elementType, b.elementType), true)
  return StringType
}

/** `schema_of_json(json)`: the inferred schema of a constant JSON text, as Spark prints it (`ARRAY<STRUCT<col: BIGINT>>`). */
export const schemaOfJsonFunction = defineScalar('schema_of_json', [1, 2], (args) =>
  strict([StringType, ...args.types.slice(1)], StringType, (a) => {
    const node = parseJsonText(a[0] as string)
    return node === null ? null : typeSql(inferJsonType(node))
  }))

export const jsonFunctions: ScalarFunctionDefinition[] = [getJsonObjectFunction, fromJsonFunction, toJsonFunction, schemaOfJsonFunction]

