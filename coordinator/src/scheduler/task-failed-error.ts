import { GrpcStatus, SluiceError } from '@sluice/shared'

export interface TaskFailure {
  /** The task's index in its set. */
  readonly taskId: number
  /** The scheduler's number for the task set (Spark's stage id). */
  readonly stageId: number
  /** How many attempts failed (the last one's attempt number is failures − 1). */
  readonly failures: number
  /** The executor of the last attempt. */
  readonly executorId: string
  readonly cause: unknown
}

/**
 * A task failed on every attempt it was allowed (spark.task.maxFailures), so its
 * job fails; `cause` is the last attempt's error. The message has Spark's shape:
 * `Job aborted due to stage failure: Task 1 in stage 3.0 failed 4 times, most
 * recent failure: Lost task 1.3 in stage 3.0 (executor exec-2): <cause>`.
 */
export class TaskFailedError extends SluiceError {
  static readonly errorClass = 'TASK_FAILED'

  constructor(readonly failure: TaskFailure) {
    const cause = failure.cause
    const causeText = cause instanceof Error ? cause.message : String(cause)
    const lastAttempt = failure.failures - 1
    super({
      errorClass: TaskFailedError.errorClass,
      message: `Job aborted due to stage failure: Task ${failure.taskId} in stage ${failure.stageId}.0 failed ${failure.failures} times, `
        + `most recent failure: Lost task ${failure.taskId}.${lastAttempt} in stage ${failure.stageId}.0 (executor ${failure.executorId}): ${causeText}`,
      params: { taskId: String(failure.taskId), stageId: String(failure.stageId), failures: String(failure.failures), executorId: failure.executorId },
      domain: SluiceError.isInstance(cause) ? cause.domain : 'internal',
      retryable: false,
      grpcStatus: SluiceError.isInstance(cause) ? cause.grpcStatus : GrpcStatus.INTERNAL,
      cause,
    })
  }
}
