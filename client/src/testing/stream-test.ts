import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { ManualClock, Plan, SluiceError, parseDurationMs, type Clock, type Row } from '@sluice/shared'
import type { OutputMode, TriggerSpec } from '@sluice/coordinator'
import type { DataFrame } from '../dataframe/data-frame.js'
import type { Trigger } from '../streaming/data-stream-writer.js'
import { StreamingQuery } from '../streaming/streaming-query.js'
import { EmbeddedBackend } from '../session/embedded-backend.js'
import { compareRowSets, expectedToInternal, formatRow } from './row-matching.js'
import { STREAM_MUST_BE_RUNNING, startStream, type StartStreamOptions, type StreamAction, type StreamTestState } from './stream-actions.js'
import { StreamTestSink } from './stream-test-sink.js'

/** Options of `testStream`. */
export interface TestStreamOptions {
  /** How long any wait may take before the test fails (Spark's streamingTimeout); default 30 s. */
  readonly streamingTimeoutMs?: number
  /** Printed in failure messages so a randomized run can be replayed. */
  readonly seed?: number
  /** Defaults for every `startStream` of this test. */
  readonly trigger?: Trigger
  readonly clock?: Clock
}

/** What `testStream` leaves behind for further assertions. */
export interface StreamTestRun {
  readonly sink: StreamTestSink
  /** The last query started (stopped by now). */
  readonly lastQuery: StreamingQuery | undefined
  readonly queryName: string
}

let queryCounter = 0

/**
 * Runs `actions` against a streaming `df` (Spark's StreamTest.testStream). The
 * stream starts by itself before the first action that needs it unless the
 * script starts it first; it writes to a `StreamTestSink` registered as the
 * temporary table `queryName` (kept across stop/start), with a checkpoint folder of
 * its own that survives stop/start within this call. Checks wait on
 * `processAllAvailable()` (not sleeps); with a ManualClock and a processing-time
 * trigger they rely on `advanceClock` having waited instead, as Spark does.
 * On failure it throws an Error with `== Progress ==`, `== Stream ==`, `== Sink ==`
 * and `== Plan ==` sections. The query is stopped at the end in any case.
 *
 * @example
 * const input = new MemoryStream('value INT')
 * await testStream(input.toDF().groupBy('value').count(), 'update', [
 *   addData(input, 1, 2, 2),
 *   checkNewAnswer([1, 1n], [2, 2n]),
 *   stopStream(),
 *   addData(input, 2),
 *   startStream(),
 *   checkLastBatch([2, 3n]),
 * ])
 */
export async function testStream(df: DataFrame, outputMode: OutputMode, actions: readonly (StreamAction | readonly StreamAction[])[], options: TestStreamOptions = {}): Promise<StreamTestRun> {
  const flat = actions.flatMap((a) => (Array.isArray(a) ? a : [a as StreamAction]))
  const firstNeedingStream = flat.findIndex((a) => STREAM_MUST_BE_RUNNING.has(a.kind))
  const beforeThat = firstNeedingStream === -1 ? flat : flat.slice(0, firstNeedingStream)
  const script = beforeThat.some((a) => a.kind === 'startStream') ? flat : [startStream(), ...flat]
  const runner = new StreamTestRunner(df, outputMode, options)
  try {
    for (let i = 0; i < script.length; i++) {
      try {
        await runner.run(script[i]!)
      } catch (error) {
        throw await runner.failure(script, i, error)
      }
    }
  } finally {
    await runner.close()
  }
  return { sink: runner.sink, lastQuery: runner.lastQuery, queryName: runner.queryName }
}

class StreamTestRunner {
  readonly sink = new StreamTestSink()
  readonly queryName = `stream_test_${++queryCounter}_${randomUUID().slice(0, 8)}`
  readonly timeoutMs: number
  readonly #checkpoint = mkdtempSync(join(tmpdir(), 'sluice-stream-test-'))
  #query: StreamingQuery | undefined
  lastQuery: StreamingQuery | undefined
  #clock: Clock | undefined
  #trigger: TriggerSpec = { kind: 'default' }
  #lastCheckedBatchId = -1
  #failed = false

  constructor(private readonly df: DataFrame, private readonly outputMode: OutputMode, private readonly options: TestStreamOptions) {
    this.timeoutMs = options.streamingTimeoutMs ?? 30_000
  }

