import type { LimitExec, Row } from '@sluice/shared'

/** The first `limit` rows; stops pulling its input once it has them. */
export async function* runLimit(plan: LimitExec, input: AsyncIterable<Row[]>): AsyncIterable<Row[]> {
  let remaining = plan.limit
  if (remaining <= 0) return
  for await (const batch of input) {
    if (batch.length >= remaining) {
      yield batch.slice(0, remaining)
      return
    }
    remaining -= batch.length
    yield batch
  }
}
