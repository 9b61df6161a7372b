import { SluiceError, attemptFilesJobId, type SupersededAttempt, type Task, type TaskResult } from '@sluice/shared'
import { WAITING_FOR_EXECUTORS, type LaunchDescriptor, type RunTasksOptions } from './task-scheduler.js'
import { schedulerClosed, type ExecutorSlots, type SlotTaskScheduler } from './slot-task-scheduler.js'
import { ExecutorLostError } from './executor-lost-error.js'
import { TaskFailedError } from './task-failed-error.js'

/** One launched attempt of one task. */
interface Attempt {
  readonly taskIndex: number
  readonly attempt: number
  readonly task: Task
  readonly executor: ExecutorSlots
  readonly controller: AbortController
  /** Set once the attempt's outcome has been taken (or it was lost / cancelled): a later outcome is late. */
  reported: boolean
  /** Settles when the transport's launch does. */
  settled: Promise<void>
}

type Outcome = { readonly ok: true; readonly result: TaskResult } | { readonly ok: false; readonly error: unknown }

/**
 * One job (task set) on a {@link SlotTaskScheduler}, as Spark's TaskSetManager:
 * pending tasks are launched on free slots, results are kept by task index, a
 * retryable failure puts the task back as pending with the next attempt number
 * (avoiding the executors it failed on while another one lives), and the first
 * fatal failure ends the job after every other running attempt is cancelled and
 * has settled. Outcomes of attempts that no longer count (lost, cancelled) are
 * ignored; their output is discarded.
 */
export class TaskSetManager {
  readonly #results: (TaskResult | undefined)[]
  readonly #nextAttempt: number[]
  readonly #failures: number[]
  readonly #excluded: Set<ExecutorSlots>[]
  readonly #pending: number[]
  readonly #running = new Map<number, Attempt>()
  #error: { readonly value: unknown } | undefined
  #done = 0

  constructor(
    private readonly scheduler: SlotTaskScheduler,
    private readonly tasks: readonly Task[],
    private readonly options: RunTasksOptions,
    private readonly stageId: number,
  ) {
    this.#results = tasks.map(() => undefined)
    this.#nextAttempt = tasks.map(() => 0)
    this.#failures = tasks.map(() => 0)
    this.#excluded = tasks.map(() => new Set())
    this.#pending = tasks.map((_, i) => i)
  }

