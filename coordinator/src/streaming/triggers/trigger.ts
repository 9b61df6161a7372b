import { AnalysisError, parseDurationMs } from '@sluice/shared'

/**
 * A parsed trigger (Spark's Trigger): when the micro-batch loop starts a batch.
 * - `ProcessingTime` with `intervalMs` 0 is the default: a batch as soon as the last one ends.
 * - `Once`: one batch of everything available, then stop (deprecated in Spark in favour of AvailableNow).
 * - `AvailableNow`: everything available at start, in batches honouring rate limits, then stop.
 */
export type Trigger =
  | { readonly type: 'ProcessingTime'; readonly intervalMs: number }
  | { readonly type: 'Once' }
  | { readonly type: 'AvailableNow' }

/** What users pass to `writeStream.trigger(...)`, as in PySpark's keyword arguments. */
export interface TriggerOptions {
  readonly processingTime?: string | number
  readonly once?: boolean
  readonly availableNow?: boolean
  readonly continuous?: string | number
}

export const DEFAULT_TRIGGER: Trigger = Object.freeze({ type: 'ProcessingTime', intervalMs: 0 })

/**
 * Parses trigger options with PySpark's rules: exactly one of processingTime,
 * once, availableNow, continuous; no options → the default trigger.
 * `processingTime` is a Spark interval string ("2 minutes", "500 ms") or ms.
 * Continuous processing is refused (AnalysisError) until it is implemented.
 */
export function parseTrigger(options: TriggerOptions | undefined): Trigger {
  if (options === undefined) return DEFAULT_TRIGGER
  const given = (['processingTime', 'once', 'availableNow', 'continuous'] as const).filter((key) => options[key] !== undefined)
  if (given.length > 1) {
    throw new AnalysisError('INVALID_TRIGGER', `Only one trigger can be set, got ${given.join(', ')}.`, { triggers: given.join(',') })
  }
  if (options.continuous !== undefined) {
    throw new AnalysisError(
      'UNSUPPORTED_FEATURE.CONTINUOUS_PROCESSING',
      `Continuous processing (trigger continuous=${JSON.stringify(options.continuous)}) is not supported yet; use processingTime, once or availableNow.`,
    )
  }
  if (options.processingTime !== undefined) {
    const interval = options.processingTime
    const intervalMs = typeof interval === 'number' ? interval : parseDurationMs(interval)
    if (!Number.isFinite(intervalMs) || intervalMs < 0) {
      throw new AnalysisError('INVALID_TRIGGER', `The processingTime trigger interval must be non-negative, got ${JSON.stringify(interval)}.`)
    }
    return { type: 'ProcessingTime', intervalMs }
  }
  if (options.once !== undefined) {
    if (options.once !== true) throw new AnalysisError('INVALID_TRIGGER', 'Value for once must be True. Got: false')
    return { type: 'Once' }
  }
  if (options.availableNow !== undefined) {
    if (options.availableNow !== true) throw new AnalysisError('INVALID_TRIGGER', 'Value for availableNow must be True. Got: false')
    return { type: 'AvailableNow' }
  }
  return DEFAULT_TRIGGER
}
