import { AnalysisError } from '../errors/sluice-error.js'

const UNIT_MICROS: Readonly<Record<string, number>> = {
  microsecond: 1, microseconds: 1, us: 1,
  millisecond: 1_000, milliseconds: 1_000, ms: 1_000,
  second: 1_000_000, seconds: 1_000_000, sec: 1_000_000, secs: 1_000_000, s: 1_000_000,
  minute: 60_000_000, minutes: 60_000_000, min: 60_000_000, mins: 60_000_000, m: 60_000_000,
  hour: 3_600_000_000, hours: 3_600_000_000, h: 3_600_000_000,
  day: 86_400_000_000, days: 86_400_000_000, d: 86_400_000_000,
  week: 604_800_000_000, weeks: 604_800_000_000,
}

/**
 * Parses a Spark duration/interval string ("10 minutes", "1 hour 30 minutes",
 * "500 ms", "interval 2 seconds") to microseconds. Months and years are refused:
 * they have no fixed length, as in Spark's window and watermark checks.
 */
export function parseDurationMicros(text: string): number {
  const trimmed = text.trim().toLowerCase().replace(/^interval\s+/, '')
  if (/^-?\d+$/.test(trimmed)) return Number(trimmed) * 1_000
  const tokens = trimmed.split(/\s+/)
  if (tokens.length === 0 || tokens.length % 2 !== 0) throw invalidDuration(text)
  let total = 0
  for (let i = 0; i < tokens.length; i += 2) {
    const amount = Number(tokens[i])
    const unit = UNIT_MICROS[tokens[i + 1]!]
    if (!Number.isFinite(amount) || unit === undefined) throw invalidDuration(text)
    total += amount * unit
  }
  return Math.round(total)
}

/** `parseDurationMicros` in milliseconds. */
export function parseDurationMs(text: string): number {
  return parseDurationMicros(text) / 1_000
}

function invalidDuration(text: string): AnalysisError {
  return new AnalysisError('INVALID_INTERVAL_FORMAT', `Cannot parse the duration '${text}': expected e.g. "10 minutes", "500 ms", "1 hour 30 minutes".`, { input: text })
}

const TIME_SUFFIX_MS: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1_000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 }

/**
 * Spark's `JavaUtils.timeStringAsMs` for time options such as the file source's
 * `maxFileAge`: `"7d"`, `"1h"`, `"30s"`, `"100"` (ms); a spelled-out duration
 * ("2 hours") is read as {@link parseDurationMs}.
 */
export function parseTimeStringMs(text: string): number {
  const match = /^(-?\d+)\s*([a-z]+)?$/.exec(text.trim().toLowerCase())
  const unit = match ? TIME_SUFFIX_MS[match[2] ?? 'ms'] : undefined
  return match && unit !== undefined ? Number(match[1]) * unit : parseDurationMs(text)
}