  async run(): Promise<TaskResult[]> {
    const signal = this.options.signal
    let waiting = false
    while (this.#error === undefined && this.#done < this.tasks.length) {
      if (signal?.aborted) { this.fail(signal.reason ?? new DOMException('The job was aborted', 'AbortError')); break }
      if (this.scheduler.closed) { this.fail(schedulerClosed()); break }
      const seen = this.scheduler.version
      this.launchPending()
      const noExecutors = this.#pending.length > 0 && this.scheduler.executors().length === 0
      if (noExecutors && !waiting) {
        waiting = true
        this.options.onWaiting?.(WAITING_FOR_EXECUTORS)
      } else if (!noExecutors && waiting) {
        waiting = false
        this.options.onResumed?.()
      }
      if (this.#error !== undefined || this.#done === this.tasks.length) break
      await this.scheduler.waitForChange(seen, signal)
    }
    if (waiting) this.options.onResumed?.()
    if (this.#error !== undefined) {
      await this.cancelRunning(this.#error.value)
      throw this.#error.value
    }
    return this.#results as TaskResult[]
  }

  private launchPending(): void {
    for (let k = 0; k < this.#pending.length && this.#error === undefined;) {
      const taskIndex = this.#pending[k]!
      const executor = this.place(taskIndex)
      if (!executor) { k++; continue }
      this.#pending.splice(k, 1)
      this.launch(taskIndex, executor)
    }
  }

  /**
   * Where task `taskIndex` runs now, or undefined to wait: the sticky executor of a
   * single task while it lives (waiting for its slot), else the executor with most
   * free slots, least recently launched on among equals; executors the task failed
   * on only when no other executor lives.
   */
  private place(taskIndex: number): ExecutorSlots | undefined {
    const live = this.scheduler.executors()
    if (live.length === 0) return undefined
    const excluded = this.#excluded[taskIndex]!
    const allowed = live.filter((e) => !excluded.has(e))
    const candidates = allowed.length > 0 ? allowed : live
    const stickyKey = this.options.stickyKey
    if (stickyKey !== undefined && this.tasks.length === 1) {
      const sticky = this.scheduler.stickyExecutor(stickyKey)
      if (sticky && candidates.includes(sticky)) return freeSlots(sticky) > 0 ? sticky : undefined
    }
    let best: ExecutorSlots | undefined
    for (const e of candidates) {
      const free = freeSlots(e)
      if (free <= 0) continue
      if (!best || free > freeSlots(best) || (free === freeSlots(best) && e.lastLaunch < best.lastLaunch)) best = e
    }
    return best
  }

  private launch(taskIndex: number, executor: ExecutorSlots): void {
    const attemptNumber = this.#nextAttempt[taskIndex]!++
    const source = this.tasks[taskIndex]!
    const taskId = source.taskId ?? taskIndex
    const task = stampAttempt(source, taskId, attemptNumber, this.scheduler.epoch)
    const descriptor: LaunchDescriptor = {
      queryId: task.queryId, runId: task.runId, batchId: task.batchId, taskId, attempt: attemptNumber, epoch: this.scheduler.epoch, taskCount: this.tasks.length,
    }
    const release = this.scheduler.acquireSlot(executor)
    const attempt: Attempt = { taskIndex, attempt: attemptNumber, task, executor, controller: new AbortController(), reported: false, settled: Promise.resolve() }
    const onLost = (error: ExecutorLostError) => {
      release()
      this.report(attempt, { ok: false, error })
      // Cancel the call: an executor that was only paused aborts the task and deletes its files when it wakes.
      attempt.controller.abort(error)
    }
    executor.onLost.add(onLost)
    this.#running.set(taskIndex, attempt)
    let run: Promise<TaskResult>
    try {
      run = this.scheduler.codec.runVia(task, (bytes) => executor.endpoint.launch(descriptor, bytes, attempt.controller.signal))
    } catch (error) {
      run = Promise.reject(error)
    }
    attempt.settled = run.then(
      (result): Outcome => ({ ok: true, result }),
      (error: unknown): Outcome => ({ ok: false, error }),
    ).then((outcome) => {
      executor.onLost.delete(onLost)
      release()
      this.report(attempt, outcome)
    })
  }

  /** Takes an attempt's outcome, once; a late one (the attempt was lost or cancelled) is discarded. */
  private report(attempt: Attempt, outcome: Outcome): void {
    if (attempt.reported) {
      if (outcome.ok) {
        this.scheduler.log(`Discarded the late result of ${attemptName(attempt)}: the attempt no longer counts`)
        void this.scheduler.discardResult(attempt.task, outcome.result).catch(() => undefined)
      }
      return
    }
    attempt.reported = true
    this.#running.delete(attempt.taskIndex)
    const i = attempt.taskIndex
    if (this.#error !== undefined) {
      if (outcome.ok) void this.scheduler.discardResult(attempt.task, outcome.result).catch(() => undefined)
      return
    }
    if (outcome.ok) {
      this.#results[i] = withSupersededAttempts(outcome.result, attempt.task)
      this.#done++
      if (this.options.stickyKey !== undefined && this.tasks.length === 1) this.scheduler.rememberSticky(this.options.stickyKey, attempt.executor)
    } else if (this.options.signal?.aborted) {
      this.fail(this.options.signal.reason)
    } else if (!isRetryable(outcome.error)) {
      this.fail(outcome.error)
    } else {
      if (ExecutorLostError.is(outcome.error)) this.scheduler.reportUnreachable(attempt.executor, outcome.error)
      this.#failures[i]!++
      this.#excluded[i]!.add(attempt.executor)
      const failures = this.#failures[i]!
      if (failures >= this.scheduler.maxTaskFailures) {
        // A task allowed one attempt fails with its own error, as before there were retries (embedded mode, Spark's local mode).
        this.fail(failures > 1
          ? new TaskFailedError({ taskId: attempt.task.taskId ?? i, stageId: this.stageId, failures, executorId: attempt.executor.endpoint.id, cause: outcome.error })
          : outcome.error)
      } else {
        this.scheduler.log(`Lost ${attemptName(attempt)} (failure ${failures} of at most ${this.scheduler.maxTaskFailures}): ${errorMessage(outcome.error)}; retrying as attempt ${this.#nextAttempt[i]}`)
        this.#pending.push(i)
      }
    }
    this.scheduler.changed()
  }

  private fail(error: unknown): void {
    if (this.#error === undefined) this.#error = { value: error }
  }

  /** Cancels every attempt still running and waits until their transports settled (their output is discarded). */
  private async cancelRunning(reason: unknown): Promise<void> {
    const running = [...this.#running.values()]
    this.#running.clear()
    for (const attempt of running) {
      attempt.reported = true
      attempt.controller.abort(reason)
    }
    await Promise.all(running.filter((a) => !a.executor.removed).map((a) => a.settled))
  }
}

/** A failure worth another attempt: anything but the user's fault (a lost executor, an internal or external error). */
export function isRetryable(error: unknown): boolean {
  return !(SluiceError.isInstance(error) && error.domain === 'user')
}

/** The task as attempt `attempt` runs it: its id, attempt and epoch set, its sink files named by task (the executor adds the attempt). */
export function stampAttempt(task: Task, taskId: number, attempt: number, epoch: number): Task {
  return {
    ...task, taskId, attempt, epoch,
    ...(task.sinkWrite ? { sinkWrite: { ...task.sinkWrite, jobId: `${task.sinkWrite.jobId}-t${taskId}` } } : {}),
  }
}

/**
 * The accepted result of `task` (as its attempt ran it) with the attempts it
 * superseded: every earlier attempt of the task (each was launched, then lost or
 * failed), named with the job id of their data files for a sink write.
 */
export function withSupersededAttempts(result: TaskResult, task: Task): TaskResult {
  if (task.attempt === 0) return result
  const taskId = task.taskId ?? 0
  const superseded: SupersededAttempt[] = []
  for (let attempt = 0; attempt < task.attempt; attempt++) {
    superseded.push({ taskId, attempt, ...(task.sinkWrite ? { filesJobId: attemptFilesJobId(task.sinkWrite.jobId, attempt) } : {}) })
  }
  return { ...result, supersededAttempts: [...(result.supersededAttempts ?? []), ...superseded] }
}

/** `task 1.0 of query <id> batch 3 on executor <id>`, as the executors name their task lines. */
function attemptName(attempt: Attempt): string {
  return `task ${attempt.task.taskId ?? attempt.taskIndex}.${attempt.attempt} of query ${attempt.task.queryId} batch ${attempt.task.batchId} on executor ${attempt.executor.endpoint.id}`
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function freeSlots(executor: ExecutorSlots): number {
  return executor.endpoint.slots - executor.running
}
