import { parentPort } from 'node:worker_threads'
import { SluiceError } from '@sluice/shared'
import { LocalExecutor } from './local-executor.js'

/** A worker thread running stateless tasks: encoded task in, encoded result (or error) out. */
const executor = new LocalExecutor()

parentPort!.on('message', (message: { id: number; task: Uint8Array }) => {
  executor.runEncoded(message.task).then(
    (result) => parentPort!.postMessage({ id: message.id, result }, [result.buffer as ArrayBuffer]),
    (error: unknown) => parentPort!.postMessage({ id: message.id, error: describeError(error) }),
  )
})

function describeError(error: unknown): Record<string, unknown> {
  if (SluiceError.isInstance(error)) {
    return { errorClass: error.errorClass, message: error.message, params: error.params, domain: error.domain, retryable: error.retryable, grpcStatus: error.grpcStatus }
  }
  return { errorClass: 'INTERNAL_ERROR', message: error instanceof Error ? error.message : String(error), domain: 'internal' }
}
