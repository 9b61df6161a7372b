import { InterceptingCall, ServerInterceptingCall, type Interceptor, type ServerInterceptor } from '@grpc/grpc-js'
import { timingSafeEqual } from 'node:crypto'
import { GrpcStatus } from '@sluice/shared'
import { grpcStatusOf } from './grpc-error.js'

/**
 * A server interceptor that lets through only calls whose `authorization` metadata is
 * `Bearer <token>`; any other call ends UNAUTHENTICATED before its handler runs.
 */
export function bearerTokenInterceptor(token: string): ServerInterceptor {
  const expected = Buffer.from(`Bearer ${token}`)
  return (_method, call) => new ServerInterceptingCall(call, {
    start: (next) => next({
      onReceiveMetadata: (metadata, proceed) => {
        const given = metadata.get('authorization')
        const value = given.length === 1 && typeof given[0] === 'string' ? Buffer.from(given[0]) : Buffer.alloc(0)
        if (value.length === expected.length && timingSafeEqual(value, expected)) {
          proceed(metadata)
          return
        }
        const message = given.length === 0 ? 'The call carries no bearer token.' : 'The call carries a wrong bearer token.'
        call.sendStatus(grpcStatusOf({
          errorClass: 'UNAUTHENTICATED', message, params: {}, domain: 'user', retryable: false, grpcStatus: GrpcStatus.UNAUTHENTICATED,
        }))
      },
    }),
  })
}

/** A client interceptor adding `authorization: Bearer <token>` to every call. */
export function bearerTokenCallInterceptor(token: string): Interceptor {
  return (options, nextCall) => new InterceptingCall(nextCall(options), {
    start: (metadata, listener, next) => {
      metadata.set('authorization', `Bearer ${token}`)
      next(metadata, listener)
    },
  })
}
