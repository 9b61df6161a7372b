import { GrpcStatus, type GrpcStatusCode } from './grpc-status.js'

export type ErrorDomain = 'user' | 'external' | 'internal'

export interface SluiceErrorOptions {
  /** Spark-style error class, stable across releases: `UNRESOLVED_COLUMN`, `CAST_INVALID_INPUT`, ... */
  readonly errorClass: string
  readonly message: string
  /** The message parameters, for clients that render their own text. */
  readonly params?: Readonly<Record<string, string>>
  readonly domain?: ErrorDomain
  readonly retryable?: boolean
  readonly grpcStatus?: GrpcStatusCode
  readonly cause?: unknown
}

const MARKER = Symbol.for('sluice.error')

/**
 * The root of every error Sluice raises on purpose. `errorClass` is Spark's error
 * class where Spark has one; the message names the thing and the place.
 * `domain` says whose fault it is; `grpcStatus` is what it becomes on the wire.
 */
export class SluiceError extends Error {
  readonly errorClass: string
  readonly params: Readonly<Record<string, string>>
  readonly domain: ErrorDomain
  readonly retryable: boolean
  readonly grpcStatus: GrpcStatusCode
  readonly [MARKER] = true

  constructor(options: SluiceErrorOptions) {
    super(`[${options.errorClass}] ${options.message}`, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.errorClass = options.errorClass
    this.params = options.params ?? {}
    this.domain = options.domain ?? 'user'
    this.retryable = options.retryable ?? false
    this.grpcStatus = options.grpcStatus ?? (this.domain === 'user' ? GrpcStatus.INVALID_ARGUMENT : GrpcStatus.INTERNAL)
  }

  /** True for any SluiceError, also one from another copy of this module. */
  static isInstance(error: unknown): error is SluiceError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[MARKER] === true
  }
}

/** A user error found while analyzing a query (Spark's AnalysisException). */
export class AnalysisError extends SluiceError {
  constructor(errorClass: string, message: string, params?: Record<string, string>) {
    super({ errorClass, message, params, domain: 'user', grpcStatus: GrpcStatus.INVALID_ARGUMENT })
  }
}

/** A value-level error while running a query (ANSI casts, overflow, division by zero, malformed records). */
export class ExecutionError extends SluiceError {
  constructor(errorClass: string, message: string, params?: Record<string, string>, cause?: unknown) {
    super({ errorClass, message, params, domain: 'user', grpcStatus: GrpcStatus.FAILED_PRECONDITION, cause })
  }
}

/** A bug in Sluice: an invariant did not hold. */
export class InternalError extends SluiceError {
  constructor(message: string, cause?: unknown) {
    super({ errorClass: 'INTERNAL_ERROR', message: `${message} (this is a bug in Sluice)`, domain: 'internal', cause })
  }
}
