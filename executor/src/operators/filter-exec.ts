import { compileExpr, type FilterExec, type Row } from '@sluice/shared'
import type { TaskContext } from '../runtime/task-context.js'

/** Keeps the rows whose condition is true (not null, not false). */
export async function* runFilter(plan: FilterExec, input: AsyncIterable<Row[]>, context: TaskContext): AsyncIterable<Row[]> {
  const condition = compileExpr(plan.condition, plan.input.schema, context.evalContext)
  for await (const batch of input) {
    const out: Row[] = []
    for (const row of batch) if (condition.eval(row) === true) out.push(row)
    if (out.length > 0) yield out
  }
}
