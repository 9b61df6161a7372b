import { StreamingQueryError, StreamingStatusMessage, progressFromJson, type StreamingQueryListenerEvent, type StreamingQueryProgress, type StreamingQueryStatus } from '@sluice/coordinator'
import type { AwaitTerminationResponse__Output, ErrorInfo__Output, QueryInfo__Output } from '@sluice/proto'
import type { QueryHandle } from '../session/session-backend.js'
import { statusFromJson } from './query-events.js'
import { errorFromInfo } from './wire-codecs.js'

/** What a mirrored query asks the coordinator (implemented over SluiceService by RemoteStreams). */
export interface RemoteQueryOps {
  getQuery(queryId: string): Promise<QueryInfo__Output>
  stopQuery(queryId: string): Promise<QueryInfo__Output>
  /** `timeoutMs` > 0: the server answers `terminated: false` when it passes. */
  awaitTermination(queryId: string, timeoutMs: number): Promise<AwaitTerminationResponse__Output>
  processAllAvailable(queryId: string): Promise<QueryInfo__Output>
  /** True while the session's event stream is open (events will come). */
  eventsLive(): boolean
}

export interface RemoteQueryOptions {
  /** How many progresses to keep: spark.sql.streaming.numRecentProgressUpdates − 1, as Spark. */
  readonly capacity: number
  /** How long a method that returns after a batch or a termination waits for that event to reach the listeners, ms. */
  readonly eventWaitMs?: number
  /** Least time between two background refreshes a getter starts, ms. */
  readonly refreshIntervalMs?: number
  /** Called once when the mirror learns the run terminated. */
  readonly onTerminated?: (query: RemoteQuery) => void
}

/** Longest single AwaitTermination call; longer waits call again (the wire's "re-call on a deadline"). */
const AWAIT_SLICE_MS = 30_000
const DEFAULT_EVENT_WAIT_MS = 2_000
const DEFAULT_REFRESH_INTERVAL_MS = 100

/**
 * One run of a streaming query on the coordinator, mirrored in this process so the
 * getters stay synchronous (as PySpark's). The mirror is fed by the session's
 * WatchEvents stream (progress, idle, terminated) and by the QueryInfo every call
 * returns; reading `status` or `isActive` also starts a throttled GetQuery in the
 * background. Progresses merge by (batchId, timestamp), so an event and a snapshot
 * never count one progress twice, and arrive in order whichever comes first. A run
 * that terminated stays terminated.
 */
