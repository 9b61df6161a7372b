import { GrpcStatus, SluiceError } from '@sluice/shared'

/**
 * Error classes raised by the checkpoint layer. Each names the file (or folder) at
 * fault; when one is raised while opening a checkpoint nothing has been written.
 */
export const CheckpointErrorClass = Object.freeze({
  /** A log file that cannot be parsed: bad JSON, missing lines, truncated. */
  CORRUPT: 'CHECKPOINT_CORRUPT',
  /** A log file written in a version this build does not read (e.g. `v2` offsets). */
  UNSUPPORTED_VERSION: 'CHECKPOINT_UNSUPPORTED_VERSION',
  /** Batch ids in a log are not contiguous. */
  GAP: 'CHECKPOINT_GAP',
  /** Offsets exist but the `metadata` file (the query id) is missing. */
  METADATA_MISSING: 'CHECKPOINT_METADATA_MISSING',
  /** The query's sources no longer match the checkpoint's offsets. */
  SOURCES_CHANGED: 'STREAMING_QUERY_SOURCES_CHANGED',
  /** Another run holds the checkpoint's lock. */
  IN_USE: 'CHECKPOINT_IN_USE',
  /** An entry that must be written once already exists (Spark: CONCURRENT_STREAM_LOG_UPDATE). */
  CONCURRENT_UPDATE: 'CONCURRENT_STREAM_LOG_UPDATE',
} as const)
export type CheckpointErrorClassName = (typeof CheckpointErrorClass)[keyof typeof CheckpointErrorClass]

/**
 * A checkpoint that cannot be used as it is. `file` is the path (or checkpoint
 * entry name) at fault; the message says what is wrong with it and what to do.
 */
export class CheckpointError extends SluiceError {
  constructor(
    errorClass: CheckpointErrorClassName,
    readonly file: string,
    message: string,
    cause?: unknown,
  ) {
    super({
      errorClass,
      message,
      params: { file },
      domain: 'user',
      grpcStatus: errorClass === CheckpointErrorClass.IN_USE ? GrpcStatus.ALREADY_EXISTS : GrpcStatus.FAILED_PRECONDITION,
      cause,
    })
  }
}
