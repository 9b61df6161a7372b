import type { Row, WatermarkExec } from '@sluice/shared'
import type { TaskContext } from '../runtime/task-context.js'

/**
 * Spark's EventTimeWatermarkExec: passes rows through unchanged and reports the
 * batch's max/min/avg event time, from which the coordinator advances the
 * watermark for the next batch (max event time − delay). Late rows are dropped by
 * the stateful operators, not here.
 */
export async function* runWatermark(plan: WatermarkExec, input: AsyncIterable<Row[]>, context: TaskContext): AsyncIterable<Row[]> {
  let max = -Infinity
  let min = Infinity
  let sum = 0
  let count = 0
  const index = plan.eventTimeIndex
  for await (const batch of input) {
    for (const row of batch) {
      const t = row[index]
      if (typeof t === 'number') {
        if (t > max) max = t
        if (t < min) min = t
        sum += t
        count++
      }
    }
    yield batch
  }
  if (count > 0) context.streaming?.reportEventTime(plan.watermarkId, max, min, sum, count)
}
