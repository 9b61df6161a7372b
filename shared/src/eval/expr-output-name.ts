import { Expr } from '../expr/expr.js'
import { StringType, type DataType } from '../types/data-type.js'
import { sqlTypeString as dataTypeSql } from '../types/type-strings.js'
import { literalPrettyName } from './value-format.js'
import { functionDisplayArgs } from './function-display.js'
import { windowExprSqlText } from './window-frames.js'
import { subquerySqlText } from '../expr/subquery-expr.js'

const LAMBDA_VARIABLE_SQL = 'namedlambdavariable()'
const BINARY_OPERATORS = new Set(['+', '-', '*', '/', '%', 'div', '=', '==', '<=>', '<', '<=', '>', '>=', '&', '|', '^'])

/**
 * Spark's auto-generated name of an unaliased expression (`toPrettySQL`):
 * `upper(a)`, `(a + 1)`, `count(1)`, `(NOT a)`, `(a IS NULL)`, `CAST(x AS DOUBLE)`,
 * `CASE WHEN (a > 1) THEN x ELSE y END`; a column's name is its last part
 * (`a.b` → `b`), a literal prints bare (`1`, `'a'` → `a`). An alias gives its name.
 * `timeZone` is the session zone, in which TIMESTAMP literals print.
 */
export function exprOutputName(e: Expr, timeZone = 'UTC'): string {
  switch (e.kind) {
    case 'Alias': return e.name
    case 'Column': return e.nameParts[e.nameParts.length - 1] ?? ''
    case 'Ref': return e.name
    case 'Call': {
      // Spark's TimeWindowing/SessionWindowing rules alias these as `window` / `session_window`.
      const lower = e.name.toLowerCase()
      if (lower === 'window' || lower === 'session_window') return lower
      return exprSqlText(e, timeZone)
    }
    default: return exprSqlText(e, timeZone)
  }
}

/** The pretty SQL text of an expression nested inside a name; columns keep their full path. */
export function exprSqlText(e: Expr, timeZone = 'UTC'): string {
  const text = (x: Expr): string => exprSqlText(x, timeZone)
  switch (e.kind) {
    case 'Column': return e.nameParts.join('.')
    case 'Ref': return e.name
    case 'Star': return e.qualifier === undefined ? '*' : `${e.qualifier}.*`
    case 'Literal': return literalPrettyName(e.value, e.dataType, timeZone)
    case 'Alias': return text(e.child)
    case 'Cast':
      // Spark names a NULL cast to an array, map or struct just NULL (array.sql.out: `array_append(NULL, a)`).
      if (e.mode === 'cast' && e.child.kind === 'Literal' && e.child.value === null && ['array', 'map', 'struct'].includes(e.dataType.kind)) return 'NULL'
      return `${e.mode === 'try' ? 'TRY_CAST' : 'CAST'}(${text(e.child)} AS ${dataTypeSql(e.dataType)})`
    case 'SortOrder':
      return `${text(e.child)} ${e.ascending ? 'ASC' : 'DESC'} NULLS ${e.nullsFirst ? 'FIRST' : 'LAST'}`
    case 'Extract': {
      const key = e.key
      if (key.kind === 'Literal' && key.dataType.kind === 'string' && (isFieldAccess(e) || knownType(e.child)?.kind === 'struct')) {
        return `${text(e.child)}.${String(key.value)}`
      }
      return `${text(e.child)}[${text(key)}]`
    }
    case 'CaseWhen': {
      const branches = e.branches.map((b) => ` WHEN ${text(b.when)} THEN ${text(b.then)}`).join('')
      const otherwise = e.otherwise === undefined ? '' : ` ELSE ${text(e.otherwise)}`
      return `CASE${branches}${otherwise} END`
    }
    case 'Call': return callSqlText(e.name, e.args, e.distinct, text)
    // Spark prints a lambda with its variables, each only by its class name.
    case 'LambdaFunction': return `lambdafunction(${[text(e.body), ...e.params.map(() => LAMBDA_VARIABLE_SQL)].join(', ')})`
    case 'LambdaVariable': return LAMBDA_VARIABLE_SQL
    case 'Window': return windowExprSqlText(e, text)
    case 'Subquery': return subquerySqlText(e, text)
  }
}

