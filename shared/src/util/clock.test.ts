import { describe, expect, it } from 'vitest'
import { ManualClock, SystemClock } from './clock.js'

describe('ManualClock', () => {
  it('should wake sleepers only when time reaches their target, in target order', async () => {
    const clock = new ManualClock(100)
    const woken: number[] = []
    const a = clock.sleepUntil(300).then(() => woken.push(300))
    const b = clock.sleepUntil(200).then(() => woken.push(200))
    clock.advance(50)
    await Promise.resolve()
    expect(woken).toEqual([])
    expect(clock.sleeperCount).toBe(2)
    clock.advance(250)
    await Promise.all([a, b])
    expect(woken).toEqual([200, 300])
    expect(clock.now()).toBe(400)
  })

  it('should resolve at once for a target in the past', async () => {
    const clock = new ManualClock(10)
    await clock.sleepUntil(5)
    expect(clock.sleeperCount).toBe(0)
  })

  it('should reject a sleeper when its signal aborts and forget it', async () => {
    const clock = new ManualClock(0)
    const controller = new AbortController()
    const sleeping = clock.sleepUntil(1_000, controller.signal)
    controller.abort(new Error('stopped'))
    await expect(sleeping).rejects.toThrow('stopped')
    expect(clock.sleeperCount).toBe(0)
  })

  it('should let a test wait until someone sleeps', async () => {
    const clock = new ManualClock(0)
    const waiting = clock.waitTillSleeping()
    void clock.sleepUntil(10)
    await waiting
    expect(clock.sleeperCount).toBe(1)
    clock.advance(10)
  })

  it('should refuse to go back in time', () => {
    const clock = new ManualClock(10)
    expect(() => clock.setTime(5)).toThrow(RangeError)
  })
})

describe('SystemClock', () => {
  it('should sleep until the wall clock passes the target', async () => {
    const clock = new SystemClock()
    const target = clock.now() + 20
    await clock.sleepUntil(target)
    expect(Date.now()).toBeGreaterThanOrEqual(target)
  })
})
