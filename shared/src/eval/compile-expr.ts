import { Expr, type CallExpr } from '../expr/expr.js'
import { AnalysisError, SluiceError } from '../errors/sluice-error.js'
import { IntegerType, type DataType, type StructType } from '../types/data-type.js'
import { sqlTypeString } from '../types/type-strings.js'
import { valuesEqual } from '../functions/value-ordering.js'
import type { FunctionArgs } from '../functions/function-types.js'
import type { CompiledExpr, EvalContext } from './types.js'
import { makeNode, constantValue, type CompiledNode } from './compiled-node.js'
import { exprOutputName, exprSqlText, isFieldAccess } from './expr-output-name.js'
import { resolveColumn } from './resolve-column.js'
import { buildCast, canCast, type CastOptions } from './cast.js'
import { cannotCast } from './cast-errors.js'
import { invalidArrayIndexError } from './arithmetic-errors.js'
import { isAggregateFunctionName, lookupScalarFunction, unresolvedRoutineError } from './function-lookup.js'
import { compileOperator, isOperatorName } from './compile-operators.js'
import { findWiderTypeOfAll } from './type-coercion.js'
import { compileBuiltinFunction } from './builtin-functions.js'
import { lookupHigherOrderFunction } from '../functions/higher-order-functions.js'
import {
  compileHigherOrderCall, compileLambdaVariable, lambdaOutsideHigherOrderFunction, type LambdaFrames,
} from './compile-higher-order.js'
import { windowExpressionNotAllowed, windowFunctionWithoutOver } from './window-errors.js'
import { subqueryNotAllowedHere } from './subquery-errors.js'
import { isWindowFunctionName } from './window-frames.js'

/**
 * Compiles expressions over one input schema into closures over column indexes:
 * names are resolved, types coerced and casts inserted once, so evaluating a row
 * walks no AST.
 */
export class ExprCompiler {
  /** Variables of the lambdas whose bodies are being compiled (see compile-higher-order.ts). */
  readonly lambdaFrames: LambdaFrames = []

  constructor(readonly schema: StructType, readonly context: EvalContext) {}

  compile(e: Expr): CompiledNode {
    switch (e.kind) {
      case 'Literal': {
        const value = e.value
        return makeNode(e.dataType, value === null, exprOutputName(e, this.context.timeZone), true, () => value)
      }
      case 'Column': return this.compileColumn(e.nameParts)
      case 'Ref': {
        const index = e.index
        return makeNode(e.dataType, e.nullable, e.name, false, (row) => row[index])
      }
      case 'Alias': {
        const child = this.compile(e.child)
        return { ...child, name: e.name }
      }
      case 'SortOrder': return this.compile(e.child)
      case 'Star':
        throw new AnalysisError('INVALID_USAGE_OF_STAR_OR_REGEX',
          `Invalid usage of '*' in expression "${exprSqlText(e)}". SQLSTATE: 42000`, { elem: "'*'", prettyName: 'expression' })
      case 'Cast': return this.compileCast(e.child, e.dataType, e.mode, exprOutputName(e, this.context.timeZone))
      case 'CaseWhen': return this.compileCaseWhen(e)
      case 'Extract': return this.compileExtract(e, exprOutputName(e, this.context.timeZone))
      case 'Call': return this.compileCall(e)
      case 'LambdaVariable': return compileLambdaVariable(this.lambdaFrames, e, this.context.caseSensitive, (name) => this.compileColumn([name]))
      case 'LambdaFunction': throw lambdaOutsideHigherOrderFunction('lambdafunction')
      case 'Window': throw windowExpressionNotAllowed(e)
      case 'Subquery': throw subqueryNotAllowedHere(e)
    }
  }

  /** Wraps `node` in an implicit cast to `to` (no-op when already of that type). */
  castTo(node: CompiledNode, to: DataType): CompiledNode {
    if (JSON.stringify(node.dataType) === JSON.stringify(to)) return node
    if (!canCast(node.dataType, to, false)) throw cannotCast(node.dataType, to, this.context.ansi, node.name)
    const cast = buildCast(node.dataType, to, this.castOptions(this.context.ansi))
    const child = node.eval
    return makeNode(to, node.nullable || !this.context.ansi, node.name, node.foldable, (row) => {
      const v = child(row)
      return v === null || v === undefined ? null : cast(v)
    })
  }

