import { Metadata, type StatusObject } from '@grpc/grpc-js'

/** A failed call's status: code, details and trailers. */
export type ErrorStatus = Pick<StatusObject, 'code' | 'details' | 'metadata'>
import { ERROR_INFO_METADATA_KEY, GrpcStatus, errorInfoOf, type ErrorInfoJson } from '@sluice/shared'
import { isAbortError } from '@sluice/storage'

/**
 * The wire form of any error an executor raises: Sluice errors as `errorInfoOf` gives
 * them, and an aborted task (its call was cancelled, CancelTask, shutdown, a newer
 * epoch) as CANCELLED `TASK_ABORTED`, retryable elsewhere.
 */
export function executorErrorInfo(error: unknown): ErrorInfoJson {
  if (isAbortError(error)) {
    return {
      errorClass: 'TASK_ABORTED', message: (error as Error).message || 'The task was aborted.', params: {},
      domain: 'external', retryable: true, grpcStatus: GrpcStatus.CANCELLED,
    }
  }
  return errorInfoOf(error)
}

/** The status a handler fails a call with: code, details (`[CLASS] message`) and the `sluice-error-info` trailer. */
export function grpcErrorStatus(error: unknown): ErrorStatus {
  return grpcStatusOf(executorErrorInfo(error))
}

/** The status of an error's wire form. */
export function grpcStatusOf(info: ErrorInfoJson): ErrorStatus {
  const metadata = new Metadata()
  metadata.set(ERROR_INFO_METADATA_KEY, asciiJson(info))
  return { code: info.grpcStatus as number as StatusObject['code'], details: `[${info.errorClass}] ${info.message}`, metadata }
}

/**
 * JSON with every character outside printable ASCII escaped (`\uXXXX`): a text
 * metadata value must be printable ASCII (grpc-js throws otherwise), and the JSON
 * still parses to the same value.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
