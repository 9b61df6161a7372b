/**
 * A Sluice error as it crosses a process boundary: the JSON of the `sluice-error-info`
 * trailer (gRPC metadata) and of a failed task's answer, from which the other side
 * rebuilds the typed error.
 */
import { GrpcStatus, type GrpcStatusCode } from '../errors/grpc-status.js'
import { InvalidPlanError } from '../errors/invalid-plan-error.js'
import { AnalysisError, ExecutionError, SluiceError, type ErrorDomain } from '../errors/sluice-error.js'
import { defineMember } from './tagged-json.js'

/** The gRPC metadata key (a trailer) that carries an error's `ErrorInfoJson`. */
export const ERROR_INFO_METADATA_KEY = 'sluice-error-info'

export interface ErrorInfoJson {
  readonly errorClass: string
  /** The message without the `[ERROR_CLASS] ` prefix that `SluiceError.message` starts with. */
  readonly message: string
  readonly params: Readonly<Record<string, string>>
  readonly domain: ErrorDomain
  readonly retryable: boolean
  readonly grpcStatus: GrpcStatusCode
}

const DOMAINS: ReadonlySet<string> = new Set<ErrorDomain>(['user', 'external', 'internal'])
const STATUSES: ReadonlySet<number> = new Set<number>(Object.values(GrpcStatus))

/** The wire form of any thrown value: a SluiceError's fields; anything else an INTERNAL_ERROR with its message. */
export function errorInfoOf(error: unknown): ErrorInfoJson {
  if (SluiceError.isInstance(error)) {
    return {
      errorClass: error.errorClass,
      message: withoutClassPrefix(error.errorClass, error.message),
      params: { ...error.params },
      domain: error.domain,
      retryable: error.retryable,
      grpcStatus: error.grpcStatus,
    }
  }
  return {
    errorClass: 'INTERNAL_ERROR',
    message: error instanceof Error ? error.message : String(error),
    params: {},
    domain: 'internal',
    retryable: false,
    grpcStatus: GrpcStatus.INTERNAL,
  }
}

/**
 * The typed error of a wire form. The error class, message, params, domain,
 * retryability and status come back as they were; errors of the shared classes are
 * rebuilt as those classes (an `AnalysisError` stays one, `instanceof` works), others
 * as a `SluiceError`. Missing or malformed members take the defaults of an internal
 * error, so a foreign or truncated trailer still gives a usable error.
 */
export function errorFromInfo(info: Partial<ErrorInfoJson> | Readonly<Record<string, unknown>>): SluiceError {
  const raw = info as Record<string, unknown>
  const errorClass = typeof raw['errorClass'] === 'string' && raw['errorClass'] !== '' ? raw['errorClass'] : 'INTERNAL_ERROR'
  const message = withoutClassPrefix(errorClass, typeof raw['message'] === 'string' ? raw['message'] : '')
  const params = stringRecord(raw['params'])
  const domain: ErrorDomain = typeof raw['domain'] === 'string' && DOMAINS.has(raw['domain']) ? raw['domain'] as ErrorDomain : 'internal'
  const retryable = raw['retryable'] === true
  const grpcStatus = typeof raw['grpcStatus'] === 'number' && STATUSES.has(raw['grpcStatus']) ? raw['grpcStatus'] as GrpcStatusCode : undefined
  const status = grpcStatus ?? (domain === 'user' ? GrpcStatus.INVALID_ARGUMENT : GrpcStatus.INTERNAL)
  if (domain === 'user' && !retryable) {
    if (errorClass === InvalidPlanError.errorClass && params['problem'] !== undefined && params['path'] !== undefined && status === GrpcStatus.INVALID_ARGUMENT) {
      const rebuilt = new InvalidPlanError(params['problem'], params['path'])
      if (rebuilt.message === `[${errorClass}] ${message}`) return rebuilt
    }
    if (status === GrpcStatus.INVALID_ARGUMENT) return new AnalysisError(errorClass, message, params)
    if (status === GrpcStatus.FAILED_PRECONDITION) return new ExecutionError(errorClass, message, params)
  }
  return new SluiceError({ errorClass, message, params, domain, retryable, grpcStatus: status })
}

/**
 * The JSON text of the `sluice-error-info` trailer, every character outside printable
 * ASCII escaped (`\uXXXX`): a text metadata value must be printable ASCII (grpc-js
 * throws otherwise), and the JSON still parses to the same value.
 */
export function errorInfoJson(error: unknown): string {
  return JSON.stringify(errorInfoOf(error)).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** The error a `sluice-error-info` trailer describes; undefined when the text is not an error info object. */
export function errorFromInfoJson(text: string): SluiceError | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as Record<string, unknown>)['errorClass'] !== 'string') return undefined
  return errorFromInfo(parsed as Record<string, unknown>)
}

function withoutClassPrefix(errorClass: string, message: string): string {
  const prefix = `[${errorClass}] `
  return message.startsWith(prefix) ? message.slice(prefix.length) : message
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out
  for (const [key, v] of Object.entries(value)) {
    if (v !== undefined && v !== null) defineMember(out, key, typeof v === 'string' ? v : String(v))
  }
  return out
}