  private castOptions(ansi: boolean): CastOptions {
    return { ansi, timeZone: this.context.timeZone, currentTimestampMicros: this.context.currentTimestampMicros }
  }

  private compileColumn(nameParts: readonly string[]): CompiledNode {
    let resolved
    try {
      resolved = resolveColumn(nameParts, this.schema, this.context.caseSensitive)
    } catch (error) {
      // `current_date`, `user`, ... without parentheses are functions unless a column has that name (Spark's LiteralFunctionResolution).
      const word = nameParts.length === 1 ? nameParts[0]!.toLowerCase() : ''
      if (LITERAL_FUNCTIONS.has(word)) return this.compile(Expr.call(word, []))
      throw error
    }
    const index = resolved.index
    const path = resolved.path
    if (path.length === 0) return makeNode(resolved.dataType, resolved.nullable, resolved.name, false, (row) => row[index] ?? null)
    return makeNode(resolved.dataType, resolved.nullable, resolved.name, false, (row) => {
      let v: unknown = row[index]
      for (const step of path) {
        if (v === null || v === undefined) return null
        v = 'field' in step ? (v as unknown[])[step.field] : (v as Map<unknown, unknown>).get(step.mapKey)
      }
      return v ?? null
    })
  }

  private compileCast(childExpr: Expr, to: DataType, mode: 'cast' | 'try', name: string): CompiledNode {
    const child = this.compile(childExpr)
    if (!canCast(child.dataType, to, this.context.ansi)) {
      throw cannotCast(child.dataType, to, this.context.ansi, name)
    }
    const ansi = this.context.ansi && mode === 'cast'
    const cast = buildCast(child.dataType, to, this.castOptions(ansi))
    const evalChild = child.eval
    const evaluate = mode === 'try'
      ? (row: unknown[]): unknown => {
          const v = evalChild(row)
          if (v === null || v === undefined) return null
          try { return cast(v) } catch { return null }
        }
      : (row: unknown[]): unknown => {
          const v = evalChild(row)
          return v === null || v === undefined ? null : cast(v)
        }
    const nullable = child.nullable || !ansi || to.kind !== child.dataType.kind
    return makeNode(to, nullable, name, child.foldable, evaluate)
  }

  private compileCaseWhen(e: Expr & { kind: 'CaseWhen' }): CompiledNode {
    const conditions = e.branches.map((b) => this.castTo(this.compile(b.when), { kind: 'boolean' }))
    const values = e.branches.map((b) => this.compile(b.then))
    const otherwise = e.otherwise === undefined ? undefined : this.compile(e.otherwise)
    const all = otherwise === undefined ? values : [...values, otherwise]
    const type = findWiderTypeOfAll(all.map((v) => v.dataType), !this.context.ansi)
    const name = exprOutputName(e, this.context.timeZone)
    if (type === undefined) {
      throw new AnalysisError('DATATYPE_MISMATCH.DATA_DIFF_TYPES',
        `Cannot resolve "${name}" due to data type mismatch: Input to \`casewhen\` should all be the same type, but it's [${all.map((v) => `"${sqlTypeString(v.dataType)}"`).join(', ')}].`,
        { functionName: '`casewhen`', dataType: `[${all.map((v) => `"${sqlTypeString(v.dataType)}"`).join(', ')}]` })
    }
    const whenEvals = conditions.map((c) => c.eval)
    const thenEvals = values.map((v) => this.castTo(v, type).eval)
    const elseEval = otherwise === undefined ? undefined : this.castTo(otherwise, type).eval
    const nullable = otherwise === undefined || all.some((v) => v.nullable)
    const foldable = [...conditions, ...all].every((n) => n.foldable)
    return makeNode(type, nullable, name, foldable, (row) => {
      for (let i = 0; i < whenEvals.length; i++) {
        if (whenEvals[i]!(row) === true) return thenEvals[i]!(row)
      }
      return elseEval === undefined ? null : elseEval(row)
    })
  }

