import type { Row, SetOperationExec } from '@sluice/shared'
import { groupKey } from './group-key.js'

/**
 * INTERSECT / EXCEPT over whole rows, nulls comparing equal (as Spark's set
 * operations do): counts the right input's rows, then streams the left. Without
 * ALL the result is distinct; with ALL, multiset semantics (min of counts for
 * intersect, difference of counts for except).
 */
export async function* runSetOperation(plan: SetOperationExec, left: AsyncIterable<Row[]>, right: AsyncIterable<Row[]>): AsyncIterable<Row[]> {
  const counts = new Map<unknown, number>()
  for await (const batch of right) for (const row of batch) {
    const key = groupKey(row)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const emitted = new Set<unknown>()
  const intersect = plan.operation === 'intersect'
  for await (const batch of left) {
    const out: Row[] = []
    for (const row of batch) {
      const key = groupKey(row)
      const remaining = counts.get(key) ?? 0
      if (plan.all) {
        if (intersect ? remaining > 0 : remaining === 0) out.push(row)
        if (remaining > 0) counts.set(key, remaining - 1)
      } else if ((intersect ? remaining > 0 : remaining === 0) && !emitted.has(key)) {
        emitted.add(key)
        out.push(row)
      }
    }
    if (out.length > 0) yield out
  }
}
