import { randomUUID } from 'node:crypto'
import { GrpcStatus, SessionConfig, SluiceError } from '@sluice/shared'
import type { QueryEngine } from '../session/query-engine.js'
import { CoordinatorSession } from './coordinator-session.js'
import { QueryEventHub } from './query-event-hub.js'
import { QueryRegistry } from './query-registry.js'
import { SinkCallbackRouter } from './sink-callback-router.js'

export interface CoordinatorSessionsOptions {
  /** An engine for a new session over `conf`, sharing the coordinator's scheduler. */
  readonly newEngine: (conf: SessionConfig) => QueryEngine
  /** Session defaults (`--conf key=value`), under each session's own conf. */
  readonly defaults?: Readonly<Record<string, string>>
  /** How long a client-side sink's batch waits for its client's SinkCallbacks stream, ms. */
  readonly sinkCallbackConnectTimeoutMs?: number
  /** How many terminated queries GetQuery/ListQueries still know. */
  readonly retainTerminatedQueries?: number
}

/** A session id no live session has. */
export class SessionNotFoundError extends SluiceError {
  constructor(sessionId: string) {
    super({
      errorClass: 'INVALID_HANDLE.SESSION_NOT_FOUND',
      message: `The session ${sessionId} does not exist on this coordinator (closed, or the coordinator restarted).`,
      params: { handle: sessionId }, domain: 'user', grpcStatus: GrpcStatus.NOT_FOUND,
    })
  }
}

/**
 * The coordinator's sessions by id, the queries they started, their listener
 * events and the client sink callbacks. `CreateSession` adds one; a call without a
 * session id runs in a fresh session of its own.
 */
export class CoordinatorSessions {
  readonly queries: QueryRegistry
  readonly events = new QueryEventHub()
  readonly sinkCallbacks: SinkCallbackRouter
  readonly #sessions = new Map<string, CoordinatorSession>()

  constructor(private readonly options: CoordinatorSessionsOptions) {
    this.queries = new QueryRegistry(options.retainTerminatedQueries)
    this.sinkCallbacks = new SinkCallbackRouter(options.sinkCallbackConnectTimeoutMs)
  }

  /** A new session with the defaults overlaid by `conf`. */
  create(conf: Readonly<Record<string, string>> = {}, appName = ''): CoordinatorSession {
    const id = randomUUID()
    const engine = this.options.newEngine(new SessionConfig({ ...this.options.defaults, ...conf }))
    const session = new CoordinatorSession(id, appName, engine, this.events.listenerFor(id))
    this.#sessions.set(id, session)
    return session
  }

  /** The live session `id`; SESSION_NOT_FOUND (NOT_FOUND) otherwise. */
  get(id: string): CoordinatorSession {
    const session = this.#sessions.get(id)
    if (session === undefined) throw new SessionNotFoundError(id)
    return session
  }

  /** The session `id`, or a new one kept open (a query started without a session lives in its own). */
  getOrCreate(id: string): CoordinatorSession {
    return id === '' ? this.create() : this.get(id)
  }

  /**
   * Runs `work` in session `id`, or in a fresh session (with `conf`) closed after it
   * when `id` is empty; with an id, `conf` applies to this statement only.
   */
  async withSession<T>(id: string, conf: Readonly<Record<string, string>>, work: (session: CoordinatorSession, engine: QueryEngine) => Promise<T>): Promise<T> {
    if (id !== '') {
      const session = this.get(id)
      return work(session, session.engineFor(conf))
    }
    const session = this.create(conf)
    try {
      return await work(session, session.engine)
    } finally {
      // A fresh session's streaming queries (none from a batch statement) would keep it alive.
      if (session.streams.active.length === 0) await this.close(session.id, false)
    }
  }

  async close(id: string, stopQueries: boolean): Promise<void> {
    const session = this.get(id)
    this.#sessions.delete(id)
    await session.close(stopQueries)
    if (session.streams.active.length === 0) await session.engine.close()
  }

  get size(): number {
    return this.#sessions.size
  }

  /** Stops every query of every session (each ends its batch in flight uncommitted) and closes the engines. */
  async closeAll(): Promise<void> {
    const sessions = [...this.#sessions.values()]
    this.#sessions.clear()
    await Promise.all(this.queries.active().map((record) => record.execution.stop().catch(() => undefined)))
    await Promise.all(sessions.map(async (session) => {
      await session.close(true)
      await session.engine.close()
    }))
  }
}
