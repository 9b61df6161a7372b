import { compileExpr, type ExpandExec, type Row } from '@sluice/shared'
import { windowStartsContaining } from './sliding-windows.js'
import type { TaskContext } from '../runtime/task-context.js'

/**
 * One output row per projection list per input row (grouping sets), or, for a
 * sliding window, one row per window that contains the row's event time, with the
 * window struct [start, end] at `outputIndex`.
 */
export async function* runExpand(plan: ExpandExec, input: AsyncIterable<Row[]>, context: TaskContext): AsyncIterable<Row[]> {
  const inputSchema = plan.input.schema
  const projections = plan.projections.map((list) => list.map((e) => compileExpr(e, inputSchema, context.evalContext)))
  const sliding = plan.slidingWindow
  const timeEval = sliding ? compileExpr(sliding.timeExpr, inputSchema, context.evalContext) : undefined
  for await (const batch of input) {
    const out: Row[] = []
    for (const row of batch) {
      if (sliding && timeEval) {
        const t = timeEval.eval(row)
        if (typeof t !== 'number') continue
        const base = projections[0]!.map((p) => p.eval(row))
        for (const start of windowStartsContaining(t, sliding.windowMicros, sliding.slideMicros, sliding.startMicros)) {
          const copy = base.slice()
          copy[sliding.outputIndex] = [start, start + sliding.windowMicros]
          out.push(copy)
        }
      } else {
        for (const projection of projections) out.push(projection.map((p) => p.eval(row)))
      }
    }
    if (out.length > 0) yield out
  }
}
