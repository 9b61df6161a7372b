import { AnalysisError, ExecutionError, SluiceError, GrpcStatus } from '@sluice/shared'

/** A reader feature of `table` that Sluice cannot honor; reading on would give wrong rows. */
export function unsupportedReadFeature(table: string, features: readonly string[]): AnalysisError {
  return new AnalysisError(
    'DELTA_UNSUPPORTED_FEATURES_FOR_READ',
    `Unsupported Delta read feature: table "${table}" requires reader table feature(s) that are unsupported by Sluice: ${features.join(', ')}.`,
    { tableNameOrPath: table, unsupported: features.join(', ') },
  )
}

/** A writer feature (or writer version) of `table` that Sluice cannot honor. */
export function unsupportedWriteFeature(table: string, features: readonly string[]): AnalysisError {
  return new AnalysisError(
    'DELTA_UNSUPPORTED_FEATURES_FOR_WRITE',
    `Unsupported Delta write feature: table "${table}" requires writer table feature(s) that are unsupported by Sluice: ${features.join(', ')}.`,
    { tableNameOrPath: table, unsupported: features.join(', ') },
  )
}

/** `path` has no Delta log. */
export function notADeltaTable(path: string): AnalysisError {
  return new AnalysisError('DELTA_MISSING_DELTA_TABLE', `\`${path}\` is not a Delta table.`, { tableName: path })
}

/** A commit that lost the race to a concurrent one it conflicts with (Spark's ConcurrentModificationException family). */
export class DeltaConcurrentModificationError extends SluiceError {
  constructor(errorClass: string, message: string, params: Record<string, string>) {
    super({ errorClass, message, params, domain: 'user', retryable: true, grpcStatus: GrpcStatus.ABORTED })
  }
}

/** A log that cannot be replayed: a missing or malformed commit file. */
export function corruptLog(path: string, detail: string): ExecutionError {
  return new ExecutionError('DELTA_LOG_CORRUPTED', `The Delta log of ${path} cannot be read: ${detail}.`, { path })
}