export class RemoteQuery implements QueryHandle {
  readonly id: string
  readonly runId: string
  #name: string | null
  #active = true
  #status: StreamingQueryStatus = { message: StreamingStatusMessage.INITIALIZING, isDataAvailable: false, isTriggerActive: false }
  #progress: StreamingQueryProgress[] = []
  readonly #progressKeys = new Set<string>()
  #exception: StreamingQueryError | null = null
  #exceptionFromInfo = false
  /** Progress keys whose event has reached the listeners (the most recent few). */
  readonly #delivered = new Set<string>()
  #terminatedDelivered = false
  #terminatedAt = 0
  #waiters: { test: () => boolean; resolve: () => void }[] = []
  #refreshing = false
  #lastRefresh = 0
  #resolveTerminated!: () => void
  /** Resolves when the mirror learns the run terminated (never rejects). */
  readonly terminated: Promise<void> = new Promise((resolve) => { this.#resolveTerminated = resolve })

  constructor(identity: { id: string; runId: string; name: string | null }, private readonly ops: RemoteQueryOps, private readonly options: RemoteQueryOptions) {
    this.id = identity.id
    this.runId = identity.runId
    this.#name = identity.name
  }

  get name(): string | null { return this.#name }
  get isActive(): boolean { this.refreshSoon(); return this.#active }
  get status(): StreamingQueryStatus { this.refreshSoon(); return { ...this.#status } }
  get lastProgress(): StreamingQueryProgress | null { return this.#progress.at(-1) ?? null }
  get recentProgress(): readonly StreamingQueryProgress[] { return [...this.#progress] }
  exception(): StreamingQueryError | null { return this.#exception }

  /** Whether the session still needs events for this run: active, or its terminated event not yet delivered (for a while). */
  get needsEvents(): boolean {
    return this.#active || (!this.#terminatedDelivered && Date.now() - this.#terminatedAt < (this.options.eventWaitMs ?? DEFAULT_EVENT_WAIT_MS))
  }

  async awaitTermination(timeoutMs?: number): Promise<boolean> {
    if (this.#active) {
      if (timeoutMs !== undefined && timeoutMs <= 0) {
        this.applyInfo(await this.ops.getQuery(this.id))
        if (this.#active) return false
      } else {
        const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs
        while (this.#active) {
          const remaining = deadline - Date.now()
          if (remaining <= 0) return false
          const answer = await this.ops.awaitTermination(this.id, Math.max(1, Math.min(remaining, AWAIT_SLICE_MS)))
          if (answer.query && answer.query.runId === this.runId) this.applyInfo(answer.query)
          if (answer.terminated && this.#active) this.applyInfo(await this.ops.getQuery(this.id))
        }
      }
    }
    await this.waitForEvent(() => this.#terminatedDelivered)
    if (this.#exception) throw this.#exception
    return true
  }

  async processAllAvailable(): Promise<void> {
    const info = await this.ops.processAllAvailable(this.id)
    this.applyInfo(info)
    const last = info.recentProgressJson.at(-1)
    if (last !== undefined) {
      const key = progressKey(progressFromJson(last))
      await this.waitForEvent(() => this.#delivered.has(key) || !this.#progressKeys.has(key))
    }
    if (!this.#active) await this.waitForEvent(() => this.#terminatedDelivered)
    if (this.#exception) throw this.#exception
  }

  async stop(): Promise<void> {
    this.applyInfo(await this.ops.stopQuery(this.id))
    this.markTerminated()
    await this.waitForEvent(() => this.#terminatedDelivered)
  }

  /** Takes in a snapshot of this run from the coordinator (another run's is ignored). */
  applyInfo(info: QueryInfo__Output): void {
    if (info.runId !== this.runId) return
    if (info.name) this.#name = info.name
    const status = statusFromJson(info.statusJson)
    // A snapshot taken before the run ended must not bring back a running status.
    if (status && (this.#active || !info.isActive)) this.#status = status
    for (const json of info.recentProgressJson) this.addProgress(progressFromJson(json))
    if (isSet(info.exception)) {
      this.#exception = streamingQueryErrorOf(info.exception, this.id, this.runId)
      this.#exceptionFromInfo = true
    }
    if (!info.isActive) this.markTerminated()
    this.wake()
  }

  /** Takes in a listener event of this run, before the listeners see it. */
  applyEvent(event: StreamingQueryListenerEvent): void {
    switch (event.type) {
      case 'QueryProgressEvent':
        this.addProgress(event.progress)
        break
      case 'QueryIdleEvent':
        if (this.#active) this.#status = { message: StreamingStatusMessage.WAITING_FOR_DATA, isDataAvailable: false, isTriggerActive: false }
        break
      case 'QueryTerminatedEvent':
        if (event.exception !== null && !this.#exceptionFromInfo && this.#exception === null) {
          this.#exception = new StreamingQueryError(this.id, this.runId, event.errorClassOnException, withoutClassPrefix(event.exception, 'STREAM_FAILED'), undefined)
        }
        this.markTerminated()
        break
      case 'QueryStartedEvent':
        break
    }
    this.wake()
  }

  /** Records that the listeners have seen `event` (what processAllAvailable and stop wait for). */
  markDelivered(event: StreamingQueryListenerEvent): void {
    if (event.type === 'QueryProgressEvent') {
      this.#delivered.add(progressKey(event.progress))
      if (this.#delivered.size > 4 * this.options.capacity + 16) this.#delivered.delete(this.#delivered.values().next().value!)
    } else if (event.type === 'QueryTerminatedEvent') {
      this.#terminatedDelivered = true
    }
    this.wake()
  }

  /** Marks the run terminated (idempotent); the status says Stopped. */
  markTerminated(): void {
    if (!this.#active) return
    this.#active = false
    this.#terminatedAt = Date.now()
    this.#status = { message: StreamingStatusMessage.STOPPED, isDataAvailable: false, isTriggerActive: false }
    this.wake()
    this.#resolveTerminated()
    this.options.onTerminated?.(this)
  }

  /** A GetQuery now (after a reconnect of the event stream, say). */
  async refresh(): Promise<void> {
    this.#lastRefresh = Date.now()
    this.applyInfo(await this.ops.getQuery(this.id))
  }

  private refreshSoon(): void {
    if (!this.#active || this.#refreshing) return
    if (Date.now() - this.#lastRefresh < (this.options.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS)) return
    this.#refreshing = true
    this.refresh().catch(() => undefined).finally(() => { this.#refreshing = false })
  }

  private addProgress(progress: StreamingQueryProgress): void {
    const key = progressKey(progress)
    if (this.#progressKeys.has(key)) return
    this.#progressKeys.add(key)
    let at = this.#progress.length
    while (at > 0 && compareProgress(this.#progress[at - 1]!, progress) > 0) at--
    this.#progress.splice(at, 0, progress)
    while (this.#progress.length > Math.max(1, this.options.capacity)) this.#progressKeys.delete(progressKey(this.#progress.shift()!))
  }

  /** Waits until `test` holds, while events can still come, for at most eventWaitMs. */
  private async waitForEvent(test: () => boolean): Promise<void> {
    if (test() || !this.ops.eventsLive()) return
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.options.eventWaitMs ?? DEFAULT_EVENT_WAIT_MS)
      const waiter = { test, resolve: done }
      this.#waiters.push(waiter)
      function done(): void { clearTimeout(timer); resolve() }
    })
  }

  private wake(): void {
    const ready = this.#waiters.filter((w) => w.test())
    if (ready.length === 0) return
    this.#waiters = this.#waiters.filter((w) => !ready.includes(w))
    for (const w of ready) w.resolve()
  }
}

function progressKey(progress: StreamingQueryProgress): string {
  return `${progress.batchId}|${progress.timestamp}`
}

function compareProgress(a: StreamingQueryProgress, b: StreamingQueryProgress): number {
  return a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.batchId - b.batchId
}

function isSet(info: ErrorInfo__Output | null | undefined): info is ErrorInfo__Output {
  return info !== null && info !== undefined && info.errorClass !== ''
}

/** The query's failure as embedded mode has it: a StreamingQueryError around the typed cause. */
export function streamingQueryErrorOf(info: ErrorInfo__Output, id: string, runId: string): StreamingQueryError {
  const error = errorFromInfo({ ...info })
  if (error instanceof StreamingQueryError) return error
  const message = withoutClassPrefix(info.message, info.errorClass)
  if (info.errorClass !== 'STREAM_FAILED') return StreamingQueryError.wrap(error, id, runId)
  // A STREAM_FAILED message ends with the cause's message, which starts with its class.
  const causeClass = /terminated with exception: \[([A-Z0-9_.]+)\]/.exec(message)?.[1] ?? null
  return new StreamingQueryError(id, runId, causeClass, message, error)
}

function withoutClassPrefix(message: string, errorClass: string): string {
  const prefix = `[${errorClass}] `
  return message.startsWith(prefix) ? message.slice(prefix.length) : message
}
