import {
  listenerEventToJson, type StreamingQueryListener, type StreamingQueryListenerEvent,
} from '../streaming/listeners/listener-events.js'

/** A listener event with the session of its query, as `WatchEvents` sends it. */
export interface SessionQueryEvent {
  readonly sessionId: string
  /** QueryStartedEvent, QueryProgressEvent, QueryIdleEvent, QueryTerminatedEvent. */
  readonly type: StreamingQueryListenerEvent['type']
  readonly queryId: string
  readonly runId: string
  /** Spark's `event.json`. */
  readonly json: string
}

type Watcher = (event: SessionQueryEvent) => void

/**
 * Listener events of every session's queries, fanned out to watchers (one per
 * `WatchEvents` call), each watching one session or all. Delivery never blocks a
 * query: a watcher only enqueues.
 */
export class QueryEventHub {
  readonly #watchers = new Set<{ sessionId: string | undefined; watcher: Watcher }>()

  /** Watches one session's events (or every session's when `sessionId` is undefined); returns the unsubscribe. */
  watch(sessionId: string | undefined, watcher: Watcher): () => void {
    const entry = { sessionId, watcher }
    this.#watchers.add(entry)
    return () => { this.#watchers.delete(entry) }
  }

  get watcherCount(): number {
    return this.#watchers.size
  }

  /** The listener a session registers on its StreamingQueryManager. */
  listenerFor(sessionId: string): StreamingQueryListener {
    const publish = (event: StreamingQueryListenerEvent): void => this.publish(sessionId, event)
    return {
      onQueryStarted: publish,
      onQueryProgress: publish,
      onQueryIdle: publish,
      onQueryTerminated: publish,
    }
  }

  private publish(sessionId: string, event: StreamingQueryListenerEvent): void {
    if (this.#watchers.size === 0) return
    const ids = event.type === 'QueryProgressEvent'
      ? { queryId: event.progress.id, runId: event.progress.runId }
      : { queryId: event.id, runId: event.runId }
    const message: SessionQueryEvent = { sessionId, type: event.type, ...ids, json: listenerEventToJson(event) }
    for (const { sessionId: watched, watcher } of this.#watchers) {
      if (watched !== undefined && watched !== sessionId) continue
      try {
        watcher(message)
      } catch {
        // NOTE: a watcher whose client went away must not break the query's listener bus.
      }
    }
  }
}
