import { ExecutorPool, LocalExecutor, type RunTaskOptions } from '@sluice/executor'
import type { ExecutorEndpoint, LaunchDescriptor } from './task-scheduler.js'
import { SlotTaskScheduler } from './slot-task-scheduler.js'

export interface InProcessSchedulerOptions {
  /** How many worker threads split task sets may use (spark.sluice.executor.threads, read at each launch); 1: none. */
  readonly threads: () => number
  /** The in-process executor's options: its state stores (the embedded state store cache). */
  readonly runTaskOptions?: RunTaskOptions
  /** Default: now. */
  readonly epoch?: number
}

/** The id of the embedded executor, as Spark's local mode calls its one executor. */
export const IN_PROCESS_EXECUTOR_ID = 'driver'

/**
 * Embedded mode's scheduler: the one scheduler over a single in-process endpoint.
 * A task set of one task (stateful micro-batches, batch queries that are not
 * split) runs on the `LocalExecutor` of this process, with the embedded state
 * store cache; the tasks of a split run on `ExecutorPool` worker threads (one per
 * thread). Both cross as bytes, as over gRPC. Spark's local mode: a failed task is
 * not retried (max task failures 1), so errors surface as they were raised.
 */
export function createInProcessScheduler(options: InProcessSchedulerOptions): SlotTaskScheduler {
  const endpoint = new InProcessEndpoint(options.threads, new LocalExecutor(options.runTaskOptions ?? {}))
  const scheduler = new SlotTaskScheduler({
    epoch: options.epoch ?? Date.now(),
    maxTaskFailures: 1,
    splitSlots: () => Math.max(1, options.threads()),
  })
  scheduler.addEndpoint(endpoint)
  return scheduler
}

/** The in-process transport: this process's executor for single tasks, worker threads for splits. */
class InProcessEndpoint implements ExecutorEndpoint {
  readonly id = IN_PROCESS_EXECUTOR_ID
  /** As many tasks at once as come (single tasks interleave on the event loop; the pool queues its own). */
  readonly slots = Number.POSITIVE_INFINITY
  #pool: ExecutorPool | undefined

  constructor(private readonly threads: () => number, private readonly local: LocalExecutor) {}

  async launch(descriptor: LaunchDescriptor, taskBytes: Uint8Array, signal: AbortSignal): Promise<Uint8Array> {
    const pool = descriptor.taskCount > 1 ? this.pool() : undefined
    if (!pool) return this.local.runEncoded(taskBytes, { signal })
    return (await pool.runEncoded(taskBytes, { signal })).result
  }

  async close(): Promise<void> {
    const pool = this.#pool
    this.#pool = undefined
    await pool?.close()
  }

  /** The worker threads (recreated when the thread count changed); none with one thread. */
  private pool(): ExecutorPool | undefined {
    const threads = this.threads()
    if (threads <= 1) return undefined
    // A resized pool replaces the old one, which is left to finish what it runs (its workers do not keep the process alive).
    if (this.#pool === undefined || this.#pool.size !== threads) this.#pool = new ExecutorPool(threads)
    return this.#pool
  }
}
