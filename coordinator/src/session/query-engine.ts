import { SessionConfig, type EvalContext, type LogicalPlan, type Row, type StructType } from '@sluice/shared'
import { ExecutorPool, LocalExecutor, type RunTaskOptions } from '@sluice/executor'
import { availableParallelism } from 'node:os'
import { planQuery, type PlannedQuery } from '../planner/query-planner.js'
import type { PlannerContext } from '../planner/planner-context.js'
import { SessionCatalog } from './session-catalog.js'
import { resolveSourceSchema } from './source-schema.js'
import { saveBatch } from '../batch/save-batch.js'
import type { WriteSpec } from '../batch/write-spec.js'
import { explainPlan } from '../planner/explain-plan.js'
import { randomUUID } from 'node:crypto'

/** What the engines of one session share: the catalog, the executor and its worker threads. */
interface SharedResources {
  readonly catalog: SessionCatalog
  readonly executor: LocalExecutor
  pool: ExecutorPool | undefined
}

/**
 * The coordinator's side of a session: settings, catalog, planning, and running
 * batch queries as tasks on an executor. Embedded mode holds one of these in the
 * user's process; the cluster coordinator holds one per remote session.
 */
export class QueryEngine {
  readonly catalog: SessionCatalog
  readonly executor: LocalExecutor
  readonly #shared: SharedResources

  constructor(readonly conf: SessionConfig = new SessionConfig(), executorOptions: RunTaskOptions = {}, shared?: SharedResources) {
    this.#shared = shared ?? { catalog: new SessionCatalog(), executor: new LocalExecutor(executorOptions), pool: undefined }
    this.catalog = this.#shared.catalog
    this.executor = this.#shared.executor
  }

  /**
   * This engine with its own copy of the settings, as the session Spark clones for a
   * streaming query: the query changes its settings (restored from its checkpoint)
   * without touching the session's, and later session changes do not reach it. The
   * catalog and the executors stay shared.
   */
  withOwnConf(): QueryEngine {
    return new QueryEngine(new SessionConfig(Object.fromEntries(this.conf.entries())), {}, this.#shared)
  }

  /** How many executor threads stateless work may use (spark.sluice.executor.threads; 0 = the machine's cores). */
  executorThreads(): number {
    const configured = this.conf.getNumber('spark.sluice.executor.threads' as never)
    return configured > 0 ? configured : availableParallelism()
  }

  /** Worker-thread executors for tasks that run side by side; undefined with one thread. */
  executorPool(): ExecutorPool | undefined {
    const threads = this.executorThreads()
    if (threads <= 1) return undefined
    if (this.#shared.pool === undefined || this.#shared.pool.size !== threads) this.#shared.pool = new ExecutorPool(threads)
    return this.#shared.pool
  }

  async close(): Promise<void> {
    await this.#shared.pool?.close()
    this.#shared.pool = undefined
  }

  evalContext(): EvalContext {
    return {
      ansi: this.conf.getBoolean('spark.sql.ansi.enabled'),
      timeZone: this.conf.get('spark.sql.session.timeZone') ?? 'UTC',
      caseSensitive: this.conf.getBoolean('spark.sql.caseSensitive'),
      currentTimestampMicros: Date.now() * 1000,
      arrayExistsFollowsThreeValuedLogic: this.conf.getBoolean('spark.sql.legacy.followThreeValuedLogicInArrayExists'),
      allowNullComparisonResultInArraySort: this.conf.getBoolean('spark.sql.legacy.allowNullComparisonResultInArraySort'),
    }
  }

  plannerContext(evalContext: EvalContext = this.evalContext(), outputMode?: PlannerContext['outputMode']): PlannerContext {
    return {
      evalContext,
      catalog: this.catalog,
      resolveSourceSchema,
      shufflePartitions: this.conf.getNumber('spark.sql.shuffle.partitions'),
      collectRows: async (plan) => (await this.collect(plan)).rows,
      pivotMaxValues: this.conf.getNumber('spark.sql.pivotMaxValues'),
      ...(outputMode ? { outputMode } : {}),
    }
  }

  async plan(plan: LogicalPlan, evalContext: EvalContext = this.evalContext(), outputMode?: PlannerContext['outputMode']): Promise<PlannedQuery> {
    return planQuery(plan, this.plannerContext(evalContext, outputMode))
  }

  /** The schema of a plan's result (analysis only; no data is read beyond schema inference). */
  async schemaOf(plan: LogicalPlan): Promise<StructType> {
    return (await this.plan(plan)).plan.schema
  }

  /** Runs a batch query and returns all its rows. */
  async collect(plan: LogicalPlan): Promise<{ schema: StructType; rows: Row[] }> {
    const evalContext = this.evalContext()
    const planned = await this.plan(plan, evalContext)
    const result = await this.executor.run({ queryId: randomUUID(), runId: randomUUID(), batchId: 0, attempt: 0, plan: planned.plan, evalContext })
    return { schema: planned.plan.schema, rows: [...result.rows] }
  }

  async explain(plan: LogicalPlan, extended: boolean): Promise<string> {
    const planned = await this.plan(plan)
    return explainPlan(plan, planned.plan, extended)
  }

  /** `df.write...save(path)`. */
  async save(plan: LogicalPlan, spec: WriteSpec): Promise<void> {
    const { schema, rows } = await this.collect(plan)
    await saveBatch(spec, schema, rows, this.evalContext().timeZone, this.conf)
  }
}
