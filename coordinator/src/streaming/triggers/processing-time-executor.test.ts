import { ManualClock } from '@sluice/shared'
import { describe, expect, it } from 'vitest'
import { ProcessingTimeExecutor } from './processing-time-executor.js'

/** Lets the executor reach its next sleep. */
const settle = async (clock: ManualClock) => clock.waitTillSleeping()

describe('ProcessingTimeExecutor', () => {
  it('should run batches on interval boundaries', async () => {
    const clock = new ManualClock(0)
    const executor = new ProcessingTimeExecutor(1_000, clock)
    const starts: number[] = []
    const done = executor.execute(() => {
      starts.push(clock.now())
      return starts.length < 3
    })
    await settle(clock)
    clock.advance(1_000)
    await settle(clock)
    clock.advance(1_000)
    await done
    expect(starts).toEqual([0, 1_000, 2_000])
  })

  it('should start the next batch at once after a late one, skipping missed boundaries, and report falling behind', async () => {
    const clock = new ManualClock(100)
    const behind: Array<[number, number]> = []
    const executor = new ProcessingTimeExecutor(1_000, clock, (elapsed, interval) => behind.push([elapsed, interval]))
    const starts: number[] = []
    const done = executor.execute(() => {
      starts.push(clock.now())
      if (starts.length === 1) clock.advance(2_500) // batch 1 runs from 100 to 2600, past the 1000 boundary
      return starts.length < 3
    })
    await settle(clock) // batch 2 started at once at 2600 and now waits for the 3000 boundary
    clock.advance(400)
    await done
    expect(starts).toEqual([100, 2_600, 3_000])
    expect(behind).toEqual([[2_500, 1_000]])
    expect(executor.nextBatchTime(3_000)).toBe(4_000)
    expect(executor.nextBatchTime(2_999)).toBe(3_000)
  })

  it('should stop at once when aborted while sleeping', async () => {
    const clock = new ManualClock(0)
    const controller = new AbortController()
    let runs = 0
    const done = new ProcessingTimeExecutor(60_000, clock).execute(() => {
      runs++
      return true
    }, controller.signal)
    await settle(clock)
    controller.abort()
    await done
    expect(runs).toBe(1)
    expect(clock.sleeperCount).toBe(0)
  })

  it('should run back to back with interval 0 and end with the body error', async () => {
    const clock = new ManualClock(0)
    let runs = 0
    const done = new ProcessingTimeExecutor(0, clock).execute(() => {
      runs++
      if (runs === 5) throw new Error('batch failed')
      return true
    })
    await expect(done).rejects.toThrow('batch failed')
    expect(runs).toBe(5)
  })
})
