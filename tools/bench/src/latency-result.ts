import type { BenchRunResult } from './bench-case.js'

/** A latency case's result: how many durations, and their p50 and p99 (nearest rank), in ms. */
export function latencyResult(durationsMs: readonly number[]): BenchRunResult {
  const sorted = [...durationsMs].sort((a, b) => a - b)
  const percentile = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
  return { rows: sorted.length, extra: { p50Ms: percentile(50), p99Ms: percentile(99) } }
}