  async run(action: StreamAction): Promise<void> {
    switch (action.kind) {
      case 'addData':
        action.input.addData(...action.rows)
        return
      case 'startStream':
        return this.start(action.options)
      case 'stopStream':
        if (!this.#query) throw new Error('StopStream: the stream is not running')
        await this.withTimeout(this.#query.stop(), 'stopping the query')
        this.#query = undefined
        return
      case 'checkAnswer': {
        await this.awaitProcessed()
        const rows = action.scope === 'all' ? this.sink.allRows() : action.scope === 'lastBatch' ? this.sink.lastBatchRows() : this.sink.rowsSince(this.#lastCheckedBatchId)
        this.#lastCheckedBatchId = this.sink.lastBatchId
        const expected = expectedToInternal(action.rows, this.sink.schema)
        const mismatch = compareRowSets(rows, expected, this.sink.schema)
        if (mismatch !== null) throw new Error(mismatch)
        return
      }
      case 'checkSink':
        await this.awaitProcessed()
        this.#lastCheckedBatchId = this.sink.lastBatchId
        await action.check(this.sink.allRows(), this.state())
        return
      case 'advanceClock': {
        const clock = this.#clock
        if (!(clock instanceof ManualClock)) throw new Error('AdvanceManualClock needs a ManualClock: pass startStream({ clock: new ManualClock() })')
        this.requireRunning()
        clock.advance(action.ms)
        await this.awaitClockWait()
        return
      }
      case 'expectFailure': {
        const query = this.requireStarted()
        let error: unknown
        try {
          const ended = await query.awaitTermination(this.timeoutMs)
          throw new Error(ended ? 'ExpectFailure: the query terminated without an error' : `ExpectFailure: the query did not fail within ${this.timeoutMs} ms`)
        } catch (caught) {
          if (caught instanceof Error && caught.message.startsWith('ExpectFailure:')) throw caught
          error = caught
        }
        this.#query = undefined
        const failure = error instanceof Error ? error : new Error(String(error))
        const matches = typeof action.expected === 'string' ? errorClassesOf(failure).includes(action.expected) : action.expected(failure)
        if (!matches) throw new Error(`ExpectFailure: unexpected error (classes ${errorClassesOf(failure).join(', ') || 'none'}): ${failure.message}`)
        if (action.message && !action.message.test(failure.message)) throw new Error(`ExpectFailure: message does not match ${String(action.message)}: ${failure.message}`)
        return
      }
      case 'assertOnQuery': {
        const result = await action.condition(this.requireStarted())
        if (result === false) throw new Error(`Assert on query failed: ${action.message}`)
        return
      }
      case 'execute':
        await action.fn(this.state())
        return
    }
  }

  private state(): StreamTestState {
    return { query: this.requireStarted(), sink: this.sink }
  }

  private async start(options: StartStreamOptions): Promise<void> {
    if (this.#query?.isActive) throw new Error('StartStream: the stream is already running')
    this.#clock = options.clock ?? this.options.clock
    const trigger = options.trigger ?? this.options.trigger
    this.#trigger = trigger ? toTriggerSpec(trigger) : { kind: 'default' }
    if (!(this.df.backend instanceof EmbeddedBackend)) return this.startRemote(options)
    const backend = this.df.backend
    const sink = this.sink
    const name = this.queryName
    const execution = await backend.streams.start({
      plan: this.df.plan,
      outputMode: this.outputMode,
      trigger: this.#trigger,
      name,
      checkpointLocation: options.checkpointLocation ?? this.#checkpoint,
      temporaryCheckpoint: false,
      sink,
      ...(this.#clock ? { clock: this.#clock } : {}),
      onSchema: (schema) => {
        sink.schema = schema
        backend.engine.catalog.registerTable(name, schema, () => sink.allRows())
      },
    })
    this.#query = new StreamingQuery(execution, () => backend.explain(this.df.plan, false))
    this.lastQuery = this.#query
    if (this.usesManualTriggerClock()) await this.awaitClockWait()
  }

  /**
   * In a remote session the query runs on the cluster: its batches come back through a
   * client callback (a foreachBatch sink) into the same StreamTestSink, with the output
   * mode's meaning, and the sink's rows are the temporary view `queryName`. A manual
   * clock drives embedded queries only.
   */
  private async startRemote(options: StartStreamOptions): Promise<void> {
    if (this.#clock) throw new Error('testStream with a ManualClock runs in embedded sessions only (this session is remote)')
    const backend = this.df.backend
    const sink = this.sink
    const name = this.queryName
    const outputMode = this.outputMode
    if (sink.lastBatchId < 0) sink.schema = await backend.schemaOf(this.df.plan).catch(() => sink.schema)
    const handle = await backend.startStream({
      plan: this.df.plan,
      sink: { format: 'foreachbatch', options: { checkpointlocation: options.checkpointLocation ?? this.#checkpoint }, partitionBy: [] },
      outputMode,
      trigger: this.#trigger,
      name,
    }, {
      callback: async (schema, rows, batchId) => {
        await sink.addBatch(batchId, schema, rows, outputMode)
        backend.createOrReplaceTempView(name, Plan.localRelation(sink.schema, sink.allRows()))
      },
    })
    this.#query = new StreamingQuery(handle, () => backend.explain(this.df.plan, false))
    this.lastQuery = this.#query
  }

  /** Waits until what was added has been processed (or the query ended by itself, e.g. `{once: true}`). */
  private async awaitProcessed(): Promise<void> {
    const query = this.requireStarted()
    if (this.usesManualTriggerClock() && query.isActive) return
    await this.withTimeout(query.processAllAvailable(), 'processAllAvailable')
  }

  /** After a start or a clock move: until the loop sleeps on the ManualClock again, or the query ends. */
  private async awaitClockWait(): Promise<void> {
    const clock = this.#clock
    const query = this.#query
    if (!(clock instanceof ManualClock) || !query) return
    const started = Date.now()
    while (query.isActive && clock.sleeperCount === 0) {
      if (Date.now() - started > this.timeoutMs) throw new Error(`Timed out after ${this.timeoutMs} ms waiting for the stream to wait on its ManualClock`)
      await Promise.race([clock.waitTillSleeping(), new Promise((resolve) => setTimeout(resolve, 5))])
    }
    const error = query.exception()
    if (error) throw error
  }

  private usesManualTriggerClock(): boolean {
    return this.#clock instanceof ManualClock && this.#trigger.kind === 'processingTime'
  }

  private requireStarted(): StreamingQuery {
    const query = this.#query ?? this.lastQuery
    if (!query) throw new Error('The stream is not running: add startStream() before this action')
    return query
  }

  private requireRunning(): StreamingQuery {
    if (!this.#query) throw new Error('The stream is not running: add startStream() before this action')
    return this.#query
  }

  private async withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    try {
      return await Promise.race([promise, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`Timed out after ${this.timeoutMs} ms: ${what}`)), this.timeoutMs) })])
    } finally {
      clearTimeout(timer)
    }
  }

  /** The Error thrown for a failed action, with Spark's StreamTest sections. */
  async failure(script: readonly StreamAction[], index: number, error: unknown): Promise<Error> {
    this.#failed = true
    const query = this.#query ?? this.lastQuery
    const cause = error instanceof Error ? error : new Error(String(error))
    let plan: string
    try { plan = await this.df.backend.explain(this.df.plan, false) } catch (e) { plan = `(explain failed: ${(e as Error).message})` }
    const progress = script.map((a, i) => `${i === index ? '=>' : '  '} ${a.describe()}`)
    const lines = [
      `Error in action ${index} (${script[index]!.describe()}): ${cause.message}`,
      ...(this.options.seed !== undefined ? [`Seed: ${this.options.seed}`] : []),
      '',
      '== Progress ==',
      ...progress,
      '',
      '== Stream ==',
      `Output mode: ${this.outputMode}`,
      `Query name: ${this.queryName}`,
      `Checkpoint: ${this.#checkpoint} (kept after a failure)`,
      `Stream state: ${query ? (query.isActive ? 'active' : 'terminated') : 'not started'}`,
      `Last batch id in sink: ${this.sink.lastBatchId}`,
      `Last progress: ${query?.lastProgress ? JSON.stringify(query.lastProgress, null, 2) : 'none'}`,
      `Exception: ${query?.exception()?.message ?? 'none'}`,
      '',
      '== Sink ==',
      ...(this.sink.batches.length === 0 ? ['(empty)'] : this.sink.batches.map((b) => `${b.batchId}: ${b.rows.map((r: Row) => formatRow(r, this.sink.schema)).join(' ')}`)),
      '',
      '== Plan ==',
      plan,
    ]
    const failure = new Error(lines.join('\n'), { cause })
    return failure
  }

  async close(): Promise<void> {
    const query = this.#query
    if (query?.isActive) await query.stop().catch(() => undefined)
    if (!this.#failed) rmSync(this.#checkpoint, { recursive: true, force: true })
  }
}

/** The error classes of `error` and its causes (a StreamingQueryError's cause class included). */
export function errorClassesOf(error: unknown): string[] {
  const classes: string[] = []
  let current: unknown = error
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    if (SluiceError.isInstance(current)) classes.push(current.errorClass)
    const causeClass = (current as { causeErrorClass?: unknown }).causeErrorClass
    if (typeof causeClass === 'string') classes.push(causeClass)
    current = (current as { cause?: unknown }).cause
  }
  return [...new Set(classes)]
}

function toTriggerSpec(trigger: Trigger): TriggerSpec {
  if ('processingTime' in trigger) return { kind: 'processingTime', intervalMs: typeof trigger.processingTime === 'number' ? trigger.processingTime : parseDurationMs(trigger.processingTime) }
  if ('once' in trigger) return { kind: 'once' }
  if ('availableNow' in trigger) return { kind: 'availableNow' }
  throw new Error(`testStream does not run trigger ${JSON.stringify(trigger)}`)
}
