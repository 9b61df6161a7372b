import type { Row } from '@sluice/shared'
import { checkAnswer, checkSink, type StreamAction } from './stream-actions.js'
import type { SeededRandom } from './seeded-random.js'
import type { StressModel } from './stress-script.js'
import { WindowedCountModel } from './windowed-count-model.js'
import { canonicalKey } from './row-matching.js'

// Reference models for the stress tests of the stateful operators (unit and e2e).

/** The check of an update-mode sink: the last row emitted for every key equals `expected` (key = first `keyColumns` values). */
export function latestPerKey(expected: readonly (readonly unknown[])[], keyColumns = 1): StreamAction {
  return checkSink((rows: readonly Row[]) => {
    const latest = new Map<string, string>()
    for (const row of rows) latest.set(canonicalKey(row.slice(0, keyColumns)), canonicalKey(row))
    const want = new Map(expected.map((row) => [canonicalKey(row.slice(0, keyColumns)), canonicalKey(row)]))
    const actualText = [...latest.values()].sort().join(' ')
    const expectedText = [...want.values()].sort().join(' ')
    if (actualText !== expectedText) throw new Error(`Latest rows per key do not match:\n  expected: ${expectedText}\n  actual:   ${actualText}`)
  }, `latest row per key = ${expected.length} rows`)
}

/** groupBy(k).agg(count, sum(v)) in plain JS. */
export class GroupCountSumModel implements StressModel<[string, number]> {
  readonly groups = new Map<string, [bigint, bigint]>()
  constructor(private readonly mode: 'complete' | 'update') {}
  processBatch(values: readonly [string, number][]): void {
    for (const [k, v] of values) {
      const [n, s] = this.groups.get(k) ?? [0n, 0n]
      this.groups.set(k, [n + 1n, s + BigInt(v)])
    }
  }
  table(): unknown[][] { return [...this.groups].map(([k, [n, s]]) => [k, n, s]) }
  check(): StreamAction { return this.mode === 'complete' ? checkAnswer(...this.table()) : latestPerKey(this.table()) }
}

/** The windowed count reference wrapped for stress scripts (seconds in, [start seconds, count] out). */
export class WindowStressModel implements StressModel<number> {
  readonly model: WindowedCountModel
  readonly emitted: unknown[][] = []
  constructor(readonly mode: 'append' | 'update') { this.model = new WindowedCountModel(10_000, 5_000, 5_000, mode) }
  processBatch(values: readonly number[]): void {
    const result = this.model.processBatch(values.map((s) => s * 1000))
    this.emitted.push(...result.emitted.map((w) => [BigInt(w.startMs / 1000), BigInt(w.count)]))
  }
  check(): StreamAction {
    if (this.mode === 'append') return checkAnswer(...this.emitted)
    const latest = new Map<string, unknown[]>()
    for (const row of this.emitted) latest.set(String(row[0]), row)
    return latestPerKey([...latest.values()])
  }
}

/** withWatermark(5 s).dropDuplicates() over seconds: a value at or below the batch's watermark is late; a value in state is a duplicate. */
export class DedupWatermarkModel implements StressModel<number> {
  readonly emitted: bigint[] = []
  #state = new Set<number>()
  #watermark = 0
  #max = -Infinity
  processBatch(values: readonly number[]): void {
    const batchWatermark = this.#watermark
    for (const v of values) {
      this.#max = Math.max(this.#max, v)
      if (v <= batchWatermark || this.#state.has(v)) continue
      this.#state.add(v)
      this.emitted.push(BigInt(v))
    }
    this.#watermark = Math.max(this.#watermark, this.#max - 5)
    this.#state = new Set([...this.#state].filter((v) => v > this.#watermark))
  }
  check(): StreamAction { return checkAnswer(...this.emitted) }
}

/** Event seconds that drift forward, some of them late. */
export function driftingSeconds(): (random: SeededRandom) => number[] {
  let base = 10
  return (random) => {
    base += random.int(0, 4)
    return Array.from({ length: random.int(1, 5) }, () => Math.max(0, base + random.int(-12, 6)))
  }
}

/**
 * withWatermark(5 s).dropDuplicatesWithinWatermark(['k']) over [key, seconds]: a row at or below
 * the batch's watermark is late; a key held in state is a duplicate; a kept row holds its key
 * until the watermark reaches its event time + 5 s.
 */
export class DedupWithinWatermarkModel implements StressModel<[string, number]> {
  readonly emitted: [string, number][] = []
  #expiry = new Map<string, number>()
  #watermark = 0
  #max = -Infinity
  processBatch(values: readonly [string, number][]): void {
    const batchWatermark = this.#watermark
    for (const [k, t] of values) {
      this.#max = Math.max(this.#max, t)
      if (t <= batchWatermark || this.#expiry.has(k)) continue
      this.#expiry.set(k, t + 5)
      this.emitted.push([k, t])
    }
    this.#watermark = Math.max(this.#watermark, this.#max - 5)
    for (const [k, expiry] of [...this.#expiry]) if (expiry <= this.#watermark) this.#expiry.delete(k)
  }
  check(): StreamAction { return checkAnswer(...this.emitted) }
}

/** [key, seconds] pairs with drifting seconds (some late) over a few keys. */
export function driftingKeyedSeconds(): (random: SeededRandom) => [string, number][] {
  const seconds = driftingSeconds()
  return (random) => seconds(random).map((t) => [`k${random.int(0, 4)}`, t])
}
