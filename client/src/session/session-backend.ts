import type { Clock, LogicalPlan, Row, StructType } from '@sluice/shared'
import type {
  ClientBatchCallback, StreamingQueryError, StreamingQueryListener, StreamingQueryProgress, StreamingQueryRequest,
  StreamingQueryStatus, TableInfo, WriteSpec,
} from '@sluice/coordinator'

/**
 * One streaming query as the session sees it, wherever it runs (PySpark's
 * StreamingQuery without the user-facing extras). The getters are synchronous, as
 * PySpark's: embedded they read the running query; remote they read a local mirror
 * kept fresh by the coordinator's event stream. Waiting methods take milliseconds.
 */
export interface QueryHandle {
  /** Survives restarts (it lives in the checkpoint). */
  readonly id: string
  /** New per start. */
  readonly runId: string
  readonly name: string | null
  readonly isActive: boolean
  readonly status: StreamingQueryStatus
  readonly lastProgress: StreamingQueryProgress | null
  /** Oldest first. */
  readonly recentProgress: readonly StreamingQueryProgress[]
  /** Resolves true once terminated (rejecting with the failure), false when `timeoutMs` passes first. */
  awaitTermination(timeoutMs?: number): Promise<boolean>
  /** Waits until everything available in the sources now has been processed and committed. */
  processAllAvailable(): Promise<void>
  stop(): Promise<void>
  exception(): StreamingQueryError | null
}

/** A session's streaming queries (Spark's StreamingQueryManager), wherever they run. */
export interface StreamsFacade {
  /** The session's active queries. */
  readonly active: readonly QueryHandle[]
  get(id: string): QueryHandle | null
  /** Resolves true when any query terminated since the last `resetTerminated` (rejecting with its error), false on timeout. */
  awaitAnyTermination(timeoutMs?: number): Promise<boolean>
  resetTerminated(): void
  addListener(listener: StreamingQueryListener): void
  removeListener(listener: StreamingQueryListener): void
}

export interface StartStreamOptions {
  /** The user's code of a foreach, foreachBatch or console sink; runs in this process. */
  readonly callback?: ClientBatchCallback
  /** Time for triggers and progress (tests pass a ManualClock); embedded mode only. */
  readonly clock?: Clock
}

/**
 * What a session needs from the engine behind it, whatever the transport. Embedded
 * mode implements it in-process (`EmbeddedBackend`), remote mode over gRPC
 * (`RemoteBackend`). Plans cross it as data. The synchronous methods (confs, views)
 * take effect at once for this session's later calls; a remote backend sends them in
 * order and makes its next asynchronous call wait for them.
 */
export interface SessionBackend {
  schemaOf(plan: LogicalPlan): Promise<StructType>
  collect(plan: LogicalPlan): Promise<{ schema: StructType; rows: Row[] }>
  explain(plan: LogicalPlan, extended: boolean): Promise<string>
  save(plan: LogicalPlan, spec: WriteSpec): Promise<void>
  createOrReplaceTempView(name: string, plan: LogicalPlan): void
  /** Throws TEMP_TABLE_OR_VIEW_ALREADY_EXISTS when the name is taken. */
  createTempView(name: string, plan: LogicalPlan): void
  dropTempView(name: string): boolean
  /** The plan of a temporary view by (case-insensitive) name; undefined for memory tables and unknown names. */
  viewPlan(name: string): LogicalPlan | undefined
  listTables(): Promise<TableInfo[]>
  getConf(key: string): string | undefined
  setConf(key: string, value: string | number | boolean): void
  unsetConf(key: string): void
  timeZone(): string
  /** Starts a streaming query where the session's queries run. */
  startStream(request: StreamingQueryRequest, options: StartStreamOptions): Promise<QueryHandle>
  /** The session's streaming queries and listeners. */
  readonly streams: StreamsFacade
  /**
   * Releases the session. Embedded: stops its queries and the engine. Remote: closes
   * the session on the coordinator, whose queries keep running (as Spark Connect's).
   */
  close(): Promise<void>
}
