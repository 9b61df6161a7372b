import type { CalendarInterval } from '../types/data-type.js'
import { AnalysisError } from '../errors/sluice-error.js'
import { parseDurationMicros } from '../util/duration.js'
import type { FunctionArgs, ScalarFunctionDefinition } from './function-types.js'
import { defineScalar, lenient, strict, unexpectedInputType } from './function-support.js'
import { windowStructType } from './datetime-functions.js'

/** A time window's parameters in microseconds. */
export interface TimeWindowSpec {
  readonly windowMicros: number
  readonly slideMicros: number
  readonly startMicros: number
}

const MICROS_PER_DAY = 86_400_000_000

/** A duration argument: a Spark duration string ('10 minutes') or a day-time CalendarInterval. */
function durationMicros(value: unknown, what: string, functionName: string): number {
  if (typeof value === 'string') return parseDurationMicros(value)
  if (typeof value === 'object' && value !== null && 'months' in value) {
    const interval = value as CalendarInterval
    if (interval.months !== 0) {
      throw new AnalysisError('DATATYPE_MISMATCH.INVALID_INTERVAL', `The ${what} of ${functionName} cannot use months or years: they have no fixed length.`, { functionName })
    }
    return interval.days * MICROS_PER_DAY + interval.microseconds
  }
  if (typeof value === 'bigint' || typeof value === 'number') return Number(value)
  throw new AnalysisError('DATATYPE_MISMATCH.NON_FOLDABLE_INPUT', `The ${what} of ${functionName} must be a constant duration such as '10 minutes'.`, { functionName })
}

function outOfRange(detail: string): AnalysisError {
  return new AnalysisError('DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE', `Cannot resolve "window(...)" due to data type mismatch: ${detail}`, { functionName: 'window' })
}

/**
 * Reads `window(timeColumn, windowDuration[, slideDuration[, startTime]])`'s constant
 * arguments (slide defaults to the window, start to 0) and checks them as Spark's
 * TimeWindow does: window > 0, slide > 0, slide ≤ window, |startTime| < slide.
 */
export function timeWindowSpec(constants: readonly unknown[]): TimeWindowSpec {
  const windowMicros = durationMicros(constants[1], 'window duration', 'window')
  const slideMicros = constants.length > 2 && constants[2] !== undefined && constants[2] !== null ? durationMicros(constants[2], 'slide duration', 'window') : windowMicros
  const startMicros = constants.length > 3 && constants[3] !== undefined && constants[3] !== null ? durationMicros(constants[3], 'start time', 'window') : 0
  if (windowMicros <= 0) throw outOfRange(`The window duration (${windowMicros} µs) must be greater than 0.`)
  if (slideMicros <= 0) throw outOfRange(`The slide duration (${slideMicros} µs) must be greater than 0.`)
  if (slideMicros > windowMicros) throw outOfRange(`The slide duration (${slideMicros} µs) must be less than or equal to the window duration (${windowMicros} µs).`)
  if (Math.abs(startMicros) >= slideMicros) throw outOfRange(`The absolute value of start time (${startMicros} µs) must be less than the slide duration (${slideMicros} µs).`)
  return { windowMicros, slideMicros, startMicros }
}

/** Start of the latest window containing `timestampMicros` (Spark's formula, correct for negative timestamps). */
export function latestWindowStart(timestampMicros: number, slideMicros: number, startMicros: number): number {
  const remainder = (timestampMicros - startMicros) % slideMicros
  return timestampMicros - (remainder < 0 ? remainder + slideMicros : remainder)
}

/**
 * The starts of every sliding window containing the timestamp, in ascending order:
 * Spark expands each row into ceil(window / slide) candidates
 * `lastStart - i * slide` and keeps those with start ≤ t < start + window.
 */
export function slidingWindowStarts(timestampMicros: number, windowMicros: number, slideMicros: number, startMicros: number): number[] {
  const lastStart = latestWindowStart(timestampMicros, slideMicros, startMicros)
  const candidates = Math.ceil(windowMicros / slideMicros)
  const starts: number[] = []
  for (let i = candidates - 1; i >= 0; i--) {
    const start = lastStart - i * slideMicros
    if (start <= timestampMicros && timestampMicros < start + windowMicros) starts.push(start)
  }
  return starts
}

function timeColumnType(args: FunctionArgs, name: string): void {
  const t = args.types[0]!
  if (t.kind !== 'timestamp' && t.kind !== 'timestamp_ntz' && t.kind !== 'null') throw unexpectedInputType(name, 0, '("TIMESTAMP" or "TIMESTAMP_NTZ")', t)
}

/**
 * `window(timeColumn, windowDuration[, slideDuration[, startTime]])`: the tumbling
 * window `[start, end)` holding the row's time, as struct<start, end>. For a sliding
 * window (slide < window) this gives the latest window only: the planner must expand
 * rows with `slidingWindowStarts` (read the spec with `timeWindowSpec`).
 */
export const windowFunction = defineScalar('window', [2, 4], (args) => {
  timeColumnType(args, 'window')
  const spec = timeWindowSpec(args.constants)
  return strict([args.types[0]!.kind === 'null' ? { kind: 'timestamp' } : args.types[0]!], windowStructType(args.types[0]!), (a) => {
    const start = latestWindowStart(a[0] as number, spec.slideMicros, spec.startMicros)
    return [start, start + spec.windowMicros]
  })
})

/**
 * `session_window(timeColumn, gapDuration)`: a marker the planner recognizes (it
 * merges overlapping sessions per key). Per row it gives the row's own session
 * `[t, t + gap)`; the gap may be a constant or a per-row duration string/interval
 * (a non-positive per-row gap gives null: the row is dropped, as in Spark).
 */
export const sessionWindowFunction = defineScalar('session_window', 2, (args) => {
  timeColumnType(args, 'session_window')
  const constantGap = args.constants[1]
  const fixedGap = constantGap === undefined ? null : durationMicros(constantGap, 'gap duration', 'session_window')
  if (fixedGap !== null && fixedGap <= 0) {
    throw new AnalysisError('DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE', `The gap duration of session_window must be greater than 0, got '${String(constantGap)}'.`, { functionName: 'session_window' })
  }
  return lenient(undefined, windowStructType(args.types[0]!), (a) => {
    if (a[0] === null) return null
    const gap = fixedGap ?? (a[1] === null ? null : durationMicros(a[1], 'gap duration', 'session_window'))
    if (gap === null || gap <= 0) return null
    return [a[0], (a[0] as number) + gap]
  })
})

/** The session gap of a `session_window` call when constant (for the planner), else null. */
export function sessionGapMicros(constants: readonly unknown[]): number | null {
  return constants[1] === undefined || constants[1] === null ? null : durationMicros(constants[1], 'gap duration', 'session_window')
}

/** `window_time(window)`: the window's end minus one microsecond (its event time). */
export const windowTimeFunction = defineScalar('window_time', 1, (args) => {
  const t = args.types[0]!
  if (t.kind !== 'struct' || t.fields.length !== 2) throw unexpectedInputType('window_time', 0, '"STRUCT<start, end>"', t)
  return strict([t], t.fields[1]!.dataType, (a) => ((a[0] as unknown[])[1] as number) - 1)
})

export const windowFunctions: ScalarFunctionDefinition[] = [windowFunction, sessionWindowFunction, windowTimeFunction]
