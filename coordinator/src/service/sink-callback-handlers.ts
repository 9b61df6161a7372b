import type { ServerDuplexStream } from '@grpc/grpc-js'
import { GrpcStatus, SluiceError, encodeAvroContainer, errorFromInfo, schemaToJson, type GrpcStatusCode } from '@sluice/shared'
import type { ErrorInfo__Output, SinkCallbackAck__Output, SinkCallbackBatch, SluiceServiceHandlers } from '@sluice/proto'
import type { SinkCallbackBatchMessage, SinkCallbackChannel } from '../sessions/sink-callback-router.js'
import type { ServiceContext } from './service-context.js'

/**
 * SinkCallbacks: a client's stream that runs foreach / foreachBatch / console
 * batches. The client's first message (hello) names the callback ids it serves;
 * each batch goes out as a SinkCallbackBatch and its query waits for the client's
 * SinkCallbackDone (with the callback's error, if it threw). When the stream ends
 * for any reason, batches in flight and later ones fail, and so do their queries.
 */
export function sinkCallbackHandlers(context: ServiceContext): Pick<SluiceServiceHandlers, 'SinkCallbacks'> {
  const router = context.sessions.sinkCallbacks
  return {
    SinkCallbacks: (call: ServerDuplexStream<SinkCallbackAck__Output, SinkCallbackBatch>) => {
      let open = true
      const channel: SinkCallbackChannel = {
        send(batch: SinkCallbackBatchMessage) {
          if (!open) {
            router.detach(channel, 'the stream had ended')
            return
          }
          call.write(batchMessage(batch, context.maxMessageBytes))
        },
      }
      const close = (reason: string): void => {
        if (!open) return
        open = false
        context.shutdown.removeEventListener('abort', onShutdown)
        router.detach(channel, reason)
      }
      const onShutdown = (): void => {
        close('the coordinator is shutting down')
        call.end()
      }
      context.shutdown.addEventListener('abort', onShutdown)
      call.on('data', (message: SinkCallbackAck__Output) => {
        if (message.kind === 'hello' && message.hello) {
          router.attach(channel, message.hello.callbackIds)
        } else if (message.kind === 'done' && message.done) {
          const { callbackId, batchId, error } = message.done
          router.acknowledge(callbackId, Number(batchId), error ? callbackError(error) : undefined)
        }
      })
      call.on('end', () => {
        close('the client closed it')
        call.end()
      })
      call.on('cancelled', () => close('the client cancelled it'))
      call.on('error', (error) => close(`it failed: ${error.message}`))
      call.on('close', () => close('it closed'))
    },
  }
}

/** Bytes of a SinkCallbackBatch besides its Avro (ids, schema JSON, framing), kept free under the send limit. */
const MESSAGE_OVERHEAD_BYTES = 64 * 1024

/**
 * One batch as its message. A batch over the send limit fails (and its query, with
 * this error) rather than breaking the client's stream for every callback on it.
 */
function batchMessage(batch: SinkCallbackBatchMessage, maxMessageBytes: number): SinkCallbackBatch {
  const schemaJson = schemaToJson(batch.schema)
  const avro = encodeAvroContainer(batch.schema, batch.rows)
  if (avro.length + schemaJson.length + MESSAGE_OVERHEAD_BYTES > maxMessageBytes) {
    throw new SluiceError({
      errorClass: 'SINK_CALLBACK_BATCH_TOO_LARGE', domain: 'user', grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED,
      params: { callbackId: batch.callbackId, batchId: String(batch.batchId), bytes: String(avro.length), maxMessageBytes: String(maxMessageBytes) },
      message: `Batch ${batch.batchId} of the client sink callback '${batch.callbackId}' is ${avro.length} bytes of rows (${batch.rows.length} rows), ` +
        `over the coordinator's message limit of ${maxMessageBytes} bytes: start the coordinator with a larger --max-message-bytes, ` +
        'or make batches smaller (maxFilesPerTrigger, maxOffsetsPerTrigger, rowsPerBatch).',
    })
  }
  return { callbackId: batch.callbackId, batchId: String(batch.batchId), schemaJson, avro: Buffer.from(avro) }
}

/** The error a client's callback threw, as the query's failure (a user error unless the client says otherwise). */
function callbackError(error: ErrorInfo__Output): Error {
  const domain = error.domain === 'internal' || error.domain === 'external' ? error.domain : 'user'
  return errorFromInfo({
    errorClass: error.errorClass || 'FOREACH_BATCH_USER_FUNCTION_ERROR', message: error.message, params: error.params,
    domain, retryable: error.retryable, ...(error.grpcStatus ? { grpcStatus: error.grpcStatus as GrpcStatusCode } : {}),
  })
}
