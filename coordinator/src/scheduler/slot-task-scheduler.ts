import { GrpcStatus, SluiceError, decodeTaskResult, encodeTask, type Task, type TaskResult } from '@sluice/shared'
import type { ExecutorEndpoint, RunTasksOptions, TaskScheduler } from './task-scheduler.js'
import { ExecutorLostError } from './executor-lost-error.js'
import { TaskSetManager } from './task-set-manager.js'
import { discardAttemptOutput } from './discard-attempt-output.js'

/** Encodes a task, hands its bytes to a transport and decodes the result (as the executor's `LocalExecutor.runVia`). */
export interface TaskCodec {
  runVia(task: Task, transport: (bytes: Uint8Array) => Promise<Uint8Array>): Promise<TaskResult>
}

export interface SlotTaskSchedulerOptions {
  /** The coordinator's epoch, stamped on every task. */
  readonly epoch: number
  /** spark.task.maxFailures: attempts a task may fail before its job fails (≥ 1). */
  readonly maxTaskFailures: number
  /** Default: the task encoding of `shared/src/codec/task-codec.ts`. */
  readonly codec?: TaskCodec
  /** How many tasks a split may use; default: the free slots of the live executors. */
  readonly splitSlots?: () => number
  /** What to do with the output of an attempt whose result is not used; default: delete its data files. */
  readonly discardResult?: (task: Task, result: TaskResult) => Promise<void>
  /**
   * Called when a call to a live executor failed as unreachable (`ExecutorLostError`),
   * before its heartbeats time out: the cluster removes it at once (an executor that
   * is alive after all registers again as a new member).
   */
  readonly onExecutorLost?: (executorId: string, error: ExecutorLostError) => void
  /** One line per attempt that is lost or failed and retried, and per late result discarded (Spark's TaskSetManager warnings). */
  readonly log?: (line: string) => void
}

/** The versioned task encoding (sluice-task/1 and sluice-task-result/1 frames). */
const TASK_CODEC: TaskCodec = {
  async runVia(task, transport) {
    return decodeTaskResult(await transport(encodeTask(task)), task.plan.schema)
  },
}

/** The scheduler's view of one live executor. */
export interface ExecutorSlots {
  readonly endpoint: ExecutorEndpoint
  /** Attempts running there now. */
  running: number
  /** Sequence number of the last launch there (least recent first among equals: round robin). */
  lastLaunch: number
  removed: boolean
  /** Called with the loss when the executor is removed while attempts run there. */
  readonly onLost: Set<(error: ExecutorLostError) => void>
}

/**
 * The one scheduler of both modes: task sets over the slots of a changing set of
 * executor endpoints (in-process or gRPC). Free slots decide placement (the
 * executor with most free slots, round robin among equals); a single task with a
 * `stickyKey` goes back to the executor that ran it last while that one lives. A
 * removed executor's running attempts fail at once as lost (their late results are
 * discarded) and are retried elsewhere. See {@link TaskScheduler} for the contract;
 * one job's bookkeeping is {@link TaskSetManager}.
 */
export class SlotTaskScheduler implements TaskScheduler {
  readonly epoch: number
  readonly maxTaskFailures: number
  readonly codec: TaskCodec
  readonly discardResult: (task: Task, result: TaskResult) => Promise<void>
  readonly log: (line: string) => void
  readonly #splitSlots: (() => number) | undefined
  readonly #onExecutorLost: ((executorId: string, error: ExecutorLostError) => void) | undefined
  readonly #executors = new Map<string, ExecutorSlots>()
  readonly #sticky = new Map<string, string>()
  #version = 0
  #wakers = new Set<() => void>()
  #launchSeq = 0
  #stageSeq = 0
  #closed = false

  constructor(options: SlotTaskSchedulerOptions) {
    if (!(options.maxTaskFailures >= 1)) throw new RangeError(`maxTaskFailures must be at least 1, got ${options.maxTaskFailures}`)
    this.epoch = options.epoch
    this.maxTaskFailures = options.maxTaskFailures
    this.codec = options.codec ?? TASK_CODEC
    this.discardResult = options.discardResult ?? discardAttemptOutput
    this.log = options.log ?? (() => undefined)
    this.#splitSlots = options.splitSlots
    this.#onExecutorLost = options.onExecutorLost
  }

