/**
 * How a task stops when it is aborted (its call was cancelled, the coordinator
 * cancelled it, the executor shuts down): the same error everywhere, a DOM
 * `AbortError`, as Node's own APIs reject with.
 */

/** The error an aborted task rejects with: the signal's reason when it is an AbortError, else a new one. */
export function taskAbortedError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason
  if (isAbortError(reason)) return reason as Error
  const detail = reason instanceof Error ? `: ${reason.message}` : typeof reason === 'string' ? `: ${reason}` : ''
  return new DOMException(`The task was aborted${detail}.`, 'AbortError')
}

/** True for the error of an aborted task (any `AbortError`, also one rebuilt from another thread). */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError'
}

/** Throws the task's AbortError when `signal` has been aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw taskAbortedError(signal)
}

/**
 * `batches`, stopping before the next batch once `signal` is aborted (the source's
 * iterator is closed, so a reader stops reading).
 */
export async function* abortable<T>(batches: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncIterable<T> {
  if (!signal) {
    yield* batches
    return
  }
  throwIfAborted(signal)
  for await (const batch of batches) {
    throwIfAborted(signal)
    yield batch
    throwIfAborted(signal)
  }
}
