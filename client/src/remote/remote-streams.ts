import type { StreamingQueryListener, StreamingQueryListenerEvent } from '@sluice/coordinator'
import type { QueryEvent__Output, QueryInfo__Output } from '@sluice/proto'
import type { StreamsFacade } from '../session/session-backend.js'
import { listenerEventOf } from './query-events.js'
import { RemoteQuery, type RemoteQueryOps } from './remote-query.js'
import type { CallStream, SluiceRpc } from './sluice-rpc.js'

/** How long after an event stream fails the client opens it again, ms. */
const EVENTS_RETRY_MS = 500
/** While awaiting any termination, how often the client also asks the coordinator, ms. */
const ANY_TERMINATION_POLL_MS = 1_000

export interface RemoteStreamsOptions {
  /** Waits for the session's pending conf, view and MemoryStream sends before a call that processes data. */
  readonly beforeQueryCall?: () => Promise<void>
  /** spark.sql.streaming.numRecentProgressUpdates of the session, read when a query starts. */
  readonly numRecentProgressUpdates: () => number
  readonly eventWaitMs?: number
}

/**
 * `spark.streams` of a remote session: the session's queries as mirrors
 * ({@link RemoteQuery}), its listeners, and the WatchEvents stream that feeds both.
 * The stream is open while a query of this session runs (or its terminated event
 * is still due), so an idle session holds no call open and a program that forgot
 * `spark.stop()` can still exit. Events reach listeners in order; a listener that
 * returns a promise is awaited before the next event, as embedded mode's bus.
 */
export class RemoteStreams implements StreamsFacade {
  /** Mirrors by run id (events name the run). */
  readonly #runs = new Map<string, RemoteQuery>()
  readonly #listeners: StreamingQueryListener[] = []
  #terminatedSinceReset: RemoteQuery[] = []
  #terminationWaiters: (() => void)[] = []
  #events: CallStream<QueryEvent__Output> | undefined
  #starting = 0
  #retryTimer: NodeJS.Timeout | undefined
  #closed = false
  readonly ops: RemoteQueryOps

  constructor(private readonly rpc: SluiceRpc, private readonly sessionId: string, private readonly options: RemoteStreamsOptions) {
    const before = options.beforeQueryCall ?? (async () => undefined)
    this.ops = {
      getQuery: (queryId) => rpc.unary('getQuery', { queryId }),
      stopQuery: async (queryId) => { await before(); return rpc.unary('stopQuery', { queryId }) },
      awaitTermination: async (queryId, timeoutMs) => {
        await before()
        return rpc.unary('awaitTermination', { queryId, timeoutMs: String(Math.ceil(timeoutMs)), sessionId: '' }, { deadline: new Date(Date.now() + timeoutMs + 15_000) })
      },
      processAllAvailable: async (queryId) => { await before(); return rpc.unary('processAllAvailable', { queryId }) },
      eventsLive: () => this.#events !== undefined,
    }
  }

