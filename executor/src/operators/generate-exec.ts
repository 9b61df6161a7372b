import { compileExpr, type GenerateExec, type Row } from '@sluice/shared'
import type { TaskContext } from '../runtime/task-context.js'

/** Spark's GenerateExec: one row per element of an array (or entry of a map) per input row. */
export async function* runGenerate(plan: GenerateExec, input: AsyncIterable<Row[]>, context: TaskContext): AsyncIterable<Row[]> {
  const generator = compileExpr(plan.generator, plan.input.schema, context.evalContext)
  const generatedWidth = plan.schema.fields.length - plan.input.schema.fields.length
  const nulls = new Array(generatedWidth).fill(null)
  for await (const batch of input) {
    const out: Row[] = []
    for (const row of batch) {
      const value = generator.eval(row)
      let emitted = 0
      if (Array.isArray(value)) {
        value.forEach((element, position) => {
          const generated = plan.function === 'inline' ? (element === null ? nulls : (element as unknown[]))
            : plan.function === 'posexplode' ? [position, element] : [element]
          out.push(row.concat(generated))
          emitted++
        })
      } else if (value instanceof Map) {
        let position = 0
        for (const [key, entry] of value) {
          out.push(row.concat(plan.function === 'posexplode' ? [position++, key, entry] : [key, entry]))
          emitted++
        }
      }
      if (emitted === 0 && plan.outer) out.push(row.concat(nulls))
    }
    if (out.length > 0) yield out
  }
}
