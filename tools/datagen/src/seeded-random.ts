/**
 * A small seeded pseudo-random generator (mulberry32 over a splitmix32-mixed
 * seed): the same seed always gives the same sequence, on every platform.
 */
export class SeededRandom {
  private state: number

  constructor(seed: number) {
    let mixed = (seed >>> 0) + 0x9e3779b9
    mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b)
    mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35)
    this.state = (mixed ^ (mixed >>> 16)) >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [0, bound). */
  nextInt(bound: number): number {
    return Math.floor(this.next() * bound)
  }

  /** One element of `items`, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[this.nextInt(items.length)]!
  }

  /** A normally distributed value (Box-Muller). */
  nextGaussian(mean = 0, deviation = 1): number {
    const u = 1 - this.next()
    const v = this.next()
    return mean + deviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }
}
