import type { CallExpr, Expr, LambdaVariableExpr } from '../expr/expr.js'
import { AnalysisError } from '../errors/sluice-error.js'
import type { Row } from '../data/row.js'
import type { DataType } from '../types/data-type.js'
import { wrongNumArgs } from '../functions/function-support.js'
import type {
  BoundLambda, HigherOrderArgs, HigherOrderFunctionDefinition, HigherOrderValue, LambdaParam,
} from '../functions/higher-order-types.js'
import { makeNode, type CompiledNode } from './compiled-node.js'
import type { ExprCompiler } from './compile-expr.js'
import { exprSqlText } from './expr-output-name.js'

/** One lambda variable while its lambda's body compiles: the slot its higher-order function fills per call. */
interface LambdaVariableBinding {
  readonly dataType: DataType
  readonly nullable: boolean
  readonly slot: { value: unknown }
}

/**
 * The lambda variables in scope while compiling, innermost frame last. A compiled
 * variable reads its slot; the higher-order function sets the slots before each call
 * of the body (Spark's NamedLambdaVariable value), so rows are never copied.
 */
export type LambdaFrames = Map<string, LambdaVariableBinding>[]

/**
 * A lambda variable of an enclosing lambda (innermost declaration first). Case-sensitively
 * (`spark.sql.caseSensitive=true`) a reference spelled otherwise than the parameter it was bound
 * to names the variable of that exact spelling, else a column, as Spark's resolver would.
 */
export function compileLambdaVariable(frames: LambdaFrames, e: LambdaVariableExpr, caseSensitive: boolean, column: (name: string) => CompiledNode): CompiledNode {
  const name = caseSensitive && e.written !== undefined ? e.written : e.name
  for (let i = frames.length - 1; i >= 0; i--) {
    const binding = frames[i]!.get(name)
    if (binding === undefined) continue
    const slot = binding.slot
    return makeNode(binding.dataType, binding.nullable, exprSqlText(e), false, () => slot.value)
  }
  if (name !== e.name) return column(name)
  throw new AnalysisError('UNRESOLVED_COLUMN.WITHOUT_SUGGESTION',
    `A column, variable, or function parameter with name \`${e.name}\` cannot be resolved. SQLSTATE: 42703`,
    { objectName: `\`${e.name}\`` })
}

/** Spark's error for a lambda passed to a function that takes none (`upper(x -> x)`). */
export function lambdaOutsideHigherOrderFunction(functionName: string): AnalysisError {
  return new AnalysisError('_LEGACY_ERROR_TEMP_2306',
    `A lambda function should only be used in a higher order function. However, its class is ${functionName}, which is not a higher order function.`,
    { class: functionName })
}

/** Compiles a call of a higher-order function: its plain arguments, then its lambdas bound as the definition asks. */
export function compileHigherOrderCall(c: ExprCompiler, definition: HigherOrderFunctionDefinition, e: CallExpr, outName: string): CompiledNode {
  const argExprs = e.args
  if (argExprs.length < definition.minArgs || argExprs.length > definition.maxArgs) {
    throw wrongNumArgs(definition.name, definition.minArgs === definition.maxArgs ? definition.minArgs : [definition.minArgs, definition.maxArgs], argExprs.length)
  }
  const args: HigherOrderArgs = {
    name: e.name.toLowerCase(),
    outName,
    context: c.context,
    count: argExprs.length,
    value: (index) => compileValue(c, argExprs[index]!, e.name),
    declaredParams: (index) => {
      const arg = argExprs[index]!
      return arg.kind === 'LambdaFunction' ? arg.params.length : undefined
    },
    bind: (index, params) => bindLambda(c, argExprs[index]!, params),
  }
  const result = definition.compile(args)
  return makeNode(result.dataType, result.nullable, outName, false, result.eval)
}

function compileValue(c: ExprCompiler, e: Expr, functionName: string): HigherOrderValue {
  if (e.kind === 'LambdaFunction') {
    throw new AnalysisError('INVALID_LAMBDA_FUNCTION_CALL.PARAMETER_DOES_NOT_ACCEPT_LAMBDA_FUNCTION',
      `Invalid lambda function call. You passed a lambda function to a parameter that does not accept it. Please check if lambda function argument is in the correct position. SQLSTATE: 42K0D`,
      { functionName })
  }
  const node = c.compile(e)
  return { dataType: node.dataType, nullable: node.nullable, sql: exprSqlText(e, c.context.timeZone), eval: node.eval }
}

/**
 * Binds a function argument to the variables `params` (Spark's ResolveLambdaVariables
 * createLambda): a lambda must declare exactly that many distinct names; a plain
 * expression becomes a lambda whose (hidden) variables it cannot see.
 */
function bindLambda(c: ExprCompiler, e: Expr, params: readonly LambdaParam[]): BoundLambda {
  if (e.kind !== 'LambdaFunction') {
    const node = c.compile(e)
    const evaluate = node.eval
    const hidden = params.map(() => 'namedlambdavariable()')
    return {
      dataType: node.dataType, nullable: node.nullable,
      sql: `lambdafunction(${[exprSqlText(e, c.context.timeZone), ...hidden].join(', ')})`,
      call: (row: Row) => evaluate(row),
    }
  }
  if (e.params.length !== params.length) {
    throw new AnalysisError('INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH',
      `Invalid lambda function call. A higher order function expects ${e.params.length} arguments, but got ${params.length}. SQLSTATE: 42K0D`,
      { expectedNumArgs: String(e.params.length), actualNumArgs: String(params.length) })
  }
  const canonical = e.params.map((p) => (c.context.caseSensitive ? p : p.toLowerCase()))
  if (new Set(canonical).size < canonical.length) {
    const names = canonical.map((p) => `\`${p}\``).join(', ')
    throw new AnalysisError('INVALID_LAMBDA_FUNCTION_CALL.DUPLICATE_ARG_NAMES',
      `Invalid lambda function call. The lambda function has duplicate arguments ${names}. Please, consider to rename the argument names or set "spark.sql.caseSensitive" to "true". SQLSTATE: 42K0D`,
      { args: names, caseSensitiveConfig: '"spark.sql.caseSensitive"' })
  }
  const slots = params.map(() => ({ value: null as unknown }))
  const frame = new Map(e.params.map((name, i) => [name, { ...params[i]!, slot: slots[i]! }]))
  c.lambdaFrames.push(frame)
  let body: CompiledNode
  try {
    body = c.compile(e.body)
  } finally {
    c.lambdaFrames.pop()
  }
  const evaluate = body.eval
  const [s0, s1, s2] = slots
  const sql = exprSqlText(e, c.context.timeZone)
  const base = { dataType: body.dataType, nullable: body.nullable, sql }
  switch (slots.length) {
    case 1: return { ...base, call: (row: Row, a?: unknown) => { s0!.value = a; return evaluate(row) } }
    case 2: return { ...base, call: (row: Row, a?: unknown, b?: unknown) => { s0!.value = a; s1!.value = b; return evaluate(row) } }
    case 3: return { ...base, call: (row: Row, a?: unknown, b?: unknown, x?: unknown) => { s0!.value = a; s1!.value = b; s2!.value = x; return evaluate(row) } }
    default: return { ...base, call: (row: Row, ...values: unknown[]) => { slots.forEach((s, i) => { s.value = values[i] }); return evaluate(row) } }
  }
}
