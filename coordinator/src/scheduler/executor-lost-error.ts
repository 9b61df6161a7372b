import { GrpcStatus, SluiceError } from '@sluice/shared'

/**
 * A task's executor went away while the task ran: its call failed as unreachable
 * (UNAVAILABLE, CANCELLED by the other side, DEADLINE_EXCEEDED) or the registry
 * declared it lost (no heartbeat for spark.network.timeout). Not the task's fault:
 * the scheduler retries the task elsewhere (Spark's ExecutorLostFailure).
 */
export class ExecutorLostError extends SluiceError {
  static readonly errorClass = 'EXECUTOR_LOST'

  constructor(readonly executorId: string, readonly reason: string, cause?: unknown) {
    super({
      errorClass: ExecutorLostError.errorClass,
      message: `Executor ${executorId} lost: ${reason}`,
      params: { executorId, reason },
      domain: 'external', retryable: true, grpcStatus: GrpcStatus.UNAVAILABLE,
      ...(cause === undefined ? {} : { cause }),
    })
  }

  static is(error: unknown): error is ExecutorLostError {
    return SluiceError.isInstance(error) && error.errorClass === ExecutorLostError.errorClass
  }
}
