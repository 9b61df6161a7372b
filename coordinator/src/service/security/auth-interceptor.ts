import { createHash, timingSafeEqual } from 'node:crypto'
import {
  ResponderBuilder, ServerInterceptingCall, ServerListenerBuilder, status,
  type Metadata, type ServerInterceptor,
} from '@grpc/grpc-js'
import { GrpcStatus, SluiceError } from '@sluice/shared'
import { toServiceError } from '../grpc-errors.js'

/** Services whose every method needs the bearer token (Health and reflection stay open for probes and tools). */
const PROTECTED_PREFIXES = ['/sluice.v1.SluiceService/', '/sluice.v1.ClusterService/']

/** A call without the coordinator's bearer token, or with another one. */
export class UnauthenticatedError extends SluiceError {
  constructor(reason: string) {
    super({ errorClass: 'UNAUTHENTICATED', message: `${reason}: this coordinator needs the header \`authorization: Bearer <token>\` (its --token-file).`, domain: 'user', grpcStatus: GrpcStatus.UNAUTHENTICATED })
  }
}

/**
 * A server interceptor that answers UNAUTHENTICATED, before any handler runs (the
 * request message is never read), to every call of the Sluice services whose
 * `authorization` metadata is not `Bearer <token>`. Tokens are compared in
 * constant time (by their SHA-256 digests).
 */
export function bearerTokenInterceptor(token: string): ServerInterceptor {
  const expected = digest(token)
  return (methodDescriptor, call) => {
    if (!PROTECTED_PREFIXES.some((prefix) => methodDescriptor.path.startsWith(prefix))) return new ServerInterceptingCall(call)
    let authorized = false
    const listener = new ServerListenerBuilder()
      .withOnReceiveMetadata((metadata, next) => {
        const problem = tokenProblem(metadata, expected)
        if (problem === undefined) {
          authorized = true
          next(metadata)
          return
        }
        const error = toServiceError(new UnauthenticatedError(problem))
        call.sendStatus({ code: status.UNAUTHENTICATED, details: error.details ?? problem, metadata: error.metadata ?? null })
      })
      .withOnReceiveMessage((message, next) => { if (authorized) next(message) })
      .withOnReceiveHalfClose((next) => { if (authorized) next() })
      .build()
    const responder = new ResponderBuilder().withStart((next) => next(listener)).build()
    return new ServerInterceptingCall(call, responder)
  }
}

function tokenProblem(metadata: Metadata, expected: Buffer): string | undefined {
  const values = metadata.get('authorization')
  if (values.length === 0) return 'Missing bearer token'
  const value = String(values[0])
  const match = /^Bearer\s+(.+)$/i.exec(value)
  if (match === null) return 'Malformed authorization header'
  return timingSafeEqual(digest(match[1]!.trim()), expected) ? undefined : 'Wrong bearer token'
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}