  get closed(): boolean {
    return this.#closed
  }

  /** Adds an executor; one with the same id is removed first (its attempts are lost). */
  addEndpoint(endpoint: ExecutorEndpoint): void {
    if (this.#closed) throw schedulerClosed()
    if (this.#executors.has(endpoint.id)) this.removeEndpoint(endpoint.id, 'replaced by a new registration')
    this.#executors.set(endpoint.id, { endpoint, running: 0, lastLaunch: 0, removed: false, onLost: new Set() })
    this.changed()
  }

  /** Removes an executor: its running attempts fail as lost (and are retried elsewhere), its transport is closed. */
  removeEndpoint(id: string, reason: string): void {
    const executor = this.#executors.get(id)
    if (!executor) return
    this.#executors.delete(id)
    executor.removed = true
    const lost = new ExecutorLostError(id, reason)
    for (const notify of [...executor.onLost]) notify(lost)
    void Promise.resolve(executor.endpoint.close?.()).catch(() => undefined)
    this.changed()
  }

  /** The live executors. */
  executors(): readonly ExecutorSlots[] {
    return [...this.#executors.values()]
  }

  availableSlots(): number {
    if (this.#splitSlots) return this.#splitSlots()
    let free = 0
    for (const e of this.#executors.values()) free += Math.max(0, e.endpoint.slots - e.running)
    return Number.isFinite(free) ? free : 1
  }

  async runTasks(tasks: readonly Task[], options: RunTasksOptions = {}): Promise<TaskResult[]> {
    if (this.#closed) throw schedulerClosed()
    if (tasks.length === 0) return []
    return new TaskSetManager(this, tasks, options, this.#stageSeq++).run()
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    const executors = [...this.#executors.values()]
    this.#executors.clear()
    this.changed()
    await Promise.all(executors.map((e) => Promise.resolve(e.endpoint.close?.()).catch(() => undefined)))
  }

  /** An attempt's call found `executor` unreachable (not a removal: those fail their attempts themselves). */
  reportUnreachable(executor: ExecutorSlots, error: ExecutorLostError): void {
    if (!executor.removed && this.#executors.get(executor.endpoint.id) === executor) this.#onExecutorLost?.(executor.endpoint.id, error)
  }

  /** The executor that last ran the single task of `stickyKey`, if it still lives. */
  stickyExecutor(stickyKey: string): ExecutorSlots | undefined {
    const id = this.#sticky.get(stickyKey)
    if (id === undefined) return undefined
    const executor = this.#executors.get(id)
    if (!executor) this.#sticky.delete(stickyKey)
    return executor
  }

  rememberSticky(stickyKey: string, executor: ExecutorSlots): void {
    if (!executor.removed) this.#sticky.set(stickyKey, executor.endpoint.id)
  }

  /** Takes a slot of `executor` for one attempt; `release` gives it back (once). */
  acquireSlot(executor: ExecutorSlots): () => void {
    executor.running++
    executor.lastLaunch = ++this.#launchSeq
    let released = false
    return () => {
      if (released) return
      released = true
      executor.running--
      this.changed()
    }
  }

  /** A counter that moves on every change a waiting job may care about (executors, slots, results). */
  get version(): number {
    return this.#version
  }

  /** Resolves once `version` has moved past `seen`, or `signal` aborts. */
  async waitForChange(seen: number, signal: AbortSignal | undefined): Promise<void> {
    if (this.#version !== seen || this.#closed || signal?.aborted) return
    await new Promise<void>((resolve) => {
      const wake = () => {
        this.#wakers.delete(wake)
        signal?.removeEventListener('abort', wake)
        resolve()
      }
      this.#wakers.add(wake)
      signal?.addEventListener('abort', wake, { once: true })
    })
  }

  /** Wakes every waiting job. */
  changed(): void {
    this.#version++
    const wakers = [...this.#wakers]
    this.#wakers.clear()
    for (const wake of wakers) wake()
  }
}

export function schedulerClosed(): SluiceError {
  return new SluiceError({ errorClass: 'SCHEDULER_CLOSED', message: 'The task scheduler is closed.', domain: 'external', grpcStatus: GrpcStatus.UNAVAILABLE })
}