  get active(): RemoteQuery[] {
    return [...this.#runs.values()].filter((q) => q.isActive)
  }

  get(id: string): RemoteQuery | null {
    return this.active.find((q) => q.id === id) ?? null
  }

  async awaitAnyTermination(timeoutMs?: number): Promise<boolean> {
    const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs
    while (this.#terminatedSinceReset.length === 0) {
      const remaining = deadline - Date.now()
      if (remaining <= 0) return false
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(remaining, ANY_TERMINATION_POLL_MS))
        const waiter = (): void => done()
        this.#terminationWaiters.push(waiter)
        function done(): void { clearTimeout(timer); resolve() }
      })
      // Events may be late or lost: ask about the queries still believed active.
      if (this.#terminatedSinceReset.length === 0) await Promise.all(this.active.map((q) => q.refresh().catch(() => undefined)))
    }
    const failed = this.#terminatedSinceReset.find((q) => q.exception() !== null)
    if (failed) throw failed.exception()
    return true
  }

  resetTerminated(): void {
    this.#terminatedSinceReset = []
  }

  addListener(listener: StreamingQueryListener): void {
    this.#listeners.push(listener)
  }

  removeListener(listener: StreamingQueryListener): void {
    const i = this.#listeners.indexOf(listener)
    if (i >= 0) this.#listeners.splice(i, 1)
  }

  /**
   * Runs `start` (the StartQuery call) with the event stream open, so the new run's
   * first events are not missed, and mirrors the run it answers.
   */
  async starting(start: () => Promise<QueryInfo__Output>, capacity: number): Promise<RemoteQuery> {
    this.#starting++
    this.updateEventStream()
    try {
      // The coordinator answers WatchEvents' headers once the watch is in place: then no event of the new run is missed.
      if (this.#events) await withTimeout(this.#events.headersReceived, this.options.eventWaitMs ?? 2_000)
      const info = await start()
      const query = this.mirror({ id: info.id, runId: info.runId, name: info.name || null }, capacity)
      query.applyInfo(info)
      return query
    } finally {
      this.#starting--
      this.updateEventStream()
    }
  }

  /** Ends the event stream; the mirrors keep their last state. */
  close(): void {
    this.#closed = true
    clearTimeout(this.#retryTimer)
    this.#events?.cancel()
    this.#events = undefined
    for (const w of this.#terminationWaiters.splice(0)) w()
  }

  private mirror(identity: { id: string; runId: string; name: string | null }, capacity?: number): RemoteQuery {
    let query = this.#runs.get(identity.runId)
    if (!query) {
      query = new RemoteQuery(identity, this.ops, {
        capacity: capacity ?? Math.max(1, this.options.numRecentProgressUpdates() - 1),
        ...(this.options.eventWaitMs !== undefined ? { eventWaitMs: this.options.eventWaitMs } : {}),
        onTerminated: (q) => this.onTerminated(q),
      })
      this.#runs.set(identity.runId, query)
    }
    return query
  }

  private onTerminated(query: RemoteQuery): void {
    this.#terminatedSinceReset.push(query)
    for (const w of this.#terminationWaiters.splice(0)) w()
    // Keep the stream a little longer for the terminated event, then let it go.
    setTimeout(() => this.updateEventStream(), (this.options.eventWaitMs ?? 2_000) + 10).unref()
  }

  private get needsEvents(): boolean {
    if (this.#closed) return false
    if (this.#starting > 0) return true
    for (const q of this.#runs.values()) if (q.needsEvents) return true
    return false
  }

  private updateEventStream(): void {
    if (this.needsEvents && this.#events === undefined && this.#retryTimer === undefined) this.openEventStream()
    else if (!this.needsEvents && this.#events !== undefined) {
      const events = this.#events
      this.#events = undefined
      events.cancel()
    }
  }

  private openEventStream(): void {
    const events = this.rpc.stream('watchEvents', { sessionId: this.sessionId })
    this.#events = events
    void (async () => {
      try {
        for await (const message of events) {
          await this.deliver(message)
          if (!this.needsEvents) break
        }
      } catch {
        // Reopened below while still needed; missed events come back through GetQuery.
      }
      if (this.#events !== events) return
      this.#events = undefined
      if (!this.needsEvents) return
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = undefined
        if (!this.needsEvents) return
        this.openEventStream()
        for (const q of this.active) void q.refresh().catch(() => undefined)
      }, EVENTS_RETRY_MS)
    })()
  }

  private async deliver(message: QueryEvent__Output): Promise<void> {
    let event: StreamingQueryListenerEvent | undefined
    try { event = listenerEventOf(message) } catch { return }
    if (!event) return
    const runId = message.runId || runIdOf(event)
    const known = this.#runs.get(runId)
    const query = known ?? this.mirror({ id: message.queryId || idOf(event), runId, name: event.type === 'QueryStartedEvent' ? event.name : null })
    if (!known && event.type !== 'QueryStartedEvent') void query.refresh().catch(() => undefined)
    query.applyEvent(event)
    for (const listener of [...this.#listeners]) {
      try {
        switch (event.type) {
          case 'QueryStartedEvent': listener.onQueryStarted?.(event); break
          case 'QueryProgressEvent': await listener.onQueryProgress?.(event); break
          case 'QueryIdleEvent': await listener.onQueryIdle?.(event); break
          case 'QueryTerminatedEvent': await listener.onQueryTerminated?.(event); break
        }
      } catch {
        // A listener's error never breaks the query or the other listeners (as embedded mode).
      }
    }
    query.markDelivered(event)
  }
}

function runIdOf(event: StreamingQueryListenerEvent): string {
  return event.type === 'QueryProgressEvent' ? event.progress.runId : event.runId
}

function idOf(event: StreamingQueryListenerEvent): string {
  return event.type === 'QueryProgressEvent' ? event.progress.id : event.id
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([promise, new Promise<void>((resolve) => { timer = setTimeout(resolve, ms) })]).finally(() => clearTimeout(timer))
}
