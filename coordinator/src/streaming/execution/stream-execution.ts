import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { SluiceError, SystemClock, parseTimeStringMs, type Clock, type EvalContext, type Row, type StreamTaskInput, type Task, type TaskResult } from '@sluice/shared'
import {
  CheckpointLock, LocalCheckpointStore, captureOffsetSeqConf, openStreamCheckpoint, recoverStreamPosition, restoreOffsetSeqConf,
  type OffsetJson, type OffsetSeq, type StreamCheckpoint,
} from '../../checkpoint/index.js'
import type { PlannedQuery } from '../../planner/query-planner.js'
import type { QueryEngine } from '../../session/query-engine.js'
import { checkStreamingPlan } from '../../analysis/streaming-checks.js'
import type { StreamingSourceRuntime } from '../sources/streaming-source.js'
import { createSourceRuntime } from '../sources/create-source-runtime.js'
import type { StreamingQuerySpec } from './streaming-query-spec.js'
import type { StreamingQueryListener, StreamingQueryProgress, StreamingQueryStatus } from './progress-types.js'
import { ProgressReporter, type TriggerOutcome } from '../progress/progress-reporter.js'
import { StreamingStatusMessage } from '../progress/progress-types.js'
import { executedOutcome, idleOutcome, type QueryDescription } from './trigger-outcome.js'
import { StreamingQueryError } from './streaming-query-error.js'
import { checkQueryCompatibility } from './query-compatibility.js'
import { operatorWatermarks, propagateWatermark } from './operator-watermarks.js'
import { splitStreamingTask } from '../../scheduler/split-task.js'
import { mergeTaskResults } from '../../scheduler/merge-task-results.js'

interface BatchPlan {
  readonly batchId: number
  readonly start: readonly (OffsetJson | null)[]
  readonly end: readonly (OffsetJson | null)[]
  readonly watermarkMs: number
  readonly timestampMs: number
  readonly isNoDataBatch: boolean
}

/** A trigger's constructed batch (null when idle) and the sources' latest offsets. */
interface ConstructedTrigger {
  readonly batch: BatchPlan | null
  readonly latest: readonly (OffsetJson | null)[]
}

/**
 * One run of a streaming query: Spark's MicroBatchExecution. The loop, per trigger:
 *
 * ```
 * construct: ask each source for its latest offset (rate-limited) → end offsets
 *   no new data → run a no-data batch if the watermark moved past state, else idle
 * walCommit: write offsets/N (create-if-absent) with the batch watermark/timestamp
 * run:       send the batch (file lists or rows) to the executor; stateful
 *            operators commit state version N+1 there
 * addBatch:  the sink makes the rows visible, idempotent by (queryId, N)
 * commit:    write commits/N with the next watermark; sources forget up to end
 * report:    progress (ProgressReporter), listeners; an idle trigger reports too
 * ```
 * On start it recovers from the checkpoint: a batch logged in offsets/ but not in
 * commits/ is re-run first with exactly its logged offsets and id.
 */
export class StreamExecution {
  readonly runId = randomUUID()
  id = ''
  readonly name: string | null

  #state: 'initializing' | 'active' | 'terminated' = 'initializing'
  #error: StreamingQueryError | null = null
  #stopRequested = false
  readonly #abort = new AbortController()
  readonly #terminated: Promise<void>
  #resolveTerminated!: () => void
  #checkpoint!: StreamCheckpoint
  #lock: CheckpointLock | undefined
  #planned!: PlannedQuery
  #sources: StreamingSourceRuntime[] = []
  #committedOffsets: (OffsetJson | null)[] = []
  #nextBatchId = 0
  #watermarkMs = 0
  /** The watermark of the last batch run (Spark judges late rows by it in the next batch). */
  #previousBatchWatermarkMs = 0
  readonly #maxEventTime = new Map<number, number>()
  #progress: ProgressReporter | undefined
  /** The outcome of the last batch run in this run, which idle progress reports from. */
  #lastExecuted: TriggerOutcome | null = null
  #constructSeq = 0
  #idleWaiters: { afterSeq: number; resolve: () => void }[] = []
  readonly #clock: Clock

