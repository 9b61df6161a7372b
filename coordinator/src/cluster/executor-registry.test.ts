import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '@sluice/shared'
import { ExecutorRegistry } from './executor-registry.js'

describe('ExecutorRegistry', () => {
  const registries: ExecutorRegistry[] = []
  afterEach(() => { for (const r of registries.splice(0)) r.close() })

  function registry(clock: ManualClock): { registry: ExecutorRegistry; events: string[] } {
    const r = new ExecutorRegistry({ epoch: 1700, heartbeatIntervalMs: 1000, executorTimeoutMs: 10_000, clock, checkIntervalMs: 0 })
    registries.push(r)
    const events: string[] = []
    r.on('executor-added', (info) => events.push(`+${info.executorId}#${info.member}`))
    r.on('executor-removed', (info, reason) => events.push(`-${info.executorId}#${info.member} ${reason}`))
    return { registry: r, events }
  }

  it('should answer a registration with the epoch and heartbeat interval and keep the executor while it heartbeats', () => {
    const clock = new ManualClock(0)
    const { registry: r, events } = registry(clock)
    expect(r.register({ executorId: 'e1', address: '127.0.0.1:7001', slots: 2 })).toEqual({ epoch: 1700, heartbeatIntervalMs: 1000 })
    for (let i = 0; i < 30; i++) {
      clock.advance(9_000)
      expect(r.heartbeat('e1')).toEqual({ registered: true, epoch: 1700 })
    }
    expect(r.expireLost()).toEqual([])
    expect(r.live().map((e) => [e.executorId, e.address, e.slots])).toEqual([['e1', '127.0.0.1:7001', 2]])
    expect(events).toEqual(['+e1#1'])
  })

  it('should remove an executor silent for longer than spark.network.timeout, exactly past it', () => {
    const clock = new ManualClock(0)
    const { registry: r, events } = registry(clock)
    r.register({ executorId: 'e1', address: 'h:1', slots: 1 })
    r.register({ executorId: 'e2', address: 'h:2', slots: 1 })
    clock.advance(5_000)
    r.heartbeat('e2')
    clock.advance(5_000) // e1 silent for exactly 10 s: still alive
    expect(r.expireLost()).toEqual([])
    clock.advance(1)
    expect(r.expireLost().map((e) => e.executorId)).toEqual(['e1'])
    expect(r.live().map((e) => e.executorId)).toEqual(['e2'])
    expect(events).toEqual(['+e1#1', '+e2#2', '-e1#1 no heartbeat for 10001 ms (spark.network.timeout 10000 ms)'])
  })

  it('should tell a lost executor that heartbeats again it is not registered, and take it back as a new member', () => {
    const clock = new ManualClock(0)
    const { registry: r, events } = registry(clock)
    r.register({ executorId: 'e1', address: 'h:1', slots: 1 })
    clock.advance(20_000)
    // The heartbeat of a paused executor that wakes up: it is lost by now.
    expect(r.heartbeat('e1')).toEqual({ registered: false, epoch: 1700 })
    r.register({ executorId: 'e1', address: 'h:1', slots: 1 })
    expect(r.get('e1')?.member).toBe(2)
    expect(events).toEqual(['+e1#1', '-e1#1 no heartbeat for 20000 ms (spark.network.timeout 10000 ms)', '+e1#2'])
  })

  it('should take a repeated registration of a live executor as the same member, and a changed one as a new member', () => {
    const clock = new ManualClock(0)
    const { registry: r, events } = registry(clock)
    r.register({ executorId: 'e1', address: 'h:1', slots: 1 })
    clock.advance(9_000)
    r.register({ executorId: 'e1', address: 'h:1', slots: 1 })
    clock.advance(9_000)
    expect(r.expireLost()).toEqual([])
    r.register({ executorId: 'e1', address: 'h:9', slots: 4 })
    expect(events).toEqual(['+e1#1', '-e1#1 registered again from h:9', '+e1#2'])
    expect(r.heartbeat('nobody').registered).toBe(false)
  })

  it('should check liveness by itself on a timer', async () => {
    const clock = new ManualClock(0)
    const r = new ExecutorRegistry({ epoch: 1, heartbeatIntervalMs: 10, executorTimeoutMs: 100, clock, checkIntervalMs: 5 })
    registries.push(r)
    const removed = new Promise<string>((resolve) => r.on('executor-removed', (info) => resolve(info.executorId)))
    r.register({ executorId: 'e1', address: 'h:1', slots: 1 })
    clock.advance(101)
    expect(await removed).toBe('e1')
  })
})
