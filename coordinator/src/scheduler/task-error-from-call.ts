import { status, type ServiceError } from '@grpc/grpc-js'
import { SluiceError, type ErrorDomain, type GrpcStatusCode } from '@sluice/shared'
import { ExecutorLostError } from './executor-lost-error.js'

/** The trailer that carries a Sluice error's JSON (`shared/src/codec/error-info.ts`). */
const ERROR_INFO_KEY = 'sluice-error-info'

/** Call outcomes that say the executor is unreachable, not that the task failed. */
const LOST: ReadonlySet<number> = new Set([status.UNAVAILABLE, status.CANCELLED, status.DEADLINE_EXCEEDED])

/**
 * The error of a failed `LaunchTask` call to executor `executorId`: the typed error
 * its `sluice-error-info` trailer describes; else, for UNAVAILABLE, CANCELLED (a
 * cancel we did not ask for) or DEADLINE_EXCEEDED, `ExecutorLostError`; else an
 * internal error with the call's status.
 */
export function taskErrorFromCall(error: ServiceError, executorId: string): SluiceError {
  const info = error.metadata?.get(ERROR_INFO_KEY)[0]
  if (info !== undefined) {
    const rebuilt = errorFromInfoText(typeof info === 'string' ? info : info.toString('utf8'))
    if (rebuilt) return rebuilt
  }
  const reason = `${status[error.code] ?? error.code}: ${error.details || error.message}`
  if (LOST.has(error.code)) return new ExecutorLostError(executorId, reason, error)
  return new SluiceError({
    errorClass: 'INTERNAL_ERROR', message: `LaunchTask on executor ${executorId} failed: ${reason}`,
    domain: 'internal', grpcStatus: error.code as GrpcStatusCode, cause: error,
  })
}

const DOMAINS: ReadonlySet<string> = new Set(['user', 'external', 'internal'])

function errorFromInfoText(text: string): SluiceError | undefined {
  let info: Record<string, unknown>
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed !== 'object' || parsed === null || typeof (parsed as Record<string, unknown>)['errorClass'] !== 'string') return undefined
    info = parsed as Record<string, unknown>
  } catch {
    return undefined
  }
  const errorClass = info['errorClass'] as string
  const message = typeof info['message'] === 'string' ? info['message'].replace(`[${errorClass}] `, '') : ''
  const params = typeof info['params'] === 'object' && info['params'] !== null ? info['params'] as Record<string, string> : {}
  const domain = typeof info['domain'] === 'string' && DOMAINS.has(info['domain']) ? info['domain'] as ErrorDomain : 'internal'
  return new SluiceError({
    errorClass, message, params, domain,
    retryable: info['retryable'] === true,
    ...(typeof info['grpcStatus'] === 'number' ? { grpcStatus: info['grpcStatus'] as GrpcStatusCode } : {}),
  })
}
