/** One window's row as the reference emits it: start and end in epoch ms, and the count. */
export interface WindowCount {
  readonly startMs: number
  readonly endMs: number
  readonly count: number
}

/** What one micro-batch of the reference produced. */
export interface WindowBatchResult {
  /** Rows the sink receives from this batch and the no-data batch after it. */
  readonly emitted: WindowCount[]
  /** Window rows dropped as late (one per window a late event falls in). */
  readonly droppedWindowRows: number
}

/**
 * A plain-JS reference of `withWatermark(t, delay).groupBy(window(t, size, slide)).count()`
 * under Spark's documented semantics, batch by batch: a batch uses the watermark
 * computed at the end of the previous one (max event time seen − delay, never
 * going back); in append and update modes an event is dropped for a window whose
 * end ≤ that watermark; append emits (and forgets) a window once the watermark
 * passes its end, which the no-data batch after a batch does as soon as the
 * watermark moves; update emits the windows a batch changed and forgets those
 * the watermark passed; complete emits every window every batch.
 */
export class WindowedCountModel {
  #watermarkMs = 0
  #maxEventMs = -Infinity
  readonly #state = new Map<number, number>()

  constructor(readonly sizeMs: number, readonly slideMs: number, readonly delayMs: number, readonly mode: 'append' | 'update' | 'complete') {}

  get watermarkMs(): number {
    return this.#watermarkMs
  }

  /** The windows `[start, start + size)` holding `eventMs` (Spark's window assignment, startTime 0). */
  windowsOf(eventMs: number): number[] {
    const starts: number[] = []
    const last = eventMs - (((eventMs % this.slideMs) + this.slideMs) % this.slideMs)
    for (let start = last; start > eventMs - this.sizeMs; start -= this.slideMs) starts.push(start)
    return starts
  }

  /** Runs one batch of events (epoch ms) and the no-data batch after it. */
  processBatch(eventsMs: readonly number[]): WindowBatchResult {
    const batchWatermark = this.#watermarkMs
    const changed = new Set<number>()
    let dropped = 0
    for (const event of eventsMs) {
      for (const start of this.windowsOf(event)) {
        if (this.mode !== 'complete' && start + this.sizeMs <= batchWatermark) { dropped++; continue }
        this.#state.set(start, (this.#state.get(start) ?? 0) + 1)
        changed.add(start)
      }
      this.#maxEventMs = Math.max(this.#maxEventMs, event)
    }
    const emitted: WindowCount[] = []
    if (this.mode === 'complete') emitted.push(...this.rows(() => true))
    if (this.mode === 'update') emitted.push(...this.rows((start) => changed.has(start)))
    this.evict(batchWatermark, emitted)
    const next = Math.max(this.#watermarkMs, this.#maxEventMs - this.delayMs)
    if (next > this.#watermarkMs) {
      this.#watermarkMs = next
      this.evict(next, emitted)
    }
    return { emitted, droppedWindowRows: dropped }
  }

  /** Every window the state holds now (complete mode's table). */
  allWindows(): WindowCount[] {
    return this.rows(() => true)
  }

  private evict(watermarkMs: number, emitted: WindowCount[]): void {
    if (this.mode === 'complete') return
    for (const [start, count] of [...this.#state]) {
      if (start + this.sizeMs > watermarkMs) continue
      if (this.mode === 'append') emitted.push({ startMs: start, endMs: start + this.sizeMs, count })
      this.#state.delete(start)
    }
  }

  private rows(keep: (start: number) => boolean): WindowCount[] {
    return [...this.#state].filter(([start]) => keep(start)).map(([start, count]) => ({ startMs: start, endMs: start + this.sizeMs, count }))
  }
}
