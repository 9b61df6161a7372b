import type { Task, TaskResult } from '@sluice/shared'

/** The status a job shows while no executor is registered (as Spark's "Initial job has not accepted any resources"). */
export const WAITING_FOR_EXECUTORS = 'Waiting for executors to register'

export interface RunTasksOptions {
  /**
   * Placement affinity of a single (stateful) task: the query id. While the executor
   * that last ran a task with this key lives, the task runs there again (its state
   * stays cached); ignored for task sets of more than one task.
   */
  readonly stickyKey?: string
  /** Aborts the job: running attempts are cancelled and awaited, then `runTasks` rejects with the signal's reason. */
  readonly signal?: AbortSignal
  /** Called with {@link WAITING_FOR_EXECUTORS} when the job has to wait because no executor is registered. */
  readonly onWaiting?: (message: string) => void
  /** Called when a job that reported `onWaiting` can run again (an executor registered). */
  readonly onResumed?: () => void
}

/**
 * Runs task sets on executors: one interface over the in-process transport
 * (embedded mode) and gRPC (cluster mode).
 *
 * Contract of `runTasks`:
 * - resolves with one result per task, in task order, each from the accepted
 *   (latest) attempt of that task; a result of a superseded attempt is never used;
 * - sets each task's `taskId` (its index unless given), `attempt` and `epoch`, and
 *   names its sink files by task (`sinkWrite.jobId` + `-t<taskId>`; the executor adds `-a<attempt>`);
 * - waits for an executor when none is registered (reporting `onWaiting`);
 * - retries a task that failed for a reason other than the user's (a lost executor,
 *   an internal or external error) on another executor when there is one, up to
 *   the scheduler's max task failures; then rejects with `TaskFailedError`
 *   (`TASK_FAILED`, cause: the last error). A user error (domain `user`) rejects at
 *   once with that error. On rejection every other running attempt is cancelled
 *   and awaited first.
 */
export interface TaskScheduler {
  runTasks(tasks: readonly Task[], options?: RunTasksOptions): Promise<TaskResult[]>
  /** How many tasks a batch may be split into now (free slots; at least 0). */
  availableSlots(): number
  close(): Promise<void>
}

/** Who a launched task is: the wire's TaskDescriptor plus how many tasks its set has. */
export interface LaunchDescriptor {
  readonly queryId: string
  readonly runId: string
  readonly batchId: number
  readonly taskId: number
  readonly attempt: number
  readonly epoch: number
  /** Tasks in the task set (1: a single task, which the in-process transport keeps in the process). */
  readonly taskCount: number
}

/**
 * One executor as the scheduler sees it: `slots` tasks at once, and a transport
 * that takes an encoded task and answers with the encoded result. `launch` rejects
 * with the task's error (a `SluiceError` rebuilt from the wire where it has one;
 * `ExecutorLostError` when the executor is unreachable); after `signal` aborts it
 * should settle soon (the call is cancelled).
 */
export interface ExecutorEndpoint {
  readonly id: string
  readonly slots: number
  launch(descriptor: LaunchDescriptor, taskBytes: Uint8Array, signal: AbortSignal): Promise<Uint8Array>
  /** Releases the transport (channels, worker threads). */
  close?(): Promise<void> | void
}
