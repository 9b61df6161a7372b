import { compileExpr, type ProjectExec, type Row } from '@sluice/shared'
import type { TaskContext } from '../runtime/task-context.js'

/** Evaluates the projection list for every row. */
export async function* runProject(plan: ProjectExec, input: AsyncIterable<Row[]>, context: TaskContext): AsyncIterable<Row[]> {
  const inputSchema = inputSchemaOf(plan)
  const evaluators = plan.exprs.map((e) => compileExpr(e, inputSchema, context.evalContext))
  const width = evaluators.length
  for await (const batch of input) {
    const out: Row[] = new Array(batch.length)
    for (let r = 0; r < batch.length; r++) {
      const row = batch[r]!
      const result: Row = new Array(width)
      for (let i = 0; i < width; i++) result[i] = evaluators[i]!.eval(row)
      out[r] = result
    }
    yield out
  }
}

const inputSchemaOf = (plan: ProjectExec) => plan.input.schema
