import { AnalysisError, SluiceError, LongType, StructField, StructType, TimestampType, parseDurationMs, type Clock, type Row } from '@sluice/shared'
import { parseLongOffset, type SourceMetadataStore, type StreamSource } from './stream-source.js'

/** Options of the `rate` source, as Spark's RateStreamProvider. */
export interface RateStreamOptions {
  /** Rows per second once ramped up (default 1). */
  readonly rowsPerSecond?: number | string
  /** Seconds to ramp up to rowsPerSecond: a number of seconds or a time string ("5s", "2 minutes"). Default 0. */
  readonly rampUpTime?: number | string
  /** Partitions the rows of a batch are spread over (default 1; Spark's default is the default parallelism). */
  readonly numPartitions?: number | string
}

export const RATE_SOURCE_SCHEMA: StructType = StructType([StructField('timestamp', TimestampType, true), StructField('value', LongType, true)])

/**
 * Rows emitted up to second `seconds` (exclusive) with linear ramp-up, as Spark's
 * RateStreamProvider.valueAtSecond: during ramp-up the speed grows by
 * `floor(rowsPerSecond / (rampUpSeconds + 1))` per second.
 */
export function rateValueAtSecond(seconds: bigint, rowsPerSecond: bigint, rampUpTimeSeconds: bigint): bigint {
  const speedDeltaPerSecond = rowsPerSecond / (rampUpTimeSeconds + 1n)
  if (seconds <= rampUpTimeSeconds) {
    return seconds % 2n === 1n ? ((seconds + 1n) / 2n) * speedDeltaPerSecond * seconds : (seconds / 2n) * speedDeltaPerSecond * (seconds + 1n)
  }
  const rampUpPart = rateValueAtSecond(rampUpTimeSeconds, rowsPerSecond, rampUpTimeSeconds)
  return rampUpPart + (seconds - rampUpTimeSeconds) * rowsPerSecond
}

/**
 * The `rate` source (Spark's RateStreamMicroBatchStream): columns `timestamp
 * TIMESTAMP, value BIGINT`. The offset is the number of whole seconds since the
 * source was created; batch (s1, s2] holds values
 * `[valueAtSecond(s1), valueAtSecond(s2))`, value v stamped
 * `creationTime + s1·1000 + round((v − first)·(ms per value))`. The creation time is kept in
 * the checkpoint (`sources/<i>/0`: `v1\n<ms>`), so a replay after a restart gives
 * the same rows. Rows come partition by partition: partition p holds the values
 * ≡ p modulo numPartitions.
 */
export class RateStreamSource implements StreamSource {
  readonly schema = RATE_SOURCE_SCHEMA
  readonly description: string
  private lastTimeMs: number

  private constructor(
    readonly rowsPerSecond: number,
    readonly rampUpTimeSeconds: number,
    readonly numPartitions: number,
    readonly creationTimeMs: number,
    private readonly clock: Clock,
    numPartitionsOption: string,
  ) {
    this.lastTimeMs = creationTimeMs
    // NOTE: exactly Spark's toString, which has no closing bracket.
    this.description = `RateStreamV2[rowsPerSecond=${rowsPerSecond}, rampUpTimeSeconds=${rampUpTimeSeconds}, numPartitions=${numPartitionsOption}`
  }

  /**
   * Creates the source; with `metadata`, reads the creation time from
   * `<metadataPath>/0` or writes it there on first start.
   */
  static async create(
    options: RateStreamOptions,
    context: { clock: Clock; metadata?: { store: SourceMetadataStore; path: string } },
  ): Promise<RateStreamSource> {
    const rowsPerSecond = positiveInteger('rowsPerSecond', options.rowsPerSecond ?? 1)
    const numPartitions = positiveInteger('numPartitions', options.numPartitions ?? 1)
    const rampUpTimeSeconds = parseRampUpSeconds(options.rampUpTime ?? 0)
    let creationTimeMs = context.clock.now()
    if (context.metadata !== undefined) {
      const name = `${context.metadata.path}/0`
      const existing = await context.metadata.store.get(name)
      if (existing === null && !(await context.metadata.store.putIfAbsent(name, `v1\n${creationTimeMs}`))) {
        throw new SluiceError({
          errorClass: 'CONCURRENT_STREAM_LOG_UPDATE',
          message: `Concurrent update to the log. Multiple streaming jobs detected for ${name}.`,
          params: { file: name },
        })
      }
      if (existing !== null) creationTimeMs = parseCreationTime(existing, name)
    }
    const numPartitionsOption = options.numPartitions === undefined ? 'default' : String(options.numPartitions)
    return new RateStreamSource(rowsPerSecond, rampUpTimeSeconds, numPartitions, creationTimeMs, context.clock, numPartitionsOption)
  }

