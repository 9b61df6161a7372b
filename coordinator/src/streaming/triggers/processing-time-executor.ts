import type { Clock } from '@sluice/shared'

/**
 * Runs a trigger body at interval boundaries, as Spark's ProcessingTimeExecutor:
 *
 * ```
 * loop:
 *   triggerTime = now()
 *   nextTime = (floor(triggerTime / interval) + 1) * interval  // the boundary after this start
 *   continue = await body()                                    // false stops the loop
 *   if interval > 0 and now() - triggerTime > interval: warn "falling behind"
 *   if !continue: return
 *   sleep until nextTime
 * ```
 * A batch that ends before the next boundary waits for it; a batch that overran
 * it is followed at once by the next one, and the boundaries it missed are skipped
 * (never made up in a burst) — Spark's documented behaviour.
 * With interval 0 (the default trigger) the next body starts as soon as the last
 * one ends. The clock is injected, so tests drive it with a ManualClock.
 */
export class ProcessingTimeExecutor {
  constructor(
    readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly onFallingBehind: (elapsedMs: number, intervalMs: number) => void = () => {},
  ) {
    if (intervalMs < 0) throw new RangeError(`interval must be >= 0, got ${intervalMs}`)
  }

  /** The first boundary strictly after `nowMs` (Spark's nextBatchTime). */
  nextBatchTime(nowMs: number): number {
    if (this.intervalMs === 0) return nowMs
    return (Math.floor(nowMs / this.intervalMs) + 1) * this.intervalMs
  }

  /**
   * Calls `body` until it returns false or `signal` aborts (then resolves; an abort
   * while sleeping ends the wait at once). A body that throws ends the loop with its error.
   */
  async execute(body: () => Promise<boolean> | boolean, signal?: AbortSignal): Promise<void> {
    while (!signal?.aborted) {
      const triggerTimeMs = this.clock.now()
      const nextTriggerTimeMs = this.nextBatchTime(triggerTimeMs)
      const keepGoing = await body()
      const elapsedMs = this.clock.now() - triggerTimeMs
      if (this.intervalMs > 0 && elapsedMs > this.intervalMs) this.onFallingBehind(elapsedMs, this.intervalMs)
      if (!keepGoing || signal?.aborted) return
      if (this.intervalMs === 0) {
        // Yield so a stop request or I/O can run between back-to-back batches.
        await new Promise((resolve) => setImmediate(resolve))
        continue
      }
      try {
        await this.clock.sleepUntil(nextTriggerTimeMs, signal)
      } catch (error) {
        if (signal?.aborted) return
        throw error
      }
    }
  }
}
