import { GrpcStatus, SluiceError } from '@sluice/shared'

/**
 * A task of a coordinator epoch older than the newest this executor has seen: a newer
 * coordinator has taken over, and the old one's work must not run (nor write).
 */
export class StaleEpochError extends SluiceError {
  static readonly errorClass = 'STALE_EPOCH'

  constructor(readonly taskEpoch: bigint, readonly executorEpoch: bigint) {
    super({
      errorClass: StaleEpochError.errorClass,
      message: `The task's coordinator epoch ${taskEpoch} is older than the newest coordinator epoch ${executorEpoch} this executor has seen: a newer coordinator has taken over, so the task is refused.`,
      params: { taskEpoch: String(taskEpoch), executorEpoch: String(executorEpoch) },
      domain: 'external',
      retryable: false,
      grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    })
  }
}

/** An epoch as proto-loader gives it (int64 as a decimal string) or as a number. */
export type Epoch = string | number | bigint

/**
 * The newest coordinator epoch an executor has seen (from registration, heartbeats
 * and tasks). It only moves forward; `check` refuses a task of an older epoch.
 */
export class EpochFence {
  #newest = 0n

  get newest(): bigint {
    return this.#newest
  }

  /** Records `epoch`; true when it is newer than every epoch seen so far. */
  observe(epoch: Epoch): boolean {
    const value = toEpoch(epoch)
    if (value <= this.#newest) return false
    this.#newest = value
    return true
  }

  /** Throws StaleEpochError when `epoch` is older than the newest seen. */
  check(epoch: Epoch): void {
    const value = toEpoch(epoch)
    if (value < this.#newest) throw new StaleEpochError(value, this.#newest)
  }
}

export function toEpoch(epoch: Epoch): bigint {
  if (typeof epoch === 'bigint') return epoch
  if (typeof epoch === 'number') return BigInt(Math.trunc(epoch))
  return epoch.trim() === '' ? 0n : BigInt(epoch)
}
