import { GrpcStatus, SluiceError } from '@sluice/shared'
import type { TaskDescriptor, TaskDescriptor__Output } from '@sluice/proto'
import { toEpoch } from './epoch-fence.js'

/** One task an executor has accepted (queued or running). */
export interface RunningTask {
  readonly descriptor: TaskDescriptor__Output
  /** Aborting it aborts the task (and deletes what it wrote). */
  readonly controller: AbortController
  readonly startedAt: number
}

/** Identity of one attempt of one task: every descriptor field but the epoch. */
export function taskKey(descriptor: TaskDescriptor | TaskDescriptor__Output): string {
  return [descriptor.queryId ?? '', descriptor.runId ?? '', String(descriptor.batchId ?? 0), descriptor.taskId ?? 0, descriptor.attempt ?? 0].join('/')
}

/**
 * The tasks an executor has accepted, by task attempt: what heartbeats report and
 * what CancelTask, shutdown and epoch fencing abort.
 */
export class RunningTasks {
  readonly #tasks = new Map<string, RunningTask>()
  readonly #idle: (() => void)[] = []
  #closed = false

  get size(): number {
    return this.#tasks.size
  }

  /**
   * Accepts a task; the same attempt twice at once is refused (ALREADY_EXISTS), and
   * every task once closed (UNAVAILABLE). Call `done` when it settles.
   */
  add(descriptor: TaskDescriptor__Output): { readonly task: RunningTask; readonly done: () => void } {
    const key = taskKey(descriptor)
    if (this.#closed) {
      throw new SluiceError({
        errorClass: 'EXECUTOR_SHUTTING_DOWN', message: 'The executor is shutting down and takes no more tasks.',
        domain: 'external', retryable: true, grpcStatus: GrpcStatus.UNAVAILABLE,
      })
    }
    if (this.#tasks.has(key)) {
      throw new SluiceError({
        errorClass: 'TASK_ALREADY_RUNNING',
        message: `Task ${key} (query/run/batch/task/attempt) is already running on this executor.`,
        params: { task: key }, domain: 'internal', grpcStatus: GrpcStatus.ALREADY_EXISTS,
      })
    }
    const task: RunningTask = { descriptor, controller: new AbortController(), startedAt: Date.now() }
    this.#tasks.set(key, task)
    const done = (): void => {
      if (this.#tasks.get(key) !== task) return
      this.#tasks.delete(key)
      if (this.#tasks.size === 0) for (const resolve of this.#idle.splice(0)) resolve()
    }
    return { task, done }
  }

  /** Aborts the task of `descriptor`'s attempt; false when it is not here. */
  cancel(descriptor: TaskDescriptor__Output, reason: string): boolean {
    const task = this.#tasks.get(taskKey(descriptor))
    if (!task) return false
    task.controller.abort(abortReason(reason))
    return true
  }

  /** Aborts every task of an epoch older than `epoch` (a newer coordinator took over). */
  abortOlderThan(epoch: bigint, reason: string): number {
    let aborted = 0
    for (const task of this.#tasks.values()) {
      if (toEpoch(task.descriptor.epoch) < epoch) {
        task.controller.abort(abortReason(reason))
        aborted++
      }
    }
    return aborted
  }

  /** Takes no more tasks (`add` fails UNAVAILABLE), e.g. while the executor shuts down. */
  close(): void {
    this.#closed = true
  }

  abortAll(reason: string): void {
    for (const task of this.#tasks.values()) task.controller.abort(abortReason(reason))
  }

  /** Descriptors of the tasks accepted now (for heartbeats). */
  descriptors(): TaskDescriptor__Output[] {
    return [...this.#tasks.values()].map((task) => task.descriptor)
  }

  /** Resolves once no task is left. */
  whenIdle(): Promise<void> {
    if (this.#tasks.size === 0) return Promise.resolve()
    return new Promise((resolve) => this.#idle.push(resolve))
  }
}

function abortReason(reason: string): DOMException {
  return new DOMException(reason, 'AbortError')
}