  private compileExtract(e: Expr & { kind: 'Extract' }, name: string): CompiledNode {
    const childExpr = e.child
    const keyExpr = e.key
    const child = this.compile(childExpr)
    const type = child.dataType
    const evalChild = child.eval
    if (type.kind === 'struct') {
      const key = this.compile(keyExpr)
      const fieldName = constantValue(key)
      if (typeof fieldName !== 'string') throw extractError(type, name)
      const lower = fieldName.toLowerCase()
      let index = type.fields.findIndex((f) => f.name === fieldName)
      if (index < 0 && !this.context.caseSensitive) index = type.fields.findIndex((f) => f.name.toLowerCase() === lower)
      if (index < 0) {
        throw new AnalysisError('FIELD_NOT_FOUND', `No such struct field \`${fieldName}\` in ${type.fields.map((f) => `\`${f.name}\``).join(', ')}. SQLSTATE: 42704`,
          { fieldName: `\`${fieldName}\``, fields: type.fields.map((f) => `\`${f.name}\``).join(', ') })
      }
      const field = type.fields[index]!
      // `s.f` written as field access (getField) is named `s.f`; a column path the planner bound to a
      // field extraction is named by its last part, as Spark names `SELECT s.f` → `f`.
      const accessName = isFieldAccess(e) ? `${exprSqlText(childExpr, this.context.timeZone)}.${field.name}` : field.name
      return makeNode(field.dataType, child.nullable || field.nullable, accessName, child.foldable, (row) => {
        const s = evalChild(row)
        return s === null || s === undefined ? null : ((s as unknown[])[index] ?? null)
      })
    }
    if (type.kind === 'array') {
      const key = this.castTo(this.compile(keyExpr), IntegerType)
      const evalKey = key.eval
      const ansi = this.context.ansi
      return makeNode(type.elementType, true, name, child.foldable && key.foldable, (row) => {
        const a = evalChild(row) as unknown[] | null
        if (a === null || a === undefined) return null
        const i = evalKey(row) as number | null
        if (i === null) return null
        if (i < 0 || i >= a.length) {
          if (ansi) throw invalidArrayIndexError(i, a.length)
          return null
        }
        return a[i] ?? null
      })
    }
    if (type.kind === 'map') {
      const key = this.castTo(this.compile(keyExpr), type.keyType)
      const evalKey = key.eval
      return makeNode(type.valueType, true, name, child.foldable && key.foldable, (row) => {
        const m = evalChild(row) as Map<unknown, unknown> | null
        if (m === null || m === undefined) return null
        const k = evalKey(row)
        if (k === null) return null
        if (m.has(k)) return m.get(k) ?? null
        for (const [mk, mv] of m) if (valuesEqual(mk, k)) return mv ?? null
        return null
      })
    }
    throw extractError(type, name)
  }

  private compileCall(e: CallExpr): CompiledNode {
    const name = exprOutputName(e, this.context.timeZone)
    const lower = e.name.toLowerCase()
    const higherOrder = lookupHigherOrderFunction(lower, e.args.length)
    if (higherOrder !== undefined) return compileHigherOrderCall(this, higherOrder, e, name)
    if (e.args.some((a) => a.kind === 'LambdaFunction')) throw lambdaOutsideHigherOrderFunction(lower)
    if (isOperatorName(lower)) {
      const special = compileOperator(this, lower, e.args, name)
      if (special !== undefined) return special
    }
    // Conditionals evaluate lazily (`coalesce(null, 1, 1/0)` is 1 in ANSI mode): always the compiler's own.
    if (LAZY_FUNCTIONS.has(lower)) return compileBuiltinFunction(this, lower, e.args, name)!
    const tryOperator = TRY_DATETIME_OPERATORS[lower]
    if (tryOperator !== undefined && e.args.length === 2) {
      const datetime = this.compileTryDatetimeOperator(tryOperator, e.args, name)
      if (datetime !== undefined) return datetime
    }
    const scalar = lookupScalarFunction(lower)
    if (scalar === undefined) {
      const builtin = compileBuiltinFunction(this, lower, e.args, name)
      if (builtin !== undefined) return builtin
      if (isAggregateFunctionName(lower)) {
        throw new AnalysisError('MISSING_GROUP_BY',
          `The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using OVER clauses. Aggregate function: ${name}. SQLSTATE: 42803`,
          { function: name })
      }
      if (isWindowFunctionName(lower)) throw windowFunctionWithoutOver(name)
      throw unresolvedRoutineError(e.name)
    }
    const args = e.args.map((a) => this.compile(a))
    const resolved = scalar.resolve(this.functionArgs(args))
    const casted = resolved.inputTypes === undefined ? args : args.map((a, i) => {
      const t = resolved.inputTypes![i]
      return t === undefined ? a : this.castTo(a, t)
    })
    const evals = casted.map((a) => a.eval)
    const foldable = args.every((a) => a.foldable) && !NON_DETERMINISTIC.has(lower)
    const nullIntolerant = resolved.nullIntolerant
    const invoke = resolved.invoke.bind(resolved)
    const n = evals.length
    return makeNode(resolved.dataType, resolved.nullable, name, foldable, (row) => {
      const values = new Array<unknown>(n)
      for (let i = 0; i < n; i++) {
        const v = evals[i]!(row)
        if (v === null || v === undefined) {
          if (nullIntolerant) return null
          values[i] = null
        } else {
          values[i] = v
        }
      }
      const result = invoke(values)
      return result === undefined ? null : result
    })
  }

  /**
   * `try_add(date, interval)`, `try_multiply(interval, 2)`, ...: Spark's try_ arithmetic of
   * dates, timestamps, TIME and intervals is the operator with null instead of its errors;
   * undefined when both arguments are plain numbers (the catalog's try_ functions).
   */
  private compileTryDatetimeOperator(op: string, args: readonly Expr[], name: string): CompiledNode | undefined {
    const datetime = (t: DataType): boolean => ['date', 'timestamp', 'timestamp_ntz', 'time', 'interval', 'year_month_interval', 'day_time_interval'].includes(t.kind)
    if (!args.some((a) => datetime(this.compile(a).dataType))) return undefined
    const node = compileOperator(this, op, args, name)!
    const evaluate = node.eval
    return makeNode(node.dataType, true, name, node.foldable, (row) => {
      try {
        return evaluate(row)
      } catch (error) {
        if (SluiceError.isInstance(error) && error.domain === 'user' && !(error instanceof AnalysisError)) return null
        throw error
      }
    })
  }

  /** What a function definition sees of its compiled arguments. */
  functionArgs(args: readonly CompiledNode[]): FunctionArgs {
    return {
      types: args.map((a) => a.dataType),
      constants: args.map((a) => constantValue(a)),
      nullable: args.map((a) => a.nullable),
      context: this.context,
    }
  }
}

