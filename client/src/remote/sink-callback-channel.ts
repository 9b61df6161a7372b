import { randomUUID } from 'node:crypto'
import { SluiceError, schemaFromJson } from '@sluice/shared'
import type { ClientBatchCallback } from '@sluice/coordinator'
import type { ClientDuplexStream } from '@grpc/grpc-js'
import type { ErrorInfo, SinkCallbackAck, SinkCallbackBatch__Output } from '@sluice/proto'
import type { SluiceRpc } from './sluice-rpc.js'
import { decodeAvroContainer, errorInfoOf } from './wire-codecs.js'

/** Spark's error classes for a user function that threw inside a foreach / foreachBatch sink. */
const USER_FUNCTION_ERROR: Readonly<Record<string, { errorClass: string; sink: string }>> = {
  foreach: { errorClass: 'FOREACH_USER_FUNCTION_ERROR', sink: 'foreach' },
  foreachbatch: { errorClass: 'FOREACH_BATCH_USER_FUNCTION_ERROR', sink: 'foreach batch' },
}

interface Registration {
  readonly format: string
  readonly callback: ClientBatchCallback
  /** Batches of one callback run one at a time, in the order they came. */
  tail: Promise<void>
}

/**
 * The client's side of SinkCallbacks: one bidi stream per session, opened with the
 * first callback sink. Each registration announces its callback id (a `hello`); each
 * batch the coordinator sends runs the callback here with the decoded rows and the
 * batch id, then is acknowledged (`done`, with the error if the callback threw, which
 * fails the query). The stream closes once no callback is registered.
 */
export class SinkCallbackChannel {
  readonly #registrations = new Map<string, Registration>()
  #call: ClientDuplexStream<SinkCallbackAck, SinkCallbackBatch__Output> | undefined

  constructor(private readonly rpc: SluiceRpc, private readonly sessionId: string) {}

  /** Registers `callback` for a sink of `format` and announces it; resolves with its id once the hello is written. */
  async register(format: string, callback: ClientBatchCallback): Promise<string> {
    const callbackId = randomUUID()
    this.#registrations.set(callbackId, { format, callback, tail: Promise.resolve() })
    await this.write({ hello: { sessionId: this.sessionId, callbackIds: [callbackId] } })
    return callbackId
  }

  unregister(callbackId: string): void {
    this.#registrations.delete(callbackId)
    if (this.#registrations.size === 0) this.close()
  }

  close(): void {
    const call = this.#call
    this.#call = undefined
    if (!call) return
    call.end()
    call.cancel()
  }

  private write(message: SinkCallbackAck): Promise<void> {
    const call = this.#call ?? this.open()
    return new Promise((resolve, reject) => {
      call.write(message, (error: unknown) => (error ? reject(error) : resolve()))
    })
  }

  private open(): ClientDuplexStream<SinkCallbackAck, SinkCallbackBatch__Output> {
    const call = this.rpc.sinkCallbacks()
    this.#call = call
    call.on('data', (batch: SinkCallbackBatch__Output) => this.onBatch(batch))
    // A broken stream fails the queries waiting on it (the coordinator's side); the next registration opens a new one.
    call.on('error', () => { if (this.#call === call) this.#call = undefined })
    call.on('end', () => { if (this.#call === call) this.#call = undefined })
    return call
  }

  private onBatch(batch: SinkCallbackBatch__Output): void {
    const registration = this.#registrations.get(batch.callbackId)
    const batchId = Number(batch.batchId)
    const call = this.#call
    if (!registration || !call) {
      call?.write({ done: { callbackId: batch.callbackId, batchId: batch.batchId, error: unknownCallback(batch.callbackId) } })
      return
    }
    registration.tail = registration.tail.then(async () => {
      let error: ErrorInfo | null = null
      try {
        const schema = schemaFromJson(batch.schemaJson)
        const { rows } = decodeAvroContainer(batch.avro, schema)
        await registration.callback(schema, rows, batchId)
      } catch (thrown) {
        error = callbackErrorInfo(registration.format, thrown)
      }
      call.write({ done: { callbackId: batch.callbackId, batchId: batch.batchId, ...(error ? { error } : {}) } })
    })
  }
}

/** What a callback threw, as the wire's ErrorInfo: a SluiceError as it is, anything else under Spark's user-function class. */
function callbackErrorInfo(format: string, thrown: unknown): ErrorInfo {
  if (SluiceError.isInstance(thrown)) return errorInfoOf(thrown)
  const reason = thrown instanceof Error ? thrown.message : String(thrown)
  const kind = USER_FUNCTION_ERROR[format]
  if (!kind) return { errorClass: 'CLIENT_CALLBACK_ERROR', message: `The ${format} sink failed in the client: ${reason}`, params: { reason }, domain: 'user', retryable: false, grpcStatus: 3 }
  return {
    errorClass: kind.errorClass,
    message: `An error occurred in the user provided function in ${kind.sink} sink. Reason: ${reason}`,
    params: { reason }, domain: 'user', retryable: false, grpcStatus: 3,
  }
}

function unknownCallback(callbackId: string): ErrorInfo {
  return { errorClass: 'INTERNAL_ERROR', message: `No callback ${callbackId} is registered in this client (this is a bug in Sluice)`, params: {}, domain: 'internal', retryable: false, grpcStatus: 13 }
}
