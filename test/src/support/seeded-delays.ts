/**
 * A small seeded PRNG (mulberry32) for test schedules: kill delays and stop points.
 * Independent of the engine and of the data generator.
 */
export class SeededDelays {
  #state: number

  constructor(readonly seed: number) {
    this.#state = seed >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0
    let t = this.#state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
}

/** The seed of a test run: `SLUICE_TEST_SEED` when set (to replay a failure), else a fresh one. */
export function testSeed(): number {
  const fromEnv = process.env['SLUICE_TEST_SEED']
  return fromEnv !== undefined ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31)
}