const LITERAL_FUNCTIONS = new Set(['current_date', 'current_timestamp', 'current_time', 'current_user', 'user', 'session_user', 'current_timezone'])

const LAZY_FUNCTIONS = new Set(['coalesce', 'nvl', 'ifnull', 'nvl2', 'if', 'iff'])

const TRY_DATETIME_OPERATORS: Readonly<Record<string, string>> = { try_add: '+', try_subtract: '-', try_multiply: '*', try_divide: '/' }

const NON_DETERMINISTIC = new Set(['rand', 'randn', 'random', 'uuid', 'shuffle', 'monotonically_increasing_id', 'spark_partition_id'])

function extractError(type: DataType, name: string): AnalysisError {
  return new AnalysisError('INVALID_EXTRACT_BASE_FIELD_TYPE',
    `Can't extract a value from "${name}". Need a complex type [STRUCT, ARRAY, MAP] but got "${sqlTypeString(type)}". SQLSTATE: 42000`,
    { base: `"${name}"`, other: `"${sqlTypeString(type)}"` })
}

/**
 * Compiles a scalar expression against `inputSchema` into a closure over column
 * indexes. Aggregate calls are refused (MISSING_GROUP_BY): the planner compiles
 * them with `compileAggregate`. Errors: UNRESOLVED_COLUMN, UNRESOLVED_ROUTINE,
 * DATATYPE_MISMATCH.*; at run time ANSI errors (CAST_INVALID_INPUT, ...).
 */
export function compileExpr(expr: Expr, inputSchema: StructType, ctx: EvalContext): CompiledExpr {
  const node = new ExprCompiler(inputSchema, ctx).compile(expr)
  return { dataType: node.dataType, nullable: node.nullable, name: node.name, eval: node.eval }
}

