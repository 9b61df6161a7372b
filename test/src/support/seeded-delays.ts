import { SeededRandom } from '@sluice/client/testing'

/** Seeded kill delays and stop points for the exactly-once tests (the testing DSL's generator). */
export class SeededDelays extends SeededRandom {
  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return this.int(min, max)
  }
}

/** The seed of a test run: `SLUICE_TEST_SEED` when set (to replay a failure), else a fresh one. */
export function testSeed(): number {
  const fromEnv = process.env['SLUICE_TEST_SEED']
  return fromEnv !== undefined ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31)
}
