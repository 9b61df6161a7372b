import { AnalysisError, GrpcStatus, SluiceError } from '@sluice/shared'
import type { QueryEngine } from '../../session/query-engine.js'
import { StreamExecution } from './stream-execution.js'
import type { StreamingQuerySpec } from './streaming-query-spec.js'
import type { StreamingQueryListener } from './progress-types.js'

/**
 * The active runs of this process by checkpoint location, across sessions (Spark's
 * `sharedState.activeStreamingQueries`, keyed here by the checkpoint that holds the
 * query's id): a coordinator serves many sessions, and a client that died leaves
 * its query running there for its restarted self to take over.
 */
const activeRunsByCheckpoint = new Map<string, StreamExecution>()

/**
 * The session's streaming queries (Spark's StreamingQueryManager): starts them,
 * lists the active ones, waits for terminations, and holds the listeners.
 */
export class StreamingQueryManager {
  readonly #active = new Map<string, StreamExecution>()
  readonly #listeners: StreamingQueryListener[] = []
  #terminatedSinceReset: StreamExecution[] = []
  #terminationWaiters: (() => void)[] = []

  constructor(private readonly engine: QueryEngine) {}

  get active(): StreamExecution[] {
    return [...this.#active.values()]
  }

  get(id: string): StreamExecution | null {
    return this.#active.get(id) ?? null
  }

  async start(spec: StreamingQuerySpec): Promise<StreamExecution> {
    if (spec.name !== undefined && this.active.some((q) => q.name === spec.name)) {
      throw new AnalysisError('STREAMING_QUERY_NAME_ALREADY_ACTIVE', `Cannot start query with name ${spec.name} as a query with that name is already active in this SparkSession.`, { name: spec.name })
    }
    await this.stopActiveRun(spec.checkpointLocation)
    const execution = new StreamExecution(this.engine, spec, () => this.#listeners, (q) => {
      if (activeRunsByCheckpoint.get(spec.checkpointLocation) === q) activeRunsByCheckpoint.delete(spec.checkpointLocation)
      this.onTerminated(q)
    })
    await execution.start()
    if (this.#active.has(execution.id)) {
      await execution.stop()
      throw new AnalysisError('CONCURRENT_QUERY', `Another instance of this query was just started by a concurrent session: query id ${execution.id} is already active.`)
    }
    if (execution.isActive) {
      this.#active.set(execution.id, execution)
      activeRunsByCheckpoint.set(spec.checkpointLocation, execution)
    }
    return execution
  }

  /**
   * Spark's restart of a query that is still running (in any session of this process):
   * with spark.sql.streaming.stopActiveRunOnRestart (default true) the old run stops
   * first (its batch in flight ends uncommitted, for the new run to re-run); without,
   * the start fails as Spark's does.
   */
  private async stopActiveRun(checkpointLocation: string): Promise<void> {
    const previous = activeRunsByCheckpoint.get(checkpointLocation)
    if (previous === undefined || !previous.isActive) return
    if (!this.engine.conf.getBoolean('spark.sql.streaming.stopActiveRunOnRestart')) {
      throw new SluiceError({
        errorClass: 'CONCURRENT_QUERY',
        message: `Cannot start query with id ${previous.id} as another query with same id is already active. ` +
          'Perhaps you are attempting to restart a query from checkpoint that is already active. You may stop the old query by setting the SQL configuration: ' +
          'spark.conf.set("spark.sql.streaming.stopActiveRunOnRestart", true) and retry.',
        params: { queryId: previous.id }, domain: 'user', grpcStatus: GrpcStatus.FAILED_PRECONDITION,
      })
    }
    await previous.stop()
  }

  /** Resolves when any query terminates (since the last `resetTerminated`); false on timeout; rejects with its error. */
  async awaitAnyTermination(timeoutMs?: number): Promise<boolean> {
    const already = this.#terminatedSinceReset[0]
    if (already === undefined) {
      const terminated = new Promise<void>((resolve) => this.#terminationWaiters.push(resolve))
      if (timeoutMs === undefined) await terminated
      else {
        let timer: NodeJS.Timeout | undefined
        const ok = await Promise.race([terminated.then(() => true), new Promise<boolean>((r) => { timer = setTimeout(() => r(false), timeoutMs) })])
        clearTimeout(timer)
        if (!ok) return false
      }
    }
    const error = this.#terminatedSinceReset.find((q) => q.exception() !== null)?.exception()
    if (error) throw error
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

  async stopAll(): Promise<void> {
    await Promise.all(this.active.map((q) => q.stop()))
  }

  private onTerminated(query: StreamExecution): void {
    this.#active.delete(query.id)
    this.#terminatedSinceReset.push(query)
    const waiters = this.#terminationWaiters
    this.#terminationWaiters = []
    for (const w of waiters) w()
  }
}
