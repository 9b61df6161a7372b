import type { Clock, Row } from '@sluice/shared'
import type { Trigger } from '../streaming/data-stream-writer.js'
import type { StreamingQuery } from '../streaming/streaming-query.js'
import type { ExpectedRow } from './row-matching.js'
import { formatValue } from './row-matching.js'
import type { StreamTestInput } from './file-stream-input.js'
import type { StreamTestSink } from './stream-test-sink.js'

/** Options of `startStream` (Spark's `StartStream(trigger, triggerClock, additionalConfs, checkpointLocation)`). */
export interface StartStreamOptions {
  readonly trigger?: Trigger
  /** Time for triggers; a ManualClock is moved with `advanceClock`. */
  readonly clock?: Clock
  /** Default: the test's own temporary checkpoint, kept across stop/start. */
  readonly checkpointLocation?: string
}

/** What `execute`, `assertOnQuery` and `checkSink` callbacks can look at. */
export interface StreamTestState {
  readonly query: StreamingQuery
  readonly sink: StreamTestSink
}

/** Every step of a `testStream` script; `describe()` is its line in `== Progress ==`. */
export type StreamAction =
  | { readonly kind: 'addData'; readonly input: StreamTestInput; readonly rows: readonly unknown[]; describe(): string }
  | { readonly kind: 'checkAnswer'; readonly scope: 'all' | 'lastBatch' | 'new'; readonly rows: readonly ExpectedRow[]; describe(): string }
  | { readonly kind: 'checkSink'; readonly check: (rows: readonly Row[], state: StreamTestState) => void | Promise<void>; describe(): string }
  | { readonly kind: 'startStream'; readonly options: StartStreamOptions; describe(): string }
  | { readonly kind: 'stopStream'; describe(): string }
  | { readonly kind: 'advanceClock'; readonly ms: number; describe(): string }
  | { readonly kind: 'expectFailure'; readonly expected: string | ((error: Error) => boolean); readonly message: RegExp | undefined; describe(): string }
  | { readonly kind: 'assertOnQuery'; readonly condition: (query: StreamingQuery) => boolean | void | Promise<boolean | void>; readonly message: string; describe(): string }
  | { readonly kind: 'execute'; readonly fn: (state: StreamTestState) => unknown; readonly name: string; describe(): string }

/** The actions that need a running stream (Spark's StreamMustBeRunning). */
export const STREAM_MUST_BE_RUNNING: ReadonlySet<StreamAction['kind']> = new Set(['checkAnswer', 'checkSink', 'advanceClock', 'expectFailure', 'assertOnQuery', 'execute'])

/** Adds rows to a MemoryStream or FileStreamInput (Spark's `AddData`). */
export function addData(input: StreamTestInput, ...rows: unknown[]): StreamAction {
  return { kind: 'addData', input, rows, describe: () => `AddData to ${String(input)}: ${rows.map(formatValue).join(', ')}` }
}

/** The whole sink content equals `rows`, in any order (Spark's `CheckAnswer`). */
export function checkAnswer(...rows: ExpectedRow[]): StreamAction {
  return { kind: 'checkAnswer', scope: 'all', rows, describe: () => `CheckAnswer: ${rows.map(formatValue).join(', ')}` }
}

/** The last batch added to the sink equals `rows`, in any order (Spark's `CheckLastBatch`). */
export function checkLastBatch(...rows: ExpectedRow[]): StreamAction {
  return { kind: 'checkAnswer', scope: 'lastBatch', rows, describe: () => `CheckLastBatch: ${rows.map(formatValue).join(', ')}` }
}

/** The rows added since the previous check equal `rows`, in any order (Spark's `CheckNewAnswer`). */
export function checkNewAnswer(...rows: ExpectedRow[]): StreamAction {
  return { kind: 'checkAnswer', scope: 'new', rows, describe: () => `CheckNewAnswer: ${rows.map(formatValue).join(', ')}` }
}

/** Waits like a check, then calls `check` with the sink's rows (internal values); it throws to fail (Spark's `CheckAnswerRowsByFunc`). */
export function checkSink(check: (rows: readonly Row[], state: StreamTestState) => void | Promise<void>, name = 'checkSink'): StreamAction {
  return { kind: 'checkSink', check, describe: () => `CheckSink: ${name}` }
}

export function startStream(options: StartStreamOptions = {}): StreamAction {
  const parts = [options.trigger ? `trigger = ${JSON.stringify(options.trigger)}` : '', options.clock ? 'clock' : '', options.checkpointLocation ? `checkpoint = ${options.checkpointLocation}` : '']
  return { kind: 'startStream', options, describe: () => `StartStream(${parts.filter((p) => p !== '').join(', ')})` }
}

export function stopStream(): StreamAction {
  return { kind: 'stopStream', describe: () => 'StopStream' }
}

/** Moves the stream's ManualClock by `ms` and waits until the loop is waiting on it again (Spark's `AdvanceManualClock`). */
export function advanceClock(ms: number): StreamAction {
  return { kind: 'advanceClock', ms, describe: () => `AdvanceManualClock(${ms})` }
}

/**
 * The query fails: with this error class (its own, or its cause's), or with an
 * error `predicate` accepts; and with a message matching `message` (Spark's `ExpectFailure`).
 */
export function expectFailure(errorClassOrPredicate: string | ((error: Error) => boolean), message?: RegExp): StreamAction {
  const what = typeof errorClassOrPredicate === 'string' ? errorClassOrPredicate : 'predicate'
  return { kind: 'expectFailure', expected: errorClassOrPredicate, message, describe: () => `ExpectFailure(${what}${message ? `, ${String(message)}` : ''})` }
}

/** `condition(query)` returns true or nothing (it may also throw) (Spark's `AssertOnQuery`). */
export function assertOnQuery(condition: (query: StreamingQuery) => boolean | void | Promise<boolean | void>, message = ''): StreamAction {
  return { kind: 'assertOnQuery', condition, message, describe: () => `AssertOnQuery(${message})` }
}

/** Runs `fn` with the query and the sink (Spark's `Execute`). */
export function execute(fn: (state: StreamTestState) => unknown, name = ''): StreamAction {
  return { kind: 'execute', fn, name, describe: () => `Execute(${name})` }
}
