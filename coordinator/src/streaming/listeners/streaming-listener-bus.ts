import type { StreamingQueryListener, StreamingQueryListenerEvent } from './listener-events.js'

/** Where a listener's failure is reported (it never reaches the query or other listeners). */
export type ListenerErrorHandler = (error: unknown, listener: StreamingQueryListener, event: StreamingQueryListenerEvent) => void

const defaultErrorHandler: ListenerErrorHandler = (error, _listener, event) => {
  console.error(`Streaming query listener threw on ${event.type}; other listeners still run:`, error)
}

/**
 * Delivers query events to listeners, as Spark's StreamingQueryListenerBus:
 * `QueryStartedEvent` synchronously, inside `post` (so it happens before `start()`
 * returns); every other event asynchronously, one at a time, in posting order.
 * A listener that throws (or rejects) is reported to `onError` and the others
 * still get the event. A listener removed before delivery does not get it.
 *
 * @example
 * const bus = new StreamingListenerBus()
 * bus.addListener({ onQueryProgress: (e) => console.log(e.progress.batchId) })
 * bus.post({ type: 'QueryProgressEvent', progress })
 * await bus.waitUntilEmpty()
 */
export class StreamingListenerBus {
  private listeners: StreamingQueryListener[] = []
  private readonly queue: StreamingQueryListenerEvent[] = []
  private draining: Promise<void> | null = null

  constructor(private readonly onError: ListenerErrorHandler = defaultErrorHandler) {}

  addListener(listener: StreamingQueryListener): void {
    if (!this.listeners.includes(listener)) this.listeners = [...this.listeners, listener]
  }

  removeListener(listener: StreamingQueryListener): void {
    this.listeners = this.listeners.filter((l) => l !== listener)
  }

  get listenerCount(): number {
    return this.listeners.length
  }

  post(event: StreamingQueryListenerEvent): void {
    if (event.type === 'QueryStartedEvent') {
      for (const listener of this.listeners) {
        try {
          listener.onQueryStarted?.(event)
        } catch (error) {
          this.onError(error, listener, event)
        }
      }
      return
    }
    this.queue.push(event)
    if (this.draining === null) this.draining = this.drain()
  }

  /** Resolves once every event posted so far has been delivered. */
  async waitUntilEmpty(): Promise<void> {
    while (this.draining !== null) await this.draining
  }

  private async drain(): Promise<void> {
    // Deliver after the poster's current synchronous work, never inside `post`.
    await Promise.resolve()
    try {
      for (let event = this.queue.shift(); event !== undefined; event = this.queue.shift()) {
        for (const listener of this.listeners) await this.deliver(listener, event)
      }
    } finally {
      this.draining = null
    }
  }

  private async deliver(listener: StreamingQueryListener, event: StreamingQueryListenerEvent): Promise<void> {
    try {
      switch (event.type) {
        case 'QueryProgressEvent':
          await listener.onQueryProgress?.(event)
          break
        case 'QueryIdleEvent':
          await listener.onQueryIdle?.(event)
          break
        case 'QueryTerminatedEvent':
          await listener.onQueryTerminated?.(event)
          break
        case 'QueryStartedEvent':
          break
      }
    } catch (error) {
      this.onError(error, listener, event)
    }
  }
}
