import { GrpcStatus, SluiceError } from '@sluice/shared'
import type { ExecutorEndpoint } from './task-scheduler.js'
import { SlotTaskScheduler } from './slot-task-scheduler.js'

/**
 * Builds this process's executor (embedded mode), given how many worker threads a
 * split may use (read at each launch). The coordinator does not depend on the
 * executor's runtime: the embedded session passes the executor package's
 * `inProcessExecutor(...)`.
 */
export type InProcessExecutorFactory = (threads: () => number) => ExecutorEndpoint

export interface InProcessSchedulerOptions {
  /** How many worker threads split task sets may use (spark.sluice.executor.threads, read at each launch); 1: none. */
  readonly threads: () => number
  /** This process's executor; default: the one installed with {@link setDefaultInProcessExecutor}. */
  readonly executor?: InProcessExecutorFactory
  /** Default: now. */
  readonly epoch?: number
}

/** The id of the embedded executor, as Spark's local mode calls its one executor. */
export const IN_PROCESS_EXECUTOR_ID = 'driver'

let defaultExecutor: InProcessExecutorFactory | undefined

/**
 * Sets the executor of engines built without a scheduler or an executor of their
 * own (the unit tests' setup installs the executor package's); undefined removes it.
 */
export function setDefaultInProcessExecutor(factory: InProcessExecutorFactory | undefined): void {
  defaultExecutor = factory
}

/** The executor {@link setDefaultInProcessExecutor} installed, if any. */
export function defaultInProcessExecutor(): InProcessExecutorFactory | undefined {
  return defaultExecutor
}

/**
 * Embedded mode's scheduler: the one scheduler over a single in-process endpoint
 * (the executor's in-process transport: single tasks in this process, splits on
 * worker threads, both as bytes). Spark's local mode: a failed task is not retried
 * (max task failures 1), so errors surface as they were raised. Throws NO_EXECUTOR
 * when no executor is given or installed.
 */
export function createInProcessScheduler(options: InProcessSchedulerOptions): SlotTaskScheduler {
  const executor = options.executor ?? defaultExecutor
  if (!executor) {
    throw new SluiceError({
      errorClass: 'NO_EXECUTOR',
      message: 'This engine has no executor: give it a scheduler (cluster mode) or an in-process executor (the executor package\'s inProcessExecutor).',
      domain: 'internal',
      grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    })
  }
  const scheduler = new SlotTaskScheduler({
    epoch: options.epoch ?? Date.now(),
    maxTaskFailures: 1,
    splitSlots: () => Math.max(1, options.threads()),
  })
  scheduler.addEndpoint(executor(options.threads))
  return scheduler
}
