/**
 * Every session setting Sluice reads, with Spark's key, default and meaning. One
 * place for tunables: code reads them through `SessionConfig`, never a literal.
 */
export const CONFIG_DEFAULTS = Object.freeze({
  /** ANSI SQL mode: invalid casts and overflows raise errors (Spark 4's default). */
  'spark.sql.ansi.enabled': 'true',
  'spark.sql.session.timeZone': 'UTC',
  'spark.sql.caseSensitive': 'false',
  /** Partitions of stateful operators, recorded in the checkpoint as Spark does. */
  'spark.sql.shuffle.partitions': '200',
  'spark.sql.pivotMaxValues': '10000',
  /** `exists(arr, pred)` is null when no element matched and the predicate was null for one (false when off). */
  'spark.sql.legacy.followThreeValuedLogicInArrayExists': 'true',
  /** A null from an `array_sort` comparator counts as 0 instead of failing (COMPARATOR_RETURNS_NULL). */
  'spark.sql.legacy.allowNullComparisonResultInArraySort': 'false',
  'spark.sql.streaming.numRecentProgressUpdates': '100',
  /** How the global watermark is chosen from several inputs' watermarks: `min` (the slowest) or `max`. */
  'spark.sql.streaming.multipleWatermarkPolicy': 'min',
  /** Chained stateful operators: each judges late rows by the previous batch's watermark, evicts by this batch's (Spark 3.4+). */
  'spark.sql.streaming.statefulOperator.allowMultiple': 'true',
  /** Refuse a query whose stateful operator may see late rows from an upstream one (else Spark only warns). */
  'spark.sql.streaming.statefulOperator.checkCorrectness.enabled': 'true',
  /** Starting a query whose earlier run is still active (on this process, any session) stops that run first; else the start fails. */
  'spark.sql.streaming.stopActiveRunOnRestart': 'true',
  'spark.sql.streaming.minBatchesToRetain': '100',
  /** Idle progress events while no data arrives, ms. */
  'spark.sql.streaming.noDataProgressEventInterval': '10000',
  'spark.sql.streaming.stateStore.minDeltasForSnapshot': '10',
  'spark.sql.streaming.fileSink.log.compactInterval': '10',
  'spark.sql.streaming.fileSource.log.compactInterval': '10',
  /** Delete file source / file sink log files that a compaction covers, once older than the cleanup delay (Spark's SQLConf). */
  'spark.sql.streaming.fileSource.log.deletion': 'true',
  'spark.sql.streaming.fileSource.log.cleanupDelay': '10m',
  'spark.sql.streaming.fileSink.log.deletion': 'true',
  'spark.sql.streaming.fileSink.log.cleanupDelay': '10m',
  /** Default trigger polling when no trigger is set and no data arrives, ms. */
  'spark.sql.streaming.pollingDelay': '10',
  /** Run the extra batch that only advances the watermark (Spark's noDataMicroBatches). */
  'spark.sql.streaming.noDataMicroBatches.enabled': 'true',
  'spark.sql.streaming.checkpointLocation': '',
  'spark.sql.files.maxRecordsPerFile': '0',
  'spark.databricks.delta.checkpointInterval': '10',
  /**
   * fsync checkpoint log entries and state files. Off by default, as Spark on a local
   * filesystem: a killed process loses nothing either way (the OS has the writes);
   * only a power loss can. Costs 3–8 ms per file when on.
   */
  'spark.sluice.checkpoint.fsync': 'false',
  /**
   * Executor threads of the embedded engine (`master("local[N]")` sets it; default: the
   * machine's cores). Stateless file-to-file micro-batches are split across them.
   */
  'spark.sluice.executor.threads': '0',
})

export type ConfigKey = keyof typeof CONFIG_DEFAULTS

/** A session's settings: Spark's keys, string values, defaults from `CONFIG_DEFAULTS`. */
export class SessionConfig {
  readonly #values = new Map<string, string>()

  constructor(initial: Readonly<Record<string, string | number | boolean>> = {}) {
    for (const [key, value] of Object.entries(initial)) this.set(key, value)
  }

  get(key: string, fallback?: string): string | undefined {
    return this.#values.get(key) ?? (CONFIG_DEFAULTS as Record<string, string>)[key] ?? fallback
  }

  set(key: string, value: string | number | boolean): void {
    this.#values.set(key, String(value))
  }

  unset(key: string): void {
    this.#values.delete(key)
  }

  getBoolean(key: ConfigKey): boolean {
    return this.get(key)?.toLowerCase() === 'true'
  }

  getNumber(key: ConfigKey): number {
    return Number(this.get(key))
  }

  /** Every explicitly set value. */
  entries(): [string, string][] {
    return [...this.#values.entries()]
  }
}
