import { AnalysisError } from '@sluice/shared'
import type { OffsetJson } from '../../checkpoint/index.js'
import type { SourceBatchInput, StreamingSourceRuntime } from './streaming-source.js'

interface RatePerMicroBatchOffset {
  readonly offset: number
  readonly timestamp: number
}

/**
 * Spark's `rate-micro-batch` source (RatePerMicroBatchProvider, Spark 3.3+): every
 * micro-batch holds the next `rowsPerBatch` values, all stamped with the batch's
 * generated time, which starts at `startTimestamp` and advances by
 * `advanceMillisPerBatch` per batch, whatever the trigger or lag. Offsets are
 * `{"offset":N,"timestamp":ms}`; partition p of a batch holds its values ≡ p
 * modulo numPartitions, read partition by partition.
 */
export class RateMicroBatchSource implements StreamingSourceRuntime {
  readonly description: string
  readonly #rowsPerBatch: number
  readonly #numPartitions: number
  readonly #startTimestamp: number
  readonly #advanceMillisPerBatch: number
  #availableNow = false
  #availableNowEnd: OffsetJson | undefined

  constructor(options: Readonly<Record<string, string>>) {
    this.#rowsPerBatch = integerOption(options, 'rowsPerBatch', 0, (v) => v > 0, 'must be positive')
    this.#numPartitions = integerOption(options, 'numPartitions', 1, (v) => v > 0, 'must be positive')
    this.#startTimestamp = integerOption(options, 'startTimestamp', 0, (v) => v >= 0, 'must be non-negative')
    this.#advanceMillisPerBatch = integerOption(options, 'advanceMillisPerBatch', 1000, (v) => v >= 0, 'must be non-negative')
    this.description = `RatePerMicroBatchStream[rowsPerBatch=${this.#rowsPerBatch}, numPartitions=${this.#numPartitions}, startTimestamp=${this.#startTimestamp}, advanceMsPerBatch=${this.#advanceMillisPerBatch}]`
  }

  async latestOffset(start: OffsetJson | null): Promise<OffsetJson | null> {
    if (this.#availableNow && this.#availableNowEnd !== undefined) return this.#availableNowEnd
    const from = this.parse(start)
    const end = JSON.stringify({ offset: from.offset + this.#rowsPerBatch, timestamp: from.timestamp + this.#advanceMillisPerBatch })
    if (this.#availableNow) this.#availableNowEnd = end
    return end
  }

  async getBatch(start: OffsetJson | null, end: OffsetJson): Promise<SourceBatchInput> {
    const from = this.parse(start)
    const to = this.parse(end)
    const micros = from.timestamp * 1000
    const rows: unknown[][] = []
    for (let p = 0; p < this.#numPartitions; p++) {
      for (let value = from.offset + p; value < to.offset; value += this.#numPartitions) rows.push([micros, BigInt(value)])
    }
    return { kind: 'rows', rows }
  }

  /** Trigger.AvailableNow: one batch, the next one from where the query stands. */
  async prepareForAvailableNow(): Promise<void> {
    this.#availableNow = true
  }

  async commit(): Promise<void> {}
  async stop(): Promise<void> {}

  private parse(offset: OffsetJson | null): RatePerMicroBatchOffset {
    if (offset === null) return { offset: 0, timestamp: this.#startTimestamp }
    return JSON.parse(offset) as RatePerMicroBatchOffset
  }
}

function integerOption(options: Readonly<Record<string, string>>, name: string, fallback: number, valid: (v: number) => boolean, rule: string): number {
  const raw = options[name.toLowerCase()]
  const value = raw === undefined ? fallback : Number(raw)
  if (!Number.isSafeInteger(value) || !valid(value)) {
    throw new AnalysisError('INVALID_STREAMING_SOURCE_OPTION', `Invalid value '${raw ?? fallback}'. The option '${name}' ${rule}`, { option: name })
  }
  return value
}
