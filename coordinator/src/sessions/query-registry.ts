import type { StreamExecution } from '../streaming/execution/stream-execution.js'

/** A streaming query the coordinator started, with the session that started it. */
export interface QueryRecord {
  readonly execution: StreamExecution
  readonly sessionId: string
  /** Spark's description of the sink (MemorySink, FileSink[...], ForeachBatchSink...). */
  readonly sinkDescription: string
}

/**
 * Every query started on this coordinator, by query id (a restarted query replaces
 * its earlier run). Terminated queries are remembered (the newest `retainTerminated`)
 * so a client can still read their progress and exception.
 */
export class QueryRegistry {
  readonly #records = new Map<string, QueryRecord>()

  constructor(private readonly retainTerminated = 100) {}

  add(record: QueryRecord): void {
    this.#records.delete(record.execution.id)
    this.#records.set(record.execution.id, record)
    this.forgetOldTerminated()
  }

  get(queryId: string): QueryRecord | undefined {
    return this.#records.get(queryId)
  }

  /** Queries of one session (or all), active ones, plus terminated ones when asked; oldest first. */
  list(sessionId: string | undefined, includeTerminated: boolean): QueryRecord[] {
    return [...this.#records.values()].filter((r) =>
      (sessionId === undefined || r.sessionId === sessionId) && (includeTerminated || r.execution.isActive))
  }

  active(): QueryRecord[] {
    return this.list(undefined, false)
  }

  private forgetOldTerminated(): void {
    const terminated = [...this.#records.values()].filter((r) => !r.execution.isActive)
    for (const record of terminated.slice(0, Math.max(0, terminated.length - this.retainTerminated))) {
      this.#records.delete(record.execution.id)
    }
  }
}
