import { Metadata, type ServerErrorResponse, type status } from '@grpc/grpc-js'
import { ERROR_INFO_METADATA_KEY, InternalError, SluiceError, errorInfoJson, errorInfoOf } from '@sluice/shared'

/** Trailer metadata holding the error as JSON `{errorClass, message, params, domain, retryable, grpcStatus}`. */
export const ERROR_INFO_TRAILER = ERROR_INFO_METADATA_KEY

/**
 * The one mapping of errors to gRPC statuses. A `SluiceError` answers with its
 * `grpcStatus`, its message (`[ERROR_CLASS] text`) as the details and its
 * `errorInfoOf` JSON in the `sluice-error-info` trailer, so the other side rebuilds
 * the typed error; anything else is a bug in Sluice: INTERNAL, and the message says so.
 */
export function toServiceError(error: unknown): ServerErrorResponse {
  const sluiceError = SluiceError.isInstance(error)
    ? error
    : new InternalError(`Unexpected ${error instanceof Error ? error.name : typeof error}: ${error instanceof Error ? error.message : String(error)}`, error)
  const info = errorInfoOf(sluiceError)
  const metadata = new Metadata()
  // Printable ASCII only (grpc-js refuses other text metadata); the JSON parses the same.
  metadata.set(ERROR_INFO_TRAILER, errorInfoJson(sluiceError))
  const result = new Error(sluiceError.message) as ServerErrorResponse
  result.code = info.grpcStatus as unknown as status
  result.details = sluiceError.message
  result.metadata = metadata
  return result
}
