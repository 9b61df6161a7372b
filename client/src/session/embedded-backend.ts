import { SessionConfig, type LogicalPlan } from '@sluice/shared'
import { QueryEngine, StreamingQueryManager, startStreamingQuery, type StreamingQueryRequest, type TableInfo, type WriteSpec } from '@sluice/coordinator'
import { DEFAULT_STATE_STORE_CONF, StateStoreProviderCache, inProcessExecutor, stateStoreOpener } from '@sluice/executor'
import type { QueryHandle, SessionBackend, StartStreamOptions } from './session-backend.js'

/**
 * The whole engine in this process: a coordinator's QueryEngine with a local executor.
 * Its `StreamingQueryManager` is the streams facade and its `StreamExecution`s are the
 * query handles (they already have the shape).
 */
export class EmbeddedBackend implements SessionBackend {
  readonly engine: QueryEngine
  readonly streams: StreamingQueryManager

  constructor(conf: SessionConfig) {
    this.engine = new QueryEngine(conf, {
      inProcessExecutor: inProcessExecutor({
        openStateStores: stateStoreOpener(new StateStoreProviderCache({ ...DEFAULT_STATE_STORE_CONF, fsync: conf.getBoolean('spark.sluice.checkpoint.fsync') })),
      }),
    })
    this.streams = new StreamingQueryManager(this.engine)
  }

  startStream(request: StreamingQueryRequest, options: StartStreamOptions): Promise<QueryHandle> { return startStreamingQuery(this.engine, this.streams, request, options) }
  schemaOf(plan: LogicalPlan) { return this.engine.schemaOf(plan) }
  collect(plan: LogicalPlan) { return this.engine.collect(plan) }
  explain(plan: LogicalPlan, extended: boolean) { return this.engine.explain(plan, extended) }
  save(plan: LogicalPlan, spec: WriteSpec) { return this.engine.save(plan, spec) }
  createOrReplaceTempView(name: string, plan: LogicalPlan) { this.engine.catalog.createOrReplaceTempView(name, plan) }
  createTempView(name: string, plan: LogicalPlan) { this.engine.catalog.createTempView(name, plan) }
  dropTempView(name: string) { return this.engine.catalog.dropTempView(name) }
  viewPlan(name: string): LogicalPlan | undefined {
    const entry = this.engine.catalog.lookup(name)
    return entry?.kind === 'view' ? entry.plan : undefined
  }
  async listTables(): Promise<TableInfo[]> { return this.engine.catalog.listTables() }
  getConf(key: string) { return this.engine.conf.get(key) }
  setConf(key: string, value: string | number | boolean) { this.engine.conf.set(key, value) }
  unsetConf(key: string) { this.engine.conf.unset(key) }
  timeZone() { return this.engine.conf.get('spark.sql.session.timeZone') ?? 'UTC' }

  async close(): Promise<void> {
    await this.streams.stopAll()
    await this.engine.close()
  }
}
