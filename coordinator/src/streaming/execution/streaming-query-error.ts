import { SluiceError } from '@sluice/shared'

/**
 * Why a streaming query terminated (Spark's StreamingQueryException): wraps the
 * cause, keeps its error class, and names the query.
 */
export class StreamingQueryError extends SluiceError {
  constructor(readonly queryId: string, readonly runId: string, readonly causeErrorClass: string | null, message: string, cause: unknown) {
    super({ errorClass: 'STREAM_FAILED', message, params: { id: queryId, runId }, domain: SluiceError.isInstance(cause) ? cause.domain : 'internal', cause })
  }

  static wrap(error: unknown, queryId: string, runId: string): StreamingQueryError {
    const causeClass = SluiceError.isInstance(error) ? error.errorClass : null
    const text = error instanceof Error ? error.message : String(error)
    return new StreamingQueryError(queryId, runId, causeClass, `Query [id = ${queryId}, runId = ${runId}] terminated with exception: ${text}`, error)
  }
}
