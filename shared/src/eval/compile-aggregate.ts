import type { Expr } from '../expr/expr.js'
import { AnalysisError } from '../errors/sluice-error.js'
import type { StructType } from '../types/data-type.js'
import type { CompiledAggregate, EvalContext } from './types.js'
import { ExprCompiler } from './compile-expr.js'
import { exprOutputName } from './expr-output-name.js'
import { lookupAggregateFunction, unresolvedRoutineError } from './function-lookup.js'

/**
 * Compiles an aggregate call (`count(1)`, `sum(DISTINCT x)`, optionally aliased)
 * against the aggregate's input schema: its arguments become closures over the
 * input row, its buffer functions come from the aggregate function catalog.
 */
export function compileAggregate(callExpr: Expr, inputSchema: StructType, ctx: EvalContext): CompiledAggregate {
  const name = exprOutputName(callExpr, ctx.timeZone)
  const call = callExpr.kind === 'Alias' ? callExpr.child : callExpr
  if (call.kind !== 'Call') {
    throw new AnalysisError('INTERNAL_ERROR', `compileAggregate expects an aggregate call, got ${name}`)
  }
  const definition = lookupAggregateFunction(call.name)
  if (definition === undefined) throw unresolvedRoutineError(call.name)
  const compiler = new ExprCompiler(inputSchema, ctx)
  const args = call.args.map((a) => compiler.compile(a))
  const resolved = definition.resolve(compiler.functionArgs(args), call.distinct)
  const casted = resolved.inputTypes === undefined ? args : args.map((a, i) => {
    const t = resolved.inputTypes![i]
    return t === undefined ? a : compiler.castTo(a, t)
  })
  const evals = casted.map((a) => a.eval)
  const n = evals.length
  return {
    dataType: resolved.dataType,
    nullable: resolved.nullable,
    name,
    init: () => resolved.init(),
    update: (buffer, row) => {
      const values = new Array<unknown>(n)
      for (let i = 0; i < n; i++) values[i] = evals[i]!(row) ?? null
      return resolved.update(buffer, values)
    },
    merge: (left, right) => resolved.merge(left, right),
    evaluate: (buffer) => resolved.evaluate(buffer),
  }
}
