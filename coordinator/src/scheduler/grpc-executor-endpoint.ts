import { Metadata, type ChannelCredentials, type ChannelOptions, type ServiceError } from '@grpc/grpc-js'
import { loadSluiceProtos, type ExecutorServiceClient, type LaunchTaskRequest } from '@sluice/proto'
import type { ExecutorEndpoint, LaunchDescriptor } from './task-scheduler.js'
import { ExecutorLostError } from './executor-lost-error.js'
import { taskErrorFromCall } from './task-error-from-call.js'

export interface GrpcExecutorEndpointOptions {
  readonly id: string
  /** host:port of the executor's ExecutorService. */
  readonly address: string
  readonly slots: number
  readonly credentials: ChannelCredentials
  /** Sent as `authorization: Bearer <token>` on every call when set. */
  readonly token?: string
  /** grpc.max_send_message_length and grpc.max_receive_message_length (grpc-js defaults: unlimited send, 4 MiB receive). */
  readonly maxMessageBytes: number
  readonly channelOptions?: ChannelOptions
}

/**
 * The gRPC transport to one registered executor: `LaunchTask` carries the encoded
 * task and answers with the encoded result. Aborting `signal` cancels the call
 * (the executor aborts the task and deletes its files) and rejects with the
 * signal's reason. A failed call becomes the executor's typed error when its
 * trailers carry one (`sluice-error-info`), else `ExecutorLostError` for an
 * unreachable executor (UNAVAILABLE, CANCELLED by the other side, DEADLINE_EXCEEDED).
 */
export class GrpcExecutorEndpoint implements ExecutorEndpoint {
  readonly id: string
  readonly slots: number
  readonly address: string
  readonly #client: ExecutorServiceClient
  readonly #token: string | undefined

  constructor(options: GrpcExecutorEndpointOptions) {
    this.id = options.id
    this.slots = options.slots
    this.address = options.address
    this.#token = options.token
    const { ExecutorService } = loadSluiceProtos()
    this.#client = new ExecutorService(options.address, options.credentials, {
      ...options.channelOptions,
      'grpc.max_send_message_length': options.maxMessageBytes,
      'grpc.max_receive_message_length': options.maxMessageBytes,
    })
  }

  launch(descriptor: LaunchDescriptor, taskBytes: Uint8Array, signal: AbortSignal): Promise<Uint8Array> {
    if (signal.aborted) return Promise.reject(abortReason(signal))
    const request: LaunchTaskRequest = {
      descriptor: {
        queryId: descriptor.queryId, runId: descriptor.runId, batchId: String(descriptor.batchId),
        taskId: descriptor.taskId, attempt: descriptor.attempt, epoch: String(descriptor.epoch),
      },
      task: Buffer.from(taskBytes.buffer, taskBytes.byteOffset, taskBytes.byteLength),
    }
    return new Promise((resolve, reject) => {
      const call = this.#client.LaunchTask(request, this.metadata(), (error: ServiceError | null, response) => {
        signal.removeEventListener('abort', onAbort)
        if (signal.aborted) return reject(abortReason(signal))
        if (error) return reject(taskErrorFromCall(error, this.id))
        if (!response) return reject(new ExecutorLostError(this.id, 'LaunchTask answered without a result'))
        resolve(response.result)
      })
      const onAbort = () => call.cancel()
      signal.addEventListener('abort', onAbort, { once: true })
    })
  }

  close(): void {
    this.#client.close()
  }

  private metadata(): Metadata {
    const metadata = new Metadata()
    if (this.#token !== undefined) metadata.set('authorization', `Bearer ${this.#token}`)
    return metadata
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The task was cancelled', 'AbortError')
}

