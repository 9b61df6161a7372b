import type { Clock } from '@sluice/shared'
import type { QueryIdleEvent, QueryProgressEvent } from '../listeners/listener-events.js'
import {
  formatProgressTimestamp,
  StreamingStatusMessage,
  type SinkProgress,
  type SourceProgress,
  type StateOperatorProgress,
  type StreamingQueryProgress,
  type StreamingQueryStatus,
} from './progress-types.js'

/** `spark.sql.streaming.numRecentProgressUpdates`. */
export const DEFAULT_NUM_RECENT_PROGRESS_UPDATES = 100
/** `spark.sql.streaming.noDataProgressEventInterval` (ms). */
export const DEFAULT_NO_DATA_PROGRESS_EVENT_INTERVAL_MS = 10_000

export interface ProgressReporterOptions {
  readonly id: string
  readonly runId: string
  readonly name: string | null
  readonly clock: Clock
  readonly numRecentProgressUpdates?: number
  readonly noDataProgressEventIntervalMs?: number
  /** Receives progress and idle events (typically `StreamingListenerBus.post`). */
  readonly postEvent: (event: QueryProgressEvent | QueryIdleEvent) => void
}

/** What the micro-batch loop knows about one source at the end of a trigger; offsets are their logged JSON text. */
export interface SourceTriggerInfo {
  readonly description: string
  readonly startOffset: string | null
  readonly endOffset: string | null
  readonly latestOffset: string | null
  readonly numInputRows: number
  readonly metrics?: Readonly<Record<string, string>>
}

/** What the micro-batch loop reports when a trigger ends. */
export interface TriggerOutcome {
  readonly batchId: number
  /** The batch read new data. */
  readonly hasNewData: boolean
  /** A batch ran (with data, or a no-data batch advancing the watermark). */
  readonly hasExecuted: boolean
  readonly sources: readonly SourceTriggerInfo[]
  readonly sink: { readonly description: string; readonly numOutputRows: number; readonly metrics?: Readonly<Record<string, string>> }
  readonly stateOperators?: readonly StateOperatorProgress[]
  /** avg/max/min/watermark, already formatted (see formatProgressTimestamp). */
  readonly eventTime?: Readonly<Record<string, string>>
  readonly observedMetrics?: StreamingQueryProgress['observedMetrics']
}

/**
 * Times the phases of a trigger and builds its progress, as Spark's ProgressReporter
 * (4.x):
 *
 * - `startTrigger()` stamps the trigger start (remembering the previous trigger's
 *   start, idle or not) and clears the phase timings;
 * - `reportTimeTaken(name, fn)` adds fn's duration to `durationMs[name]`;
 * - `finishTrigger(outcome)` computes
 *   `inputRowsPerSecond = rows / ((thisTriggerStart − previousTriggerStart) / 1000)`
 *   (rows / ∞ = 0 on the first trigger) and
 *   `processedRowsPerSecond = rows / (max(1, triggerEnd − triggerStart) / 1000)`,
 *   kept unrounded as in Spark's progress object (`progressToJson` rounds them);
 *   the progress has the keys in the order of Spark's JSON, `durationMs` sorted, and
 *   offsets parsed from their JSON text (a string when not JSON, as Spark's tryParse).
 *   When a batch ran, the progress goes to `recentProgress` (the last
 *   `numRecentProgressUpdates`) with a QueryProgressEvent. When none ran (idle),
 *   at most once per `noDataProgressEventIntervalMs` the idle progress goes to
 *   `recentProgress` with a QueryIdleEvent — except the very first time, which
 *   records the progress without an event, as Spark's updateIdleness does.
 *
 * @example
 * reporter.startTrigger()
 * const latest = await reporter.reportTimeTaken('latestOffset', () => source.latestOffset())
 * await reporter.reportTimeTaken('walCommit', () => offsetLog.add(batchId, entry))
 * reporter.finishTrigger({ batchId, hasNewData: true, hasExecuted: true, sources, sink })
 */
export class ProgressReporter {
  private readonly progressBuffer: StreamingQueryProgress[] = []
  private currentDurationsMs = new Map<string, number>()
  private triggerStartMs = -1
  private previousTriggerStartMs = -1
  private lastNoExecutionProgressEventMs: number
  private currentStatus: StreamingQueryStatus = { message: StreamingStatusMessage.INITIALIZING, isDataAvailable: false, isTriggerActive: false }
  private readonly capacity: number
  private readonly noDataIntervalMs: number

  constructor(private readonly options: ProgressReporterOptions) {
    this.capacity = options.numRecentProgressUpdates ?? DEFAULT_NUM_RECENT_PROGRESS_UPDATES
    this.noDataIntervalMs = options.noDataProgressEventIntervalMs ?? DEFAULT_NO_DATA_PROGRESS_EVENT_INTERVAL_MS
    // Spark starts at Long.MinValue: the first idle trigger posts at once.
    this.lastNoExecutionProgressEventMs = Number.NEGATIVE_INFINITY
  }

