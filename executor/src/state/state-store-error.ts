import { GrpcStatus, SluiceError } from '@sluice/shared'

/**
 * A state store version that cannot be loaded (Spark's CANNOT_LOAD_STATE_STORE
 * with its sub-classes), naming the file at fault.
 */
export class StateStoreLoadError extends SluiceError {
  constructor(
    subClass: 'CANNOT_READ_DELTA_FILE_NOT_EXISTS' | 'CANNOT_READ_STREAMING_STATE_FILE' | 'UNCATEGORIZED',
    readonly file: string,
    message: string,
    cause?: unknown,
  ) {
    super({
      errorClass: `CANNOT_LOAD_STATE_STORE.${subClass}`,
      message,
      params: { file },
      domain: 'user',
      grpcStatus: GrpcStatus.DATA_LOSS,
      cause,
    })
  }
}

/** A store used against its lifecycle (put after commit, commit twice): a bug in the caller. */
export class StateStoreStateError extends SluiceError {
  constructor(message: string) {
    super({ errorClass: 'STATE_STORE_INVALID_USE', message, domain: 'internal' })
  }
}
