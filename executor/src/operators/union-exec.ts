import type { Row } from '@sluice/shared'

/** All rows of every input, in input order (UNION ALL). */
export async function* runUnion(inputs: readonly AsyncIterable<Row[]>[]): AsyncIterable<Row[]> {
  for (const input of inputs) yield* input
}