  /** The last `numRecentProgressUpdates − 1` progresses (as Spark keeps them), oldest first. */
  get recentProgress(): readonly StreamingQueryProgress[] {
    return [...this.progressBuffer]
  }

  get lastProgress(): StreamingQueryProgress | null {
    return this.progressBuffer.at(-1) ?? null
  }

  get status(): StreamingQueryStatus {
    return this.currentStatus
  }

  updateStatusMessage(message: string): void {
    this.currentStatus = { ...this.currentStatus, message }
  }

  updateStatus(update: Partial<StreamingQueryStatus>): void {
    this.currentStatus = { ...this.currentStatus, ...update }
  }

  startTrigger(): void {
    this.previousTriggerStartMs = this.triggerStartMs
    this.triggerStartMs = this.options.clock.now()
    this.currentDurationsMs = new Map()
    this.currentStatus = { ...this.currentStatus, isDataAvailable: false, isTriggerActive: true }
  }

  /** Runs `fn` and adds its duration (clock ms) to `durationMs[name]`, also when it throws. */
  async reportTimeTaken<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    const started = this.options.clock.now()
    try {
      return await fn()
    } finally {
      this.recordTimeTaken(name, this.options.clock.now() - started)
    }
  }

  /** Adds `ms` to `durationMs[name]` (for phases timed elsewhere, e.g. on executors). */
  recordTimeTaken(name: string, ms: number): void {
    this.currentDurationsMs.set(name, (this.currentDurationsMs.get(name) ?? 0) + ms)
  }

  /**
   * Ends the trigger; returns the progress when a batch ran, else null. For an idle
   * trigger pass the last executed batch id and zero input rows.
   */
  finishTrigger(outcome: TriggerOutcome): StreamingQueryProgress | null {
    if (this.triggerStartMs < 0) throw new Error('ProgressReporter.finishTrigger called before startTrigger')
    const clock = this.options.clock
    const triggerEndMs = clock.now()
    const processingTimeMs = triggerEndMs - this.triggerStartMs
    const processingTimeSec = Math.max(1, processingTimeMs) / 1000
    const inputTimeSec =
      this.previousTriggerStartMs >= 0 ? (this.triggerStartMs - this.previousTriggerStartMs) / 1000 : Number.POSITIVE_INFINITY
    const sources: SourceProgress[] = outcome.sources.map((source) => ({
      description: source.description,
      startOffset: parseOffset(source.startOffset),
      endOffset: parseOffset(source.endOffset),
      latestOffset: parseOffset(source.latestOffset),
      numInputRows: source.numInputRows,
      inputRowsPerSecond: source.numInputRows / inputTimeSec,
      processedRowsPerSecond: source.numInputRows / processingTimeSec,
      metrics: source.metrics ?? {},
    }))
    const numInputRows = sources.reduce((sum, s) => sum + s.numInputRows, 0)
    const sink: SinkProgress = { description: outcome.sink.description, numOutputRows: outcome.sink.numOutputRows, metrics: outcome.sink.metrics ?? {} }
    const progress: StreamingQueryProgress = {
      id: this.options.id,
      runId: this.options.runId,
      name: this.options.name,
      timestamp: formatProgressTimestamp(this.triggerStartMs),
      batchId: outcome.batchId,
      batchDuration: processingTimeMs,
      numInputRows,
      inputRowsPerSecond: numInputRows / inputTimeSec,
      processedRowsPerSecond: numInputRows / processingTimeSec,
      durationMs: Object.fromEntries([...this.currentDurationsMs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      eventTime: outcome.eventTime ?? {},
      stateOperators: outcome.stateOperators ?? [],
      sources,
      sink,
      observedMetrics: outcome.observedMetrics ?? {},
    }
    this.currentStatus = { ...this.currentStatus, isTriggerActive: false, isDataAvailable: outcome.hasNewData }
    if (outcome.hasExecuted) {
      this.lastNoExecutionProgressEventMs = triggerEndMs
      this.addProgress(progress)
      this.options.postEvent({ type: 'QueryProgressEvent', progress })
      return progress
    }
    if (triggerEndMs - this.noDataIntervalMs >= this.lastNoExecutionProgressEventMs) {
      this.addProgress(progress)
      if (this.lastNoExecutionProgressEventMs > Number.NEGATIVE_INFINITY) {
        this.options.postEvent({ type: 'QueryIdleEvent', id: this.options.id, runId: this.options.runId, timestamp: formatProgressTimestamp(this.triggerStartMs) })
      }
      this.lastNoExecutionProgressEventMs = triggerEndMs
    }
    return null
  }

  private addProgress(progress: StreamingQueryProgress): void {
    this.progressBuffer.push(progress)
    // As Spark's addNewProgress (`while (length >= retention) dequeue`): it keeps numRecentProgressUpdates − 1.
    while (this.progressBuffer.length >= this.capacity) this.progressBuffer.shift()
  }
}

/** An offset's JSON text parsed, or the text itself when it is not JSON (Spark's tryParse); null when none. */
function parseOffset(offset: string | null): unknown {
  if (offset === null) return null
  try {
    return JSON.parse(offset)
  } catch {
    return offset
  }
}
