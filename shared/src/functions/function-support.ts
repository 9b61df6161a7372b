import { AnalysisError, ExecutionError } from '../errors/sluice-error.js'
import type { DataType } from '../types/data-type.js'
import { BinaryType, DateType, StringType, TimestampType } from '../types/data-type.js'
import { sqlTypeString } from '../types/type-strings.js'
import type {
  AggregateFunctionDefinition, FunctionArgs, ResolvedAggregateFunction, ResolvedScalarFunction,
  ScalarFunctionDefinition,
} from './function-types.js'

/** Allowed argument counts: an exact count, or `[min, max]` (max `Infinity` for varargs). */
export type Arity = number | readonly [number, number]

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth']

/** Spark's ordinal words in DATATYPE_MISMATCH messages ("The second parameter requires ..."). */
export function ordinal(index: number): string {
  return ORDINALS[index] ?? `${index + 1}th`
}

/** A type as Spark writes it in SQL and error messages: `INT`, `BIGINT`, `ARRAY<STRING>`. */
export function typeSql(t: DataType): string {
  switch (t.kind) {
    case 'null': return 'VOID'
    case 'byte': return 'TINYINT'
    case 'short': return 'SMALLINT'
    case 'integer': return 'INT'
    case 'long': return 'BIGINT'
    case 'decimal': return `DECIMAL(${t.precision},${t.scale})`
    case 'timestamp_ntz': return 'TIMESTAMP_NTZ'
    case 'interval': return 'INTERVAL'
    case 'year_month_interval': case 'day_time_interval': case 'time': return sqlTypeString(t)
    case 'array': return `ARRAY<${typeSql(t.elementType)}>`
    case 'map': return `MAP<${typeSql(t.keyType)}, ${typeSql(t.valueType)}>`
    case 'struct': return `STRUCT<${t.fields.map((f) => `${f.name}: ${typeSql(f.dataType)}`).join(', ')}>`
    default: return t.kind.toUpperCase()
  }
}

/** WRONG_NUM_ARGS.WITHOUT_SUGGESTION, as Spark words it. */
export function wrongNumArgs(name: string, arity: Arity, actual: number): AnalysisError {
  const expected = typeof arity === 'number' ? String(arity)
    : arity[1] === Infinity ? `at least ${arity[0]}` : arity[0] === arity[1] ? String(arity[0]) : `[${arity[0]}, ${arity[1]}]`
  return new AnalysisError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION',
    `The \`${name}\` requires ${expected} parameters but the actual number is ${actual}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix. SQLSTATE: 42605`,
    { functionName: `\`${name}\``, expectedNum: expected, actualNum: String(actual) })
}

/** DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE for argument `index` of `name`. */
export function unexpectedInputType(name: string, index: number, required: string, actual: DataType): AnalysisError {
  return new AnalysisError('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
    `Cannot resolve "${name}(...)" due to data type mismatch: The ${ordinal(index)} parameter requires the ${required} type, however it has the type "${typeSql(actual)}". SQLSTATE: 42K09`,
    { functionName: name, paramIndex: ordinal(index), requiredType: required, inputType: typeSql(actual) })
}


/** ARITHMETIC_OVERFLOW raised by function `name` (ANSI mode). */
export function arithmeticOverflow(name: string, detail: string): ExecutionError {
  return new ExecutionError('ARITHMETIC_OVERFLOW',
    `${detail} caused overflow in ${name}. Use 'try_${name}' to tolerate overflow and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22003`,
    { message: detail, alternative: `try_${name}`, config: '"spark.sql.ansi.enabled"' })
}

/** Defines a scalar function: checks the argument count, then calls `resolve`. */
export function defineScalar(
  name: string,
  arity: Arity,
  resolve: (args: FunctionArgs) => ResolvedScalarFunction,
): ScalarFunctionDefinition {
  return {
    name,
    resolve(args) {
      checkArity(name, arity, args.types.length)
      return resolve(args)
    },
  }
}

/** The same definition under another name (Spark's aliases: `lcase` for `lower`). */
export function aliasScalar(name: string, target: ScalarFunctionDefinition): ScalarFunctionDefinition {
  return { name, resolve: (args) => target.resolve(args) }
}

/** Defines an aggregate function: checks the argument count, then calls `resolve`. */
export function defineAggregate(
  name: string,
  arity: Arity,
  resolve: (args: FunctionArgs, distinct: boolean) => ResolvedAggregateFunction,
): AggregateFunctionDefinition {
  return {
    name,
    resolve(args, distinct) {
      checkArity(name, arity, args.types.length)
      return resolve(args, distinct)
    },
  }
}

