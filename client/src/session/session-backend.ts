import type { LogicalPlan, Row, StructType } from '@sluice/shared'
import type { QueryEngine, StartOptions, StreamExecution, StreamingQueryManager, StreamingQueryRequest, TableInfo, WriteSpec } from '@sluice/coordinator'

/**
 * What a session needs from the engine behind it. Embedded mode implements it
 * in-process (`EmbeddedBackend`); remote mode over gRPC. Plans cross it as data.
 */
export interface SessionBackend {
  schemaOf(plan: LogicalPlan): Promise<StructType>
  collect(plan: LogicalPlan): Promise<{ schema: StructType; rows: Row[] }>
  explain(plan: LogicalPlan, extended: boolean): Promise<string>
  save(plan: LogicalPlan, spec: WriteSpec): Promise<void>
  createOrReplaceTempView(name: string, plan: LogicalPlan): void
  createTempView(name: string, plan: LogicalPlan): void
  dropTempView(name: string): boolean
  listTables(): Promise<TableInfo[]>
  getConf(key: string): string | undefined
  setConf(key: string, value: string | number | boolean): void
  unsetConf(key: string): void
  timeZone(): string
  /** Starts a streaming query where the session's queries run. */
  startStream(request: StreamingQueryRequest, options: StartOptions): Promise<StreamExecution>
  /** The streaming query manager of this session. */
  readonly streams: StreamingQueryManager
  /** The engine (embedded mode); sinks register their tables through its catalog. */
  readonly engine: QueryEngine
}
