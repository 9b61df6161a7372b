import {
  StructField, StructType, compileAggregate, compileExpr,
  type CompiledAggregate, type CompiledExpr, type EvalContext, type HashAggregateExec,
} from '@sluice/shared'

/** An aggregation's compiled parts: grouping and aggregate calls over the input, results over `[...groups, ...aggregates]`. */
export interface CompiledAggregation {
  readonly grouping: readonly CompiledExpr[]
  readonly aggregates: readonly CompiledAggregate[]
  readonly results: readonly CompiledExpr[]
}

export function compileAggregation(plan: HashAggregateExec, evalContext: EvalContext): CompiledAggregation {
  const inputSchema = plan.input.schema
  const grouping = plan.grouping.map((e) => compileExpr(e, inputSchema, evalContext))
  const aggregates = plan.aggregates.map((e) => compileAggregate(e, inputSchema, evalContext))
  const intermediate = StructType([
    ...grouping.map((g, i) => StructField(`_g${i}`, g.dataType, g.nullable)),
    ...aggregates.map((a, i) => StructField(`_a${i}`, a.dataType, a.nullable)),
  ])
  return { grouping, aggregates, results: plan.results.map((e) => compileExpr(e, intermediate, evalContext)) }
}