export function aliasAggregate(name: string, target: AggregateFunctionDefinition): AggregateFunctionDefinition {
  return { name, resolve: (args, distinct) => target.resolve(args, distinct) }
}

function checkArity(name: string, arity: Arity, actual: number): void {
  const [min, max] = typeof arity === 'number' ? [arity, arity] : arity
  if (actual < min || actual > max) throw wrongNumArgs(name, arity, actual)
}

/** A resolved function whose result is null when any argument is null. */
export function strict(
  inputTypes: readonly DataType[] | undefined,
  dataType: DataType,
  invoke: (args: unknown[]) => unknown,
  nullable = true,
): ResolvedScalarFunction {
  return { inputTypes, dataType, nullable, nullIntolerant: true, invoke }
}

/** A resolved function that sees null arguments itself. */
export function lenient(
  inputTypes: readonly DataType[] | undefined,
  dataType: DataType,
  invoke: (args: unknown[]) => unknown,
  nullable = true,
): ResolvedScalarFunction {
  return { inputTypes, dataType, nullable, nullIntolerant: false, invoke }
}

const isAtomic = (t: DataType): boolean =>
  t.kind !== 'array' && t.kind !== 'map' && t.kind !== 'struct' && t.kind !== 'interval'

const INTEGRAL_RANK: Readonly<Record<string, number>> = { byte: 1, short: 2, integer: 3, long: 4 }

/**
 * The type argument `index` of `name` is implicitly cast to, following Spark's
 * implicit casts for an expected type (ANSI: no narrowing of numbers; legacy mode:
 * any number to any number). Throws DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE otherwise.
 */
export function coerceTo(name: string, index: number, actual: DataType, expected: DataType, ansi: boolean): DataType {
  if (actual.kind === expected.kind && expected.kind !== 'decimal') return actual
  if (actual.kind === 'null') return expected
  const fail = (): never => { throw unexpectedInputType(name, index, `"${typeSql(expected)}"`, actual) }
  switch (expected.kind) {
    case 'string':
      return isAtomic(actual) ? StringType : fail()
    case 'byte': case 'short': case 'integer': case 'long': {
      const rank = INTEGRAL_RANK[actual.kind]
      if (actual.kind === 'string') return expected
      if (rank !== undefined && (rank <= INTEGRAL_RANK[expected.kind]! || !ansi)) return expected
      if (!ansi && (actual.kind === 'float' || actual.kind === 'double' || actual.kind === 'decimal')) return expected
      return fail()
    }
    case 'float': case 'double':
      return isNumericKind(actual) || actual.kind === 'string' ? expected : fail()
    case 'decimal':
      if (actual.kind === 'decimal') return actual
      return INTEGRAL_RANK[actual.kind] !== undefined || actual.kind === 'string' ? expected : fail()
    case 'date':
      return actual.kind === 'string' || actual.kind === 'timestamp' || actual.kind === 'timestamp_ntz' ? DateType : fail()
    case 'timestamp':
      return actual.kind === 'string' || actual.kind === 'date' || actual.kind === 'timestamp_ntz' ? TimestampType : fail()
    case 'timestamp_ntz':
      return actual.kind === 'string' || actual.kind === 'date' || actual.kind === 'timestamp' ? expected : fail()
    case 'boolean':
      return actual.kind === 'string' ? expected : fail()
    case 'binary':
      return actual.kind === 'string' ? BinaryType : fail()
    default:
      return fail()
  }
}

export const isNumericKind = (t: DataType): boolean =>
  t.kind === 'byte' || t.kind === 'short' || t.kind === 'integer' || t.kind === 'long' ||
  t.kind === 'float' || t.kind === 'double' || t.kind === 'decimal'

/** Coerces each argument to the matching expected type (see `coerceTo`). */
export function coerceAll(name: string, args: FunctionArgs, expected: readonly DataType[]): DataType[] {
  return args.types.map((t, i) => coerceTo(name, i, t, expected[i] ?? expected[expected.length - 1]!, args.context.ansi))
}




/** Converts an internal integral value (number or bigint) to a JS number. */
export const toNumber = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number))

/**
 * A numeric constant as a JS number, whatever its type: decimals are unscaled bigints
 * (SQL `0.05` is DECIMAL(2,2) with value 5n), longs are bigints. NaN when not numeric.
 */
export function numericConstant(value: unknown, type: DataType | undefined): number {
  if (typeof value === 'bigint') return type?.kind === 'decimal' ? Number(value) / 10 ** type.scale : Number(value)
  return typeof value === 'number' ? value : NaN
}
