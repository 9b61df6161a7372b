import type {
  ServerUnaryCall, ServerWritableStream, handleServerStreamingCall, handleUnaryCall,
} from '@grpc/grpc-js'
import { GrpcStatus, SluiceError } from '@sluice/shared'
import { toServiceError } from './grpc-errors.js'

/**
 * A unary handler from an async function: its result is the response, anything it
 * throws becomes the status of `grpc-errors.ts`. A failure stays in its call.
 */
export function unary<Request, Response>(
  handle: (request: Request, call: ServerUnaryCall<Request, Response>) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  return (call, callback) => {
    handle(call.request, call).then(
      (response) => callback(null, response),
      (error: unknown) => callback(failure(error, call.getPath(), call.cancelled)),
    )
  }
}

/** A server-streaming handler from an async function that writes messages; the stream ends when it returns. */
export function serverStream<Request, Response>(
  handle: (request: Request, call: ServerWritableStream<Request, Response>) => Promise<void>,
): handleServerStreamingCall<Request, Response> {
  return (call) => {
    handle(call.request, call).then(
      () => call.end(),
      (error: unknown) => { call.emit('error', failure(error, call.getPath(), call.cancelled)) },
    )
  }
}

/** A signal aborted when the client cancels the call (or it ends): the work it started is no one's any more. */
export function cancelSignalOf(call: ServerWritableStream<unknown, unknown>): AbortSignal {
  const controller = new AbortController()
  const abort = (): void => controller.abort(new SluiceError({
    errorClass: 'CANCELLED', message: `The client cancelled ${call.getPath()}.`, domain: 'user', grpcStatus: GrpcStatus.CANCELLED,
  }))
  if (call.cancelled) abort()
  else call.once('cancelled', abort)
  return controller.signal
}

/** Writes one message, waiting while the client's window is full; resolves early when the call is cancelled. */
export async function writeMessage<Response>(call: ServerWritableStream<unknown, Response>, message: Response): Promise<void> {
  if (call.cancelled || call.write(message)) return
  await new Promise<void>((resolve) => {
    const done = (): void => {
      call.off('drain', done)
      call.off('cancelled', done)
      call.off('close', done)
      resolve()
    }
    call.on('drain', done)
    call.on('cancelled', done)
    call.on('close', done)
  })
}

function failure(error: unknown, path: string, cancelled: boolean) {
  // NOTE: a user's error is the user's to read, a cancelled call's no one's; anything else is a bug worth a line in the log.
  if (!cancelled && (!SluiceError.isInstance(error) || error.domain === 'internal')) {
    console.error(`sluice coordinator: ${path} failed:`, error)
  }
  return toServiceError(error)
}