/**
 * A struct field access written `s.f` (`Column.getField`, a dotted path on a
 * computed struct): its key literal is marked, because plan rewrites keep literal
 * nodes as they are (older plans marked the Extract node itself).
 */
export function isFieldAccess(e: Expr & { kind: 'Extract' }): boolean {
  return (e.key as { fieldAccess?: boolean }).fieldAccess === true || (e as { fieldAccess?: boolean }).fieldAccess === true
}

/** The key of a struct field access `s.f`: a string literal marked as field access (see `isFieldAccess`). */
export function fieldAccessKey(fieldName: string): Expr {
  return Object.freeze({ ...Expr.literal(fieldName, StringType), fieldAccess: true }) as Expr
}

/** The type of a bound expression where it is known without compiling (a Ref and fields below it). */
function knownType(e: Expr): DataType | undefined {
  if (e.kind === 'Ref') return e.dataType
  if (e.kind === 'Extract' && e.key.kind === 'Literal') {
    const parent = knownType(e.child)
    if (parent?.kind === 'struct') {
      const name = String(e.key.value).toLowerCase()
      return parent.fields.find((f) => f.name.toLowerCase() === name)?.dataType
    }
  }
  return undefined
}

function callSqlText(name: string, args: readonly Expr[], distinct: boolean, text: (e: Expr) => string): string {
  const a = args.map(text)
  const lower = name.toLowerCase()
  if (BINARY_OPERATORS.has(lower) && args.length === 2) {
    const op = lower === '==' ? '=' : lower
    return `(${a[0]} ${op} ${a[1]})`
  }
  switch (lower) {
    case 'and': return `(${a[0]} AND ${a[1]})`
    case 'or': return `(${a[0]} OR ${a[1]})`
    case 'not': return `(NOT ${a[0]})`
    case '!=': case '<>': return `(NOT (${a[0]} = ${a[1]}))`
    // EXTRACT(field FROM source) prints its field as written (Spark's Extract.sql).
    case 'extract': if (args.length === 2) return `extract(${a[0]} FROM ${a[1]})`; break
    case 'negative': return `(- ${a[0]})`
    case 'positive': return `(+ ${a[0]})`
    case '~': return `~${a[0]}`
    case 'isnull': return `(${a[0]} IS NULL)`
    case 'isnotnull': return `(${a[0]} IS NOT NULL)`
    case 'in': return `(${a[0]} IN (${a.slice(1).join(', ')}))`
    case '||': return `concat(${a.join(', ')})`
    case 'if': return `(IF(${a.join(', ')}))`
    // Cast functions (`double(x)`, `date(x)`) are casts Spark does not mark as user-written: they print as their argument.
    case 'boolean': case 'tinyint': case 'smallint': case 'int': case 'bigint': case 'float': case 'double':
    case 'decimal': case 'string': case 'binary': case 'date': case 'timestamp':
      if (args.length === 1) return a[0]!
      break
    case 'like':
      if (args.length === 3) {
        const escape = args[2]!
        const escapeText = escape.kind === 'Literal' ? String(escape.value) : a[2]
        return `${a[0]} LIKE ${a[1]}${escapeText === '\\' ? '' : ` ESCAPE '${escapeText}'`}`
      }
      return `${a[0]} LIKE ${a[1]}`
    case 'rlike': case 'regexp': case 'regexp_like': return `${lower.toUpperCase()}(${a.join(', ')})`
    case 'trim': case 'ltrim': case 'rtrim':
      if (args.length === 2) {
        const mode = lower === 'trim' ? 'BOTH' : lower === 'ltrim' ? 'LEADING' : 'TRAILING'
        return `TRIM(${mode} ${a[1]} FROM ${a[0]})`
      }
      break
  }
  const display = functionDisplayArgs(lower, args, a)
  return `${display.name}(${distinct ? 'DISTINCT ' : ''}${display.args.join(', ')})`
}
