/**
 * A source of time for the streaming runtime (triggers, rate source, progress
 * timestamps), injected so that tests control time instead of sleeping (Spark's
 * `Clock`, `SystemClock`, `ManualClock`).
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /**
   * Resolves once `now() >= targetMs`. Rejects with the signal's reason when
   * `signal` aborts first (an `AbortError` when the signal has no reason).
   */
  sleepUntil(targetMs: number, signal?: AbortSignal): Promise<void>
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The sleep was aborted', 'AbortError')
}

/** Wall-clock time, `Date.now()`, sleeping with timers. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now()
  }

  sleepUntil(targetMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal))
      const onAbort = (): void => {
        clearTimeout(timer)
        reject(abortReason(signal!))
      }
      // Timers can fire a little early; re-check until the target has really passed.
      const wake = (): void => {
        const remaining = targetMs - Date.now()
        if (remaining > 0) {
          timer = setTimeout(wake, remaining)
          return
        }
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }
      let timer = setTimeout(wake, Math.max(0, targetMs - Date.now()))
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }
}

interface Sleeper {
  readonly targetMs: number
  readonly resolve: () => void
}

/**
 * Time that moves only when told to (`advance`, `setTime`). Sleepers whose target
 * has been reached are woken in target order. `waitTillSleeping()` lets a test
 * wait until the code under test is blocked on the clock.
 *
 * @example
 * const clock = new ManualClock(0)
 * const slept = clock.sleepUntil(1_000)
 * clock.advance(1_000) // `slept` resolves
 */
export class ManualClock implements Clock {
  private currentMs: number
  private sleepers: Sleeper[] = []
  private sleepWaiters: Array<() => void> = []

  constructor(startMs = 0) {
    this.currentMs = startMs
  }

  now(): number {
    return this.currentMs
  }

  /** Moves time forward by `ms` (≥ 0) and wakes every sleeper whose target is reached. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError(`ManualClock.advance: ms must be >= 0, got ${ms}`)
    this.setTime(this.currentMs + ms)
  }

  /** Sets the time (never backwards) and wakes every sleeper whose target is reached. */
  setTime(ms: number): void {
    if (ms < this.currentMs) throw new RangeError(`ManualClock.setTime: time cannot go back from ${this.currentMs} to ${ms}`)
    this.currentMs = ms
    const due = this.sleepers.filter((s) => s.targetMs <= ms).sort((a, b) => a.targetMs - b.targetMs)
    this.sleepers = this.sleepers.filter((s) => s.targetMs > ms)
    for (const sleeper of due) sleeper.resolve()
  }

  /** Number of callers currently blocked in `sleepUntil`. */
  get sleeperCount(): number {
    return this.sleepers.length
  }

  /** Resolves when at least one caller is blocked in `sleepUntil`. */
  waitTillSleeping(): Promise<void> {
    if (this.sleepers.length > 0) return Promise.resolve()
    return new Promise((resolve) => this.sleepWaiters.push(resolve))
  }

  sleepUntil(targetMs: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal))
    if (targetMs <= this.currentMs) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const sleeper: Sleeper = {
        targetMs,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
      }
      const onAbort = (): void => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper)
        reject(abortReason(signal!))
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.sleepers.push(sleeper)
      const waiters = this.sleepWaiters
      this.sleepWaiters = []
      for (const wake of waiters) wake()
    })
  }
}
