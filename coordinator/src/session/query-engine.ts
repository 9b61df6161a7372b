import { SessionConfig, type EvalContext, type LogicalPlan, type Row, type StructType, type Task, type TaskResult } from '@sluice/shared'
import { availableParallelism } from 'node:os'
import { planQuery, type PlannedQuery } from '../planner/query-planner.js'
import type { PlannerContext } from '../planner/planner-context.js'
import { SessionCatalog } from './session-catalog.js'
import { resolveSourceSchema } from './source-schema.js'
import { saveBatch } from '../batch/save-batch.js'
import type { WriteSpec } from '../batch/write-spec.js'
import { explainPlan } from '../planner/explain-plan.js'
import { randomUUID } from 'node:crypto'
import type { TaskScheduler } from '../scheduler/task-scheduler.js'
import { createInProcessScheduler, type InProcessExecutorFactory } from '../scheduler/in-process-scheduler.js'
import { splitBatchTask } from '../scheduler/split-task.js'
import { mergeTaskResults } from '../scheduler/merge-task-results.js'

export interface QueryEngineOptions {
  /**
   * Runs every task of this engine (and of the engines sharing its resources): the
   * coordinator's cluster scheduler, left open when the engine closes. Default: the
   * embedded in-process scheduler over `inProcessExecutor`, closed with the engine.
   */
  readonly scheduler?: TaskScheduler
  /**
   * Embedded mode: this process's executor, which the embedded session supplies
   * (the executor package's `inProcessExecutor(...)` with its state stores); default:
   * the installed one (`setDefaultInProcessExecutor`).
   */
  readonly inProcessExecutor?: InProcessExecutorFactory
}

/** What the engines of one session share: the catalog and the task scheduler. */
interface SharedResources {
  readonly catalog: SessionCatalog
  readonly scheduler: TaskScheduler
  /** The engine built the scheduler (embedded), so closing the engine closes it. */
  readonly ownsScheduler: boolean
}

/**
 * The coordinator's side of a session: settings, catalog, planning, and running
 * queries as tasks through a `TaskScheduler`. Embedded mode holds one of these in
 * the user's process; the cluster coordinator holds one per remote session.
 */
export class QueryEngine {
  readonly catalog: SessionCatalog
  readonly #shared: SharedResources

  constructor(readonly conf: SessionConfig = new SessionConfig(), options: QueryEngineOptions = {}, shared?: SharedResources) {
    const { scheduler, inProcessExecutor } = options
    this.#shared = shared ?? {
      catalog: new SessionCatalog(),
      scheduler: scheduler ?? createInProcessScheduler({ threads: () => this.executorThreads(), ...(inProcessExecutor ? { executor: inProcessExecutor } : {}) }),
      ownsScheduler: scheduler === undefined,
    }
    this.catalog = this.#shared.catalog
  }

  /** Where this engine's tasks run. */
  get scheduler(): TaskScheduler {
    return this.#shared.scheduler
  }

  /**
   * This engine with its own copy of the settings, as the session Spark clones for a
   * streaming query: the query changes its settings (restored from its checkpoint)
   * without touching the session's, and later session changes do not reach it. The
   * catalog and the scheduler stay shared.
   */
  withOwnConf(): QueryEngine {
    return new QueryEngine(new SessionConfig(Object.fromEntries(this.conf.entries())), {}, this.#shared)
  }

  /** How many executor threads stateless work may use in embedded mode (spark.sluice.executor.threads; 0 = the machine's cores). */
  executorThreads(): number {
    const configured = this.conf.getNumber('spark.sluice.executor.threads' as never)
    return configured > 0 ? configured : availableParallelism()
  }

  /** Closes the scheduler if this engine's session built it (embedded mode). */
  async close(): Promise<void> {
    if (this.#shared.ownsScheduler) await this.#shared.scheduler.close()
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

  /** Runs a batch query and returns all its rows; `signal` aborts its job (a client that went away). */
  async collect(plan: LogicalPlan, options: { readonly signal?: AbortSignal } = {}): Promise<{ schema: StructType; rows: Row[] }> {
    const evalContext = this.evalContext()
    const planned = await this.plan(plan, evalContext)
    const task: Task = { queryId: randomUUID(), runId: randomUUID(), batchId: 0, attempt: 0, plan: planned.plan, evalContext }
    const result = await this.runBatchTask(task, options.signal)
    return { schema: planned.plan.schema, rows: [...result.rows] }
  }

  /** Runs a batch query's task through the scheduler: split by the files of its scan when its plan allows, results merged in order. */
  private async runBatchTask(task: Task, signal?: AbortSignal): Promise<TaskResult> {
    const tasks = await splitBatchTask(task, this.scheduler.availableSlots())
    return mergeTaskResults(await this.scheduler.runTasks(tasks, signal ? { signal } : {}))
  }

  async explain(plan: LogicalPlan, extended: boolean): Promise<string> {
    const planned = await this.plan(plan)
    return explainPlan(plan, planned.plan, extended)
  }

  /** `df.write...save(path)`: tasks write the files, this engine commits them (see `saveBatch`); `signal` aborts its job. */
  async save(plan: LogicalPlan, spec: WriteSpec, options: { readonly signal?: AbortSignal } = {}): Promise<void> {
    await saveBatch(this, plan, spec, options)
  }
}
