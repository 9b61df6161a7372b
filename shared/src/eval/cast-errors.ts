import { AnalysisError, ExecutionError } from '../errors/sluice-error.js'
import type { DataType } from '../types/data-type.js'
import { sqlTypeString as dataTypeSql } from '../types/type-strings.js'
import { javaDoubleString, literalPrettyName } from './value-format.js'
import { decimalToString as decimalString } from '../data/decimal.js'

/** A value as Spark's error messages print it: `'abc'` for strings, `1.0E10D` for doubles, `127S`... */
export function valueSqlForError(value: unknown, type: DataType): string {
  switch (type.kind) {
    case 'string': return `'${String(value)}'`
    case 'double': return `${javaDoubleString(value as number)}D`
    case 'float': return `${javaDoubleString(value as number, true)}F`
    case 'long': return `${String(value)}L`
    case 'short': return `${String(value)}S`
    case 'byte': return `${String(value)}Y`
    case 'decimal': return `${decimalString(value as bigint, type.scale)}BD`
    case 'year_month_interval': case 'day_time_interval': case 'time': return literalPrettyName(value, type)
    default: return String(value)
  }
}

/** ANSI CAST_INVALID_INPUT: a malformed string. */
export function castInvalidInput(value: unknown, from: DataType, to: DataType): ExecutionError {
  const expression = valueSqlForError(value, from)
  return new ExecutionError('CAST_INVALID_INPUT',
    `The value ${expression} of the type "${dataTypeSql(from)}" cannot be cast to "${dataTypeSql(to)}" because it is malformed. ` +
    'Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead. ' +
    'SQLSTATE: 22018',
    { expression, sourceType: `"${dataTypeSql(from)}"`, targetType: `"${dataTypeSql(to)}"`, ansiConfig: '"spark.sql.ansi.enabled"' })
}

/** ANSI CAST_OVERFLOW: a number out of the target type's range. */
export function castOverflow(value: unknown, from: DataType, to: DataType): ExecutionError {
  const expression = valueSqlForError(value, from)
  return new ExecutionError('CAST_OVERFLOW',
    `The value ${expression} of the type "${dataTypeSql(from)}" cannot be cast to "${dataTypeSql(to)}" due to an overflow. ` +
    'Use `try_cast` to tolerate overflow and return NULL instead. SQLSTATE: 22003',
    { value: expression, sourceType: `"${dataTypeSql(from)}"`, targetType: `"${dataTypeSql(to)}"`, ansiConfig: '"spark.sql.ansi.enabled"' })
}

/** ANSI NUMERIC_VALUE_OUT_OF_RANGE: a decimal that does not fit its precision. */
export function decimalOutOfRange(valueText: string, precision: number, scale: number): ExecutionError {
  return new ExecutionError('NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION',
    `${valueText} cannot be represented as Decimal(${precision}, ${scale}). If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error, and return NULL instead. SQLSTATE: 22003`,
    { value: valueText, precision: String(precision), scale: String(scale), config: '"spark.sql.ansi.enabled"' })
}

/** A cast Spark refuses at analysis. */
export function cannotCast(from: DataType, to: DataType, ansi: boolean, exprText: string): AnalysisError {
  const functionName = ansi ? castFunctionSuggestion(from, to) : undefined
  if (functionName !== undefined) {
    return new AnalysisError('DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION',
      `Cannot resolve "${exprText}" due to data type mismatch: cannot cast "${dataTypeSql(from)}" to "${dataTypeSql(to)}". To convert values from "${dataTypeSql(from)}" to "${dataTypeSql(to)}", you can use the functions \`${functionName}\` instead. SQLSTATE: 42K09`,
      { sqlExpr: `"${exprText}"`, srcType: `"${dataTypeSql(from)}"`, targetType: `"${dataTypeSql(to)}"`, functionNames: `\`${functionName}\`` })
  }
  const suggestion = ansi ? 'CAST_WITH_CONF_SUGGESTION' : 'CAST_WITHOUT_SUGGESTION'
  const tail = ansi ? ' If you have to cast it, set "spark.sql.ansi.enabled" to "false".' : ''
  return new AnalysisError(`DATATYPE_MISMATCH.${suggestion}`,
    `Cannot resolve "${exprText}" due to data type mismatch: cannot cast "${dataTypeSql(from)}" to "${dataTypeSql(to)}".${tail}`,
    { sqlExpr: `"${exprText}"`, srcType: `"${dataTypeSql(from)}"`, targetType: `"${dataTypeSql(to)}"` })
}

/** The function Spark names instead of a numeric ↔ timestamp/date cast refused in ANSI mode. */
function castFunctionSuggestion(from: DataType, to: DataType): string | undefined {
  const numeric = ['byte', 'short', 'integer', 'long', 'float', 'double', 'decimal'].includes(from.kind)
  if (numeric && to.kind === 'timestamp') return 'TIMESTAMP_SECONDS'
  if (from.kind === 'timestamp' && ['byte', 'short', 'integer', 'long', 'float', 'double', 'decimal'].includes(to.kind)) return 'UNIX_SECONDS'
  if (from.kind === 'date' && ['byte', 'short', 'integer', 'long', 'float', 'double', 'decimal'].includes(to.kind)) return 'UNIX_DATE'
  if (numeric && to.kind === 'date') return 'DATE_FROM_UNIX_DATE'
  return undefined
}
