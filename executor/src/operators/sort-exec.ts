import { compileExpr, type Row, type SortExec } from '@sluice/shared'
import type { TaskContext } from '../runtime/task-context.js'
import { compareValues } from './value-ordering.js'

/** Sorts all input rows (stable), by each order's direction and null ordering. */
export async function* runSort(plan: SortExec, input: AsyncIterable<Row[]>, context: TaskContext): AsyncIterable<Row[]> {
  const keys = plan.orders.map((o) => ({
    evaluator: compileExpr(o.child, plan.input.schema, context.evalContext),
    direction: o.ascending ? 1 : -1,
    nullsFirst: o.nullsFirst,
  }))
  const decorated: { row: Row; values: unknown[] }[] = []
  for await (const batch of input) {
    for (const row of batch) decorated.push({ row, values: keys.map((k) => k.evaluator.eval(row)) })
  }
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const x = a.values[i]
      const y = b.values[i]
      const key = keys[i]!
      if (x === null || y === null) {
        if (x === y) continue
        return (x === null) === key.nullsFirst ? -1 : 1
      }
      const c = compareValues(x, y)
      if (c !== 0) return c * key.direction
    }
    return 0
  })
  for (let i = 0; i < decorated.length; i += 4096) yield decorated.slice(i, i + 4096).map((d) => d.row)
}
