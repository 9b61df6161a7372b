import { GrpcStatus, SluiceError, type ErrorDomain, type GrpcStatusCode } from '@sluice/shared'
import { ERROR_INFO_METADATA_KEY, errorFromInfo } from './wire-codecs.js'

/** What a failed grpc-js call hands over (grpc-js' ServiceError, structurally). */
export interface CallFailure {
  readonly code?: number
  readonly details?: string
  readonly message?: string
  readonly metadata?: { get(key: string): (string | Buffer)[] }
}

const STATUS_NAMES = Object.fromEntries(Object.entries(GrpcStatus).map(([name, code]) => [code, name])) as Record<number, string>

/**
 * The typed error of a failed call: the server's SluiceError rebuilt from the
 * `sluice-error-info` trailer, or else (a proxy, a transport failure, another
 * server) a SluiceError whose class is the gRPC status name, with the details.
 */
export function remoteCallError(failure: unknown, what: string): SluiceError {
  if (SluiceError.isInstance(failure)) return failure
  const f = (failure ?? {}) as CallFailure
  const info = errorInfoOf(f)
  if (info) {
    try { return errorFromInfo(info) } catch { /* a malformed trailer: fall back to the status */ }
  }
  const code = (typeof f.code === 'number' ? f.code : GrpcStatus.UNKNOWN) as GrpcStatusCode
  const details = cleanDetails(f.details ?? f.message ?? String(failure))
  const status = STATUS_NAMES[code] ?? 'UNKNOWN'
  const message = code === GrpcStatus.UNAVAILABLE
    ? `The coordinator is unavailable (${what}): ${details}`
    : `${what} failed with ${status}: ${details}`
  return new SluiceError({ errorClass: status, message, params: { method: what, details }, grpcStatus: code, domain: domainOf(code), retryable: code === GrpcStatus.UNAVAILABLE, cause: failure })
}

function errorInfoOf(failure: CallFailure): Record<string, unknown> | undefined {
  const value = failure.metadata?.get(ERROR_INFO_METADATA_KEY)?.[0]
  if (value === undefined) return undefined
  try {
    const parsed = JSON.parse(typeof value === 'string' ? value : value.toString('utf8')) as unknown
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as { errorClass?: unknown }).errorClass === 'string' ? parsed as Record<string, unknown> : undefined
  } catch {
    return undefined
  }
}

function domainOf(code: number): ErrorDomain {
  switch (code) {
    case GrpcStatus.UNAVAILABLE: case GrpcStatus.DEADLINE_EXCEEDED: case GrpcStatus.CANCELLED: case GrpcStatus.RESOURCE_EXHAUSTED: return 'external'
    case GrpcStatus.INTERNAL: case GrpcStatus.UNKNOWN: case GrpcStatus.DATA_LOSS: case GrpcStatus.UNIMPLEMENTED: return 'internal'
    default: return 'user'
  }
}

/** grpc-js' connection details without its boilerplate: `connect ECONNREFUSED 127.0.0.1:1`. */
function cleanDetails(details: string): string {
  return details.replace(/^No connection established\. Last error: (Error: )?/, '').replace(/\s*Resolution note:\s*$/, '').trim()
}
