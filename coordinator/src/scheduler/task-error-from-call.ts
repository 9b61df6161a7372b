import { status, type ServiceError } from '@grpc/grpc-js'
import { ERROR_INFO_METADATA_KEY, SluiceError, errorFromInfoJson, type GrpcStatusCode } from '@sluice/shared'
import { ExecutorLostError } from './executor-lost-error.js'

/** Call outcomes that say the executor is unreachable, not that the task failed. */
const LOST: ReadonlySet<number> = new Set([status.UNAVAILABLE, status.CANCELLED, status.DEADLINE_EXCEEDED])

/**
 * The error of a failed `LaunchTask` call to executor `executorId`: the typed error
 * its `sluice-error-info` trailer describes; else, for UNAVAILABLE, CANCELLED (a
 * cancel we did not ask for) or DEADLINE_EXCEEDED, `ExecutorLostError`; for
 * RESOURCE_EXHAUSTED (over the message limit) a user error no retry can mend; else
 * an internal error with the call's status.
 */
export function taskErrorFromCall(error: ServiceError, executorId: string): SluiceError {
  const info = error.metadata?.get(ERROR_INFO_METADATA_KEY)[0]
  if (info !== undefined) {
    const rebuilt = errorFromInfoJson(typeof info === 'string' ? info : info.toString('utf8'))
    if (rebuilt) return rebuilt
  }
  const reason = `${status[error.code] ?? error.code}: ${error.details || error.message}`
  if (LOST.has(error.code)) return new ExecutorLostError(executorId, reason, error)
  // The task or its result is over the message limit: another attempt would fail the same way (Spark's maxResultSize).
  if (error.code === status.RESOURCE_EXHAUSTED) {
    return new SluiceError({
      errorClass: 'TASK_MESSAGE_TOO_LARGE',
      message: `A task or its result is larger than the message limit between the coordinator and executor ${executorId} (${reason}): select fewer rows or columns, write them to a sink, or raise --max-message-bytes.`,
      domain: 'user', grpcStatus: status.RESOURCE_EXHAUSTED as GrpcStatusCode, cause: error,
    })
  }
  return new SluiceError({
    errorClass: 'INTERNAL_ERROR', message: `LaunchTask on executor ${executorId} failed: ${reason}`,
    domain: 'internal', grpcStatus: error.code as GrpcStatusCode, cause: error,
  })
}
