import { describe, expect, it, vi } from 'vitest'
import type { QueryTerminatedEvent, StreamingQueryListener } from './listener-events.js'
import { listenerEventToJson } from './listener-events.js'
import { StreamingListenerBus } from './streaming-listener-bus.js'

const started = { type: 'QueryStartedEvent', id: 'q', runId: 'r', name: null, timestamp: '2026-01-01T00:00:00.000Z' } as const
const idle = (n: number) => ({ type: 'QueryIdleEvent', id: 'q', runId: 'r', timestamp: `t${n}` }) as const
const terminated: QueryTerminatedEvent = { type: 'QueryTerminatedEvent', id: 'q', runId: 'r', exception: null, errorClassOnException: null }

describe('StreamingListenerBus', () => {
  it('should deliver onQueryStarted synchronously and other events asynchronously in order', async () => {
    const bus = new StreamingListenerBus()
    const seen: string[] = []
    bus.addListener({
      onQueryStarted: () => seen.push('started'),
      onQueryIdle: async (e) => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        seen.push(e.timestamp)
      },
      onQueryTerminated: () => void seen.push('terminated'),
    })
    bus.post(started)
    expect(seen).toEqual(['started'])
    bus.post(idle(1))
    bus.post(idle(2))
    bus.post(terminated)
    expect(seen).toEqual(['started'])
    await bus.waitUntilEmpty()
    expect(seen).toEqual(['started', 't1', 't2', 'terminated'])
  })

  it('should keep delivering to other listeners when one throws', async () => {
    const onError = vi.fn()
    const bus = new StreamingListenerBus(onError)
    const failing: StreamingQueryListener = {
      onQueryStarted: () => {
        throw new Error('boom')
      },
      onQueryIdle: async () => {
        throw new Error('async boom')
      },
    }
    const seen: string[] = []
    bus.addListener(failing)
    bus.addListener({ onQueryStarted: () => seen.push('started'), onQueryIdle: (e) => void seen.push(e.timestamp) })
    bus.post(started)
    bus.post(idle(1))
    await bus.waitUntilEmpty()
    expect(seen).toEqual(['started', 't1'])
    expect(onError).toHaveBeenCalledTimes(2)
    expect(onError.mock.calls[1]![0]).toEqual(new Error('async boom'))
  })

  it('should not deliver to a removed listener', async () => {
    const bus = new StreamingListenerBus()
    const listener = { onQueryIdle: vi.fn() }
    bus.addListener(listener)
    bus.addListener(listener)
    expect(bus.listenerCount).toBe(1)
    bus.post(idle(1))
    await bus.waitUntilEmpty()
    bus.removeListener(listener)
    bus.post(idle(2))
    await bus.waitUntilEmpty()
    expect(listener.onQueryIdle).toHaveBeenCalledTimes(1)
  })
})

describe('listenerEventToJson', () => {
  it("should render Spark's event JSON", () => {
    expect(listenerEventToJson(started)).toBe('{"id":"q","runId":"r","name":null,"timestamp":"2026-01-01T00:00:00.000Z"}')
    expect(listenerEventToJson(idle(3))).toBe('{"id":"q","runId":"r","timestamp":"t3"}')
    expect(listenerEventToJson({ ...terminated, exception: 'boom', errorClassOnException: 'DIVIDE_BY_ZERO' })).toBe(
      '{"id":"q","runId":"r","exception":"boom","errorClassOnException":"DIVIDE_BY_ZERO"}',
    )
  })
})
