import type { SessionConfig } from '@sluice/shared'
import type { QueryEngine } from '../session/query-engine.js'
import { StreamingQueryManager } from '../streaming/execution/streaming-query-manager.js'
import type { StreamingQueryListener } from '../streaming/execution/progress-types.js'

/**
 * One client session on the coordinator (Spark Connect's session): its own conf and
 * catalog (temporary views, memory tables) in its `QueryEngine`, its streaming
 * queries in its `StreamingQueryManager`. Engines of all sessions share the
 * coordinator's scheduler.
 */
export class CoordinatorSession {
  readonly streams: StreamingQueryManager
  /** The conf the session started with (defaults and CreateSession's), what RESET goes back to. */
  readonly #initialConf: ReadonlyMap<string, string>
  #closed = false

  constructor(
    readonly id: string,
    readonly appName: string,
    readonly engine: QueryEngine,
    listener: StreamingQueryListener,
  ) {
    this.#initialConf = new Map(engine.conf.entries())
    this.streams = new StreamingQueryManager(engine)
    this.streams.addListener(listener)
  }

  get conf(): SessionConfig {
    return this.engine.conf
  }

  get closed(): boolean {
    return this.#closed
  }

  /**
   * An engine for one statement with `overrides` on a copy of the session's conf
   * (ExecuteSql's per-statement conf); the session's own engine when there are none.
   */
  engineFor(overrides: Readonly<Record<string, string>>): QueryEngine {
    const keys = Object.keys(overrides)
    if (keys.length === 0) return this.engine
    const engine = this.engine.withOwnConf()
    for (const key of keys) engine.conf.set(key, overrides[key]!)
    return engine
  }

  /** RESET: `key` (or every key) back to its value when the session started. */
  resetConf(key?: string): void {
    const keys = key === undefined ? [...new Set([...this.conf.entries().map(([k]) => k), ...this.#initialConf.keys()])] : [key]
    for (const k of keys) {
      const initial = this.#initialConf.get(k)
      if (initial === undefined) this.conf.unset(k)
      else this.conf.set(k, initial)
    }
  }

  /** Closes the session: optionally stops its queries (they keep running otherwise, as Spark Connect's). */
  async close(stopQueries: boolean): Promise<void> {
    this.#closed = true
    if (stopQueries) await this.streams.stopAll()
  }
}
