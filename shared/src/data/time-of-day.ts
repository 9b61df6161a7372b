/**
 * Values of Spark 4.1's TIME type: nanoseconds since midnight as a `bigint` (Spark's
 * Long from `localTimeToNanos`), truncated to the type's precision (0 to 6 digits).
 * Text forms follow Spark's `stringToTime` and `TimeFormatter`: `HH:mm[:ss[.f…]]`
 * with an optional ` AM`/` PM`, printed as `HH:mm:ss` plus the fraction without
 * trailing zeros (`01:18:19.87`).
 */
import { trimAll } from './ansi-interval.js'

export const NANOS_PER_MICRO = 1_000n
export const NANOS_PER_SECOND = 1_000_000_000n
export const NANOS_PER_MINUTE = 60n * NANOS_PER_SECOND
export const NANOS_PER_HOUR = 60n * NANOS_PER_MINUTE
export const NANOS_PER_DAY = 24n * NANOS_PER_HOUR

/** A time of day truncated to `precision` fractional digits (TIME(p) keeps no more). */
export function truncateTime(nanos: bigint, precision: number): bigint {
  const unit = 10n ** BigInt(9 - precision)
  return nanos - (nanos % unit)
}

const pad2 = (value: bigint): string => value.toString().padStart(2, '0')

/** `HH:mm:ss[.fraction]`, the fraction without trailing zeros (Spark's TIME text). */
export function formatTime(nanos: bigint): string {
  const hours = nanos / NANOS_PER_HOUR
  const minutes = (nanos / NANOS_PER_MINUTE) % 60n
  const seconds = (nanos / NANOS_PER_SECOND) % 60n
  const fraction = (nanos % NANOS_PER_SECOND).toString().padStart(9, '0').replace(/0+$/, '')
  return `${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}${fraction === '' ? '' : `.${fraction}`}`
}

const TIME_TEXT = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?(?:\s([AaPp][Mm]))?$/

/**
 * Spark's `stringToTime`: `H[H]:m[m][:s[s][.fraction]]` with an optional ` AM`/` PM`
 * (then the hour is 1 to 12), surrounding whitespace ignored, fraction digits beyond
 * nanoseconds dropped. Null when the text is not a valid time of day.
 */
export function parseTime(text: string): bigint | null {
  const m = TIME_TEXT.exec(trimAll(text))
  if (m === null) return null
  let hour = Number(m[1])
  const minute = Number(m[2])
  const second = Number(m[3] ?? '0')
  const fraction = (m[4] ?? '').slice(0, 9).padEnd(9, '0')
  const suffix = m[5]?.toUpperCase()
  if (suffix !== undefined) {
    if (hour < 1 || hour > 12) return null
    hour = suffix === 'AM' ? hour % 12 : (hour % 12) + 12
  }
  if (hour > 23 || minute > 59 || second > 59) return null
  return BigInt(hour) * NANOS_PER_HOUR + BigInt(minute) * NANOS_PER_MINUTE + BigInt(second) * NANOS_PER_SECOND + BigInt(fraction)
}

/** The time of day of a wall-clock microsecond count (local or NTZ): its nanoseconds within the day. */
export function timeOfDayOfMicros(localMicros: number): bigint {
  const nanos = BigInt(localMicros) * NANOS_PER_MICRO
  const withinDay = nanos % NANOS_PER_DAY
  return withinDay < 0n ? withinDay + NANOS_PER_DAY : withinDay
}