  async latestOffset(): Promise<string | null> {
    const now = this.clock.now()
    if (this.lastTimeMs < now) this.lastTimeMs = now
    const seconds = Math.floor((this.lastTimeMs - this.creationTimeMs) / 1000)
    return seconds <= 0 ? null : String(seconds)
  }

  async getBatch(start: string | null, end: string): Promise<Row[]> {
    return (await this.getBatchPartitions(start, end)).flat()
  }

  /** The batch's rows split as Spark's input partitions would read them. */
  async getBatchPartitions(start: string | null, end: string): Promise<Row[][]> {
    const startSeconds = start === null ? 0 : parseLongOffset(start, this.description)
    const endSeconds = parseLongOffset(end, this.description)
    if (startSeconds > endSeconds) throw new RangeError(`${this.description}: start offset ${startSeconds} is after end offset ${endSeconds}`)
    // After a restart, never report an offset below one already processed.
    if (this.lastTimeMs < endSeconds * 1000 + this.creationTimeMs) this.lastTimeMs = endSeconds * 1000 + this.creationTimeMs
    const rate = BigInt(this.rowsPerSecond)
    const rampUp = BigInt(this.rampUpTimeSeconds)
    const rangeStart = rateValueAtSecond(BigInt(startSeconds), rate, rampUp)
    const rangeEnd = rateValueAtSecond(BigInt(endSeconds), rate, rampUp)
    if (rangeStart === rangeEnd) return []
    const localStartTimeMs = this.creationTimeMs + startSeconds * 1000
    const relativeMsPerValue = ((endSeconds - startSeconds) * 1000) / Number(rangeEnd - rangeStart)
    const partitions: Row[][] = []
    for (let partition = 0; partition < this.numPartitions; partition++) {
      const rows: Row[] = []
      for (let value = rangeStart + BigInt(partition); value < rangeEnd; value += BigInt(this.numPartitions)) {
        const timestampMs = localStartTimeMs + Math.round(Number(value - rangeStart) * relativeMsPerValue)
        rows.push([timestampMs * 1000, value])
      }
      partitions.push(rows)
    }
    return partitions
  }

  async commit(): Promise<void> {}

  async stop(): Promise<void> {}
}

function positiveInteger(name: string, raw: number | string): number {
  const value = typeof raw === 'number' ? raw : Number(raw)
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new AnalysisError('INVALID_STREAMING_SOURCE_OPTION', `Invalid value '${raw}'. The option '${name}' must be positive`, { option: name })
  }
  return value
}

function parseRampUpSeconds(raw: number | string): number {
  let seconds: number
  if (typeof raw === 'number') {
    seconds = raw
  } else {
    const short = /^\s*(\d+)\s*(ms|s|m|min|h|d)?\s*$/i.exec(raw)
    const factors: Record<string, number> = { ms: 0.001, s: 1, m: 60, min: 60, h: 3600, d: 86400 }
    seconds = short !== null ? Number(short[1]) * factors[(short[2] ?? 's').toLowerCase()]! : parseDurationMs(raw) / 1000
  }
  seconds = Math.floor(seconds)
  if (!Number.isSafeInteger(seconds) || seconds < 0) {
    throw new AnalysisError('INVALID_STREAMING_SOURCE_OPTION', `Invalid value '${raw}'. The option 'rampUpTime' must not be negative`, { option: 'rampUpTime' })
  }
  return seconds
}

function parseCreationTime(text: string, name: string): number {
  const lines = text.split('\n')
  const value = Number((lines[1] ?? '').trim())
  if (lines[0]?.trim() !== 'v1' || !Number.isSafeInteger(value)) {
    throw new SluiceError({
      errorClass: 'CHECKPOINT_CORRUPT',
      message: `The rate source metadata ${name} is corrupt: expected "v1" and the creation time in ms.`,
      params: { file: name },
    })
  }
  return value
}
