import type { RunTaskOptions } from '../runtime/run-task.js'
import { ExecutorPool } from './executor-pool.js'
import { LocalExecutor } from './local-executor.js'

/** The id of the embedded executor, as Spark's local mode calls its one executor. */
export const IN_PROCESS_EXECUTOR_ID = 'driver'

/**
 * The in-process transport of embedded mode, shaped as the coordinator's
 * `ExecutorEndpoint` (structurally: the executor does not import the coordinator).
 * A task set of one task (stateful micro-batches, batch queries that are not split)
 * runs on this process's `LocalExecutor`, with the session's state stores; the tasks
 * of a split run on `ExecutorPool` worker threads. Both cross as bytes, as over gRPC.
 */
export class InProcessExecutor {
  readonly id = IN_PROCESS_EXECUTOR_ID
  /** As many tasks at once as come (single tasks interleave on the event loop; the pool queues its own). */
  readonly slots = Number.POSITIVE_INFINITY
  readonly #local: LocalExecutor
  #pool: ExecutorPool | undefined

  /** `threads`: how many worker threads a split may use, read at each launch (1: none). */
  constructor(private readonly threads: () => number, runTaskOptions: RunTaskOptions = {}) {
    this.#local = new LocalExecutor(runTaskOptions)
  }

  async launch(descriptor: { readonly taskCount: number }, taskBytes: Uint8Array, signal: AbortSignal): Promise<Uint8Array> {
    const pool = descriptor.taskCount > 1 ? this.pool() : undefined
    if (!pool) return this.#local.runEncoded(taskBytes, { signal })
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

/**
 * What an embedded session hands its coordinator engine (`QueryEngine`'s
 * `inProcessExecutor` option): builds this process's executor for the engine's
 * thread count, with `runTaskOptions` (the session's state stores).
 */
export function inProcessExecutor(runTaskOptions: RunTaskOptions = {}): (threads: () => number) => InProcessExecutor {
  return (threads) => new InProcessExecutor(threads, runTaskOptions)
}