  constructor(
    private engine: QueryEngine,
    private readonly spec: StreamingQuerySpec,
    private readonly listeners: () => readonly StreamingQueryListener[],
    private readonly onTerminated: (execution: StreamExecution) => void,
  ) {
    this.name = spec.name ?? null
    // Spark runs the batches in a clone of the session: confs restored from the checkpoint stay with the query.
    this.engine = engine.withOwnConf()
    this.#clock = spec.clock ?? new SystemClock()
    this.#terminated = new Promise((resolve) => { this.#resolveTerminated = resolve })
  }

  get isActive(): boolean {
    return this.#state !== 'terminated'
  }

  /** The last progress updates (at most spark.sql.streaming.numRecentProgressUpdates), oldest first. */
  get recentProgress(): readonly StreamingQueryProgress[] {
    return this.#progress?.recentProgress ?? []
  }

  get lastProgress(): StreamingQueryProgress | null {
    return this.#progress?.lastProgress ?? null
  }

  get status(): StreamingQueryStatus {
    return this.#progress?.status ?? { message: StreamingStatusMessage.INITIALIZING, isDataAvailable: false, isTriggerActive: false }
  }

  exception(): StreamingQueryError | null {
    return this.#error
  }

  /** Opens and validates the checkpoint, plans the query, posts onQueryStarted; then runs the loop in the background. */
  async start(): Promise<void> {
    const store = new LocalCheckpointStore(this.spec.checkpointLocation, { fsync: this.engine.conf.getBoolean('spark.sluice.checkpoint.fsync') })
    this.#lock = await CheckpointLock.acquire(this.spec.checkpointLocation, { runId: this.runId })
    try {
      this.#checkpoint = await openStreamCheckpoint(store)
      this.id = this.#checkpoint.queryId
      this.#progress = new ProgressReporter({
        id: this.id, runId: this.runId, name: this.name, clock: this.#clock,
        numRecentProgressUpdates: this.engine.conf.getNumber('spark.sql.streaming.numRecentProgressUpdates'),
        noDataProgressEventIntervalMs: this.engine.conf.getNumber('spark.sql.streaming.noDataProgressEventInterval'),
        postEvent: (event) => (event.type === 'QueryProgressEvent' ? this.post('onQueryProgress', event) : this.post('onQueryIdle', event)),
      })
      this.#progress.updateStatusMessage(StreamingStatusMessage.INITIALIZING_SOURCES)
      const position = await recoverStreamPosition(this.#checkpoint)
      const lastLogged = position.pendingBatch?.offsets ?? position.lastCommitted?.offsets ?? null
      for (const [key, value] of Object.entries(restoreOffsetSeqConf(lastLogged?.metadata ?? null))) this.engine.conf.set(key, value)
      this.#planned = await this.engine.plan(this.spec.plan, undefined, this.spec.outputMode)
      checkStreamingPlan(this.#planned.plan, this.spec.outputMode, {
        checkCorrectness: this.engine.conf.getBoolean('spark.sql.streaming.statefulOperator.checkCorrectness.enabled'),
      })
      await checkQueryCompatibility(this.spec.checkpointLocation, this.#planned.plan, this.#planned.streamingSources.length, lastLogged)
      this.spec.onSchema?.(this.#planned.plan.schema)
      this.#sources = await Promise.all(this.#planned.streamingSources.map((source, index) =>
        createSourceRuntime(source, index, this.spec.checkpointLocation, this.#planned.plan, this.engine.evalContext().timeZone,
          this.engine.conf.getNumber('spark.sql.streaming.fileSource.log.compactInterval'), {
            deleteExpiredLog: this.engine.conf.getBoolean('spark.sql.streaming.fileSource.log.deletion'),
            cleanupDelayMs: parseTimeStringMs(this.engine.conf.get('spark.sql.streaming.fileSource.log.cleanupDelay')!),
            minBatchesToRetain: this.engine.conf.getNumber('spark.sql.streaming.minBatchesToRetain'),
          })))
      this.#nextBatchId = position.nextBatchId
      this.#watermarkMs = position.batchWatermarkMs
      this.#previousBatchWatermarkMs = position.startOffsets?.metadata?.batchWatermarkMs ?? 0
      this.#committedOffsets = this.#sources.map((_, i) => position.startOffsets?.offsets[i] ?? null)
      this.#state = 'active'
      this.post('onQueryStarted', { type: 'QueryStartedEvent', id: this.id, runId: this.runId, name: this.name, timestamp: new Date().toISOString() })
      void this.run(position.pendingBatch)
    } catch (error) {
      await this.#lock.release()
      throw error
    }
  }

  /** Resolves true once the query has terminated, false when `timeoutMs` passes first; rejects with its error. */
  async awaitTermination(timeoutMs?: number): Promise<boolean> {
    if (timeoutMs === undefined) {
      await this.#terminated
    } else {
      let timer: NodeJS.Timeout | undefined
      const timedOut = await Promise.race([
        this.#terminated.then(() => false),
        new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(true), timeoutMs) }),
      ])
      clearTimeout(timer)
      if (timedOut) return false
    }
    if (this.#error) throw this.#error
    return true
  }

  /** Waits until every row available now in the sources is processed and committed. */
  async processAllAvailable(): Promise<void> {
    if (this.#state === 'terminated') { if (this.#error) throw this.#error; return }
    const afterSeq = this.#constructSeq
    await Promise.race([
      new Promise<void>((resolve) => this.#idleWaiters.push({ afterSeq, resolve })),
      this.#terminated,
    ])
    if (this.#error) throw this.#error
  }

  /** Stops the query: the batch in flight ends without committing (it is re-run on restart). */
  async stop(): Promise<void> {
    this.#stopRequested = true
    this.#abort.abort()
    await this.#terminated
  }

  private async run(pending: { batchId: number; offsets: OffsetSeq } | undefined): Promise<void> {
    try {
      if (pending) await this.runTrigger(() => this.recoveredBatch(pending))
      const trigger = this.spec.trigger
      if (trigger.kind === 'availableNow') for (const s of this.#sources) await s.prepareForAvailableNow?.()
      let nextTriggerMs = this.#clock.now()
      while (!this.#stopRequested) {
        if (trigger.kind === 'processingTime') {
          await this.sleepUntil(nextTriggerMs)
          if (this.#stopRequested) break
          const now = this.#clock.now()
          nextTriggerMs = trigger.intervalMs <= 0 ? now : (Math.floor(now / trigger.intervalMs) + 1) * trigger.intervalMs
        }
        const ran = await this.runTrigger(() => this.constructBatch(trigger.kind === 'once'))
        if (trigger.kind === 'once') break
        if (trigger.kind === 'availableNow' && !ran) break
        if (!ran && trigger.kind === 'default') await this.pollDelay(this.engine.conf.getNumber('spark.sql.streaming.pollingDelay'))
      }
      await this.terminate(null)
    } catch (error) {
      await this.terminate(this.#stopRequested && isAbort(error) ? null : error)
    }
  }

  /**
   * One trigger, timed and reported as Spark's MicroBatchExecution does: construct a
   * batch (or take the recovered one) and run it, all under `triggerExecution`; then
   * the progress of the batch, or of an idle trigger. False when idle.
   */
  private async runTrigger(construct: () => Promise<ConstructedTrigger> | ConstructedTrigger): Promise<boolean> {
    const progress = this.#progress!
    progress.startTrigger()
    const seq = ++this.#constructSeq
    const { batch, latest, result } = await progress.reportTimeTaken('triggerExecution', async () => {
      const constructed = await construct()
      if (constructed.batch === null) {
        progress.updateStatusMessage(StreamingStatusMessage.WAITING_FOR_DATA)
        return { ...constructed, result: null }
      }
      progress.updateStatus({
        message: constructed.batch.isNoDataBatch ? StreamingStatusMessage.NO_NEW_DATA : StreamingStatusMessage.PROCESSING_NEW_DATA,
        isDataAvailable: !constructed.batch.isNoDataBatch,
      })
      return { ...constructed, result: await this.runBatch(constructed.batch) }
    })
    const query: QueryDescription = { sources: this.#sources, sinkDescription: this.spec.sink.description, hasWatermark: this.#planned.watermarks.length > 0 }
    if (batch === null || result === null) {
      const committed = this.#committedOffsets
      progress.finishTrigger(idleOutcome(query, this.#nextBatchId, { start: committed, end: committed, latest }, this.#watermarkMs, this.#lastExecuted))
      this.markIdle(seq)
      return false
    }
    this.#lastExecuted = executedOutcome(query, batch.batchId, { start: batch.start, end: batch.end, latest }, !batch.isNoDataBatch, batch.watermarkMs, result)
    progress.finishTrigger(this.#lastExecuted)
    return true
  }

  /** The batch logged in offsets/ but not committed, re-run with exactly its logged offsets and id. */
  private recoveredBatch(pending: { batchId: number; offsets: OffsetSeq }): ConstructedTrigger {
    const start = this.#committedOffsets
    const end = pending.offsets.offsets
    return {
      latest: end,
      batch: {
        batchId: pending.batchId, start, end,
        watermarkMs: pending.offsets.metadata?.batchWatermarkMs ?? this.#watermarkMs,
        timestampMs: pending.offsets.metadata?.batchTimestampMs ?? this.#clock.now(),
        isNoDataBatch: end.every((o, i) => o === start[i]),
      },
    }
  }

  /** Asks the sources for their latest offsets: the next batch when there is new data or the watermark moved past state, else none. */
  private async constructBatch(ignoreLimits: boolean): Promise<ConstructedTrigger> {
    const progress = this.#progress!
    const latest = await progress.reportTimeTaken('latestOffset', () => Promise.all(this.#sources.map((s, i) => {
      progress.updateStatusMessage(StreamingStatusMessage.gettingOffsetsFrom(s.description))
      const start = this.#committedOffsets[i] ?? null
      return ignoreLimits ? latestUnlimited(s, start) : s.latestOffset(start)
    })))
    const hasData = latest.some((o, i) => o !== null && o !== this.#committedOffsets[i])
    const nextWatermark = this.nextWatermarkMs()
    const noDataBatches = this.engine.conf.getBoolean('spark.sql.streaming.noDataMicroBatches.enabled')
    // Spark's lastExecution.shouldRunAnotherBatch simulates the next batch's watermark propagation (failing a redefined watermark).
    if (!hasData && noDataBatches && this.#lastExecuted !== null && this.allowMultipleStatefulOperators()) {
      propagateWatermark(this.#planned.plan, nextWatermark * 1000)
    }
    const runNoData = !hasData && this.hasWatermarkedState() && nextWatermark > this.#watermarkMs && noDataBatches
    if (!hasData && !runNoData) return { batch: null, latest }
    if (runNoData) this.#watermarkMs = nextWatermark
    else this.#watermarkMs = Math.max(this.#watermarkMs, nextWatermark)
    return {
      latest,
      batch: {
        batchId: this.#nextBatchId, start: [...this.#committedOffsets], end: latest, watermarkMs: this.#watermarkMs,
        timestampMs: this.#clock.now(), isNoDataBatch: !hasData,
      },
    }
  }

  /** Runs one batch: walCommit, queryPlanning, getBatch, addBatch, commitOffsets (each timed for its progress). */
  private async runBatch(batch: BatchPlan): Promise<TaskResult> {
    const time = <T>(phase: string, fn: () => Promise<T>): Promise<T> => this.#progress!.reportTimeTaken(phase, fn)
    const conf = captureOffsetSeqConf((key) => this.engine.conf.get(key))
    await time('walCommit', async () => {
      const offsets: OffsetSeq = { metadata: { batchWatermarkMs: batch.watermarkMs, batchTimestampMs: batch.timestampMs, conf }, offsets: batch.end }
      const existing = await this.#checkpoint.offsetLog.get(batch.batchId)
      if (existing === null) {
        const added = await this.#checkpoint.offsetLog.add(batch.batchId, offsets)
        if (!added) throw concurrentUpdate(this.#checkpoint.offsetLog.describeEntry(batch.batchId))
      }
    })
    this.checkStop()
    const evalContext: EvalContext = await time('queryPlanning', async () => ({ ...this.engine.evalContext(), currentTimestampMicros: batch.timestampMs * 1000 }))
    const inputs = await time('getBatch', () => Promise.all(this.#sources.map(async (source, sourceIndex): Promise<StreamTaskInput> => {
      const start = batch.start[sourceIndex] ?? null
      const end = batch.end[sourceIndex] ?? null
      if (end === null || end === start) return { sourceIndex, kind: 'rows', rows: [] }
      const input = await source.getBatch(start, end)
      return input.kind === 'rows' ? { sourceIndex, kind: 'rows', rows: input.rows as Row[] } : { sourceIndex, kind: 'files', files: input.files }
    })))
    this.checkStop()
    const sinkWrite = await this.spec.sink.executorWrite?.(batch.batchId, { schema: this.#planned.plan.schema, outputMode: this.spec.outputMode, queryId: this.id })
    const task: Task = {
      queryId: this.id, runId: this.runId, batchId: batch.batchId, attempt: 0, plan: this.#planned.plan, evalContext,
      ...(sinkWrite ? { sinkWrite } : {}),
      streaming: {
        outputMode: this.spec.outputMode, watermarkMicros: batch.watermarkMs * 1000, isNoDataBatch: batch.isNoDataBatch,
        operatorWatermarks: operatorWatermarks(this.#planned.plan, this.#previousBatchWatermarkMs * 1000, batch.watermarkMs * 1000,
          this.allowMultipleStatefulOperators()),
        stateLocation: this.spec.checkpointLocation,
        minDeltasForSnapshot: this.engine.conf.getNumber('spark.sql.streaming.stateStore.minDeltasForSnapshot'),
        minBatchesToRetain: this.engine.conf.getNumber('spark.sql.streaming.minBatchesToRetain'),
        inputs,
      },
    }
    const result: TaskResult = await time('addBatch', () => this.runTasks(task))
    this.checkStop()
    await time('addBatch', () => (sinkWrite && this.spec.sink.commitFiles
      ? this.spec.sink.commitFiles(batch.batchId, result)
      : this.spec.sink.executorWrite ? Promise.resolve() : this.spec.sink.addBatch(batch.batchId, this.#planned.plan.schema, result.rows, this.spec.outputMode, this.id)))
    for (const e of result.eventTime) {
      this.#maxEventTime.set(e.watermarkId, Math.max(this.#maxEventTime.get(e.watermarkId) ?? -Infinity, e.max))
    }
    const nextWatermarkMs = Math.max(batch.watermarkMs, this.nextWatermarkMs())
    await time('commitOffsets', async () => {
      const added = await this.#checkpoint.commitLog.add(batch.batchId, { nextBatchWatermarkMs: nextWatermarkMs })
      if (!added && (await this.#checkpoint.commitLog.get(batch.batchId)) === null) throw concurrentUpdate(this.#checkpoint.commitLog.describeEntry(batch.batchId))
      for (let i = 0; i < this.#sources.length; i++) {
        const end = batch.end[i]
        if (end !== null && end !== undefined) await this.#sources[i]!.commit(end)
      }
      await this.#checkpoint.offsetLog.purge(this.engine.conf.getNumber('spark.sql.streaming.minBatchesToRetain'))
      await this.#checkpoint.commitLog.purge(this.engine.conf.getNumber('spark.sql.streaming.minBatchesToRetain'))
    })
    this.#committedOffsets = [...batch.end]
    this.#nextBatchId = batch.batchId + 1
    this.#watermarkMs = batch.watermarkMs
    this.#previousBatchWatermarkMs = batch.watermarkMs
    return result
  }

  /**
   * Runs a batch's work through the scheduler: one task, or — for a stateless plan
   * (see `splitStreamingTask`) — one task per split of the batch's input over the
   * free slots, whose results are merged in order (rows, files, counts, event-time
   * statistics). A stateful task goes back to the executor that ran this query's
   * last one. While no executor is registered the status says so; stopping the
   * query cancels the tasks.
   */
  private async runTasks(task: Task): Promise<TaskResult> {
    const scheduler = this.engine.scheduler
    const progress = this.#progress!
    let statusBeforeWaiting: string | undefined
    const results = await scheduler.runTasks(splitStreamingTask(task, scheduler.availableSlots()), {
      // Only a stateful task has a reason to go back where it ran: its state stores stay cached there.
      ...(this.#planned.statefulOperatorCount > 0 ? { stickyKey: this.id } : {}),
      signal: this.#abort.signal,
      onWaiting: (message) => {
        statusBeforeWaiting ??= progress.status.message
        progress.updateStatusMessage(message)
      },
      onResumed: () => {
        if (statusBeforeWaiting !== undefined && !this.#stopRequested) progress.updateStatusMessage(statusBeforeWaiting)
        statusBeforeWaiting = undefined
      },
    })
    return mergeTaskResults(results)
  }

  /**
   * Spark's WatermarkTracker: each watermark operator's (max event time − delay), 0 for
   * one that has seen no data yet; the global watermark is their min (or max, by
   * spark.sql.streaming.multipleWatermarkPolicy) and never moves back.
   */
  private nextWatermarkMs(): number {
    if (this.#maxEventTime.size === 0) return this.#watermarkMs
    const perOperator = this.#planned.watermarks.map((w) => {
      const max = this.#maxEventTime.get(w.id)
      return max === undefined ? 0 : Math.floor((max - w.delayMicros) / 1000)
    })
    const useMax = this.engine.conf.get('spark.sql.streaming.multipleWatermarkPolicy')?.toLowerCase() === 'max'
    return Math.max(this.#watermarkMs, useMax ? Math.max(...perOperator) : Math.min(...perOperator))
  }

  private allowMultipleStatefulOperators(): boolean {
    return this.engine.conf.getBoolean('spark.sql.streaming.statefulOperator.allowMultiple')
  }

  private hasWatermarkedState(): boolean {
    return this.#planned.watermarks.length > 0 && this.#planned.statefulOperatorCount > 0
  }

  private markIdle(seq: number): void {
    const ready = this.#idleWaiters.filter((w) => w.afterSeq < seq)
    this.#idleWaiters = this.#idleWaiters.filter((w) => w.afterSeq >= seq)
    for (const w of ready) w.resolve()
  }

  private checkStop(): void {
    if (this.#stopRequested) throw new DOMException('stopped', 'AbortError')
  }

  /** The default trigger's wait for new data: real time, whatever the clock (a ManualClock never stalls it). */
  private async pollDelay(ms: number): Promise<void> {
    if (this.#abort.signal.aborted) return
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms)
      const signal = this.#abort.signal
      function done() { clearTimeout(timer); signal.removeEventListener('abort', done); resolve() }
      signal.addEventListener('abort', done, { once: true })
    })
  }

  private async sleepUntil(epochMs: number): Promise<void> {
    if (epochMs <= this.#clock.now() || this.#abort.signal.aborted) return
    await this.#clock.sleepUntil(epochMs, this.#abort.signal).catch(() => undefined)
  }

  private async terminate(error: unknown): Promise<void> {
    if (this.#state === 'terminated') return
    if (error !== null) this.#error = StreamingQueryError.wrap(error, this.id, this.runId)
    for (const source of this.#sources) await source.stop().catch(() => undefined)
    await this.spec.sink.close?.().catch(() => undefined)
    await this.#lock?.release().catch(() => undefined)
    if (this.spec.temporaryCheckpoint && error === null) await rm(this.spec.checkpointLocation, { recursive: true, force: true })
    this.#state = 'terminated'
    this.#progress?.updateStatus({ message: StreamingStatusMessage.STOPPED, isDataAvailable: false, isTriggerActive: false })
    for (const w of this.#idleWaiters) w.resolve()
    this.#idleWaiters = []
    this.onTerminated(this)
    this.post('onQueryTerminated', {
      type: 'QueryTerminatedEvent',
      id: this.id, runId: this.runId,
      exception: this.#error ? this.#error.message : null,
      errorClassOnException: this.#error ? this.#error.causeErrorClass : null,
    })
    this.#resolveTerminated()
  }

  private post<K extends keyof StreamingQueryListener>(method: K, event: Parameters<NonNullable<StreamingQueryListener[K]>>[0]): void {
    for (const listener of this.listeners()) {
      const handler = listener[method] as ((e: typeof event) => void) | undefined
      if (!handler) continue
      const deliver = () => { try { handler.call(listener, event) } catch { /* a listener's error never breaks the query */ } }
      if (method === 'onQueryStarted') deliver()
      else queueMicrotask(deliver)
    }
  }
}

async function latestUnlimited(source: StreamingSourceRuntime, start: OffsetJson | null): Promise<OffsetJson | null> {
  let current = start
  for (;;) {
    const next = await source.latestOffset(current)
    if (next === current || next === null) return current
    current = next
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

function concurrentUpdate(file: string): SluiceError {
  return new SluiceError({ errorClass: 'CONCURRENT_STREAM_LOG_UPDATE', message: `Concurrent update to the log ${file}. Multiple streaming jobs detected for this checkpoint.`, domain: 'user' })
}

