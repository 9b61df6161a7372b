import {
  AnalysisError,
  civilToDays,
  daysInMonth,
  daysToCivil,
  microsToLocalDateTime,
  localSecondsToUtc,
  parseFixedOffsetSeconds,
  requireTimeZone,
} from '@sluice/shared'

/** Parses text by a Spark datetime pattern to microseconds (timestamps) or days (dates); null when it does not match. */
export type DatetimePatternParser = (text: string) => number | null

interface FieldSlot {
  readonly kind: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'fraction' | 'offset'
}

const LETTER_PATTERNS: Readonly<Record<string, (count: number) => [string, FieldSlot['kind']]>> = {
  y: (count) => [count === 2 ? '(\\d{2})' : '([+-]?\\d{4,})', 'year'],
  M: (count) => [count === 1 ? '(\\d{1,2})' : '(\\d{2})', 'month'],
  d: (count) => [count === 1 ? '(\\d{1,2})' : '(\\d{2})', 'day'],
  H: (count) => [count === 1 ? '(\\d{1,2})' : '(\\d{2})', 'hour'],
  m: (count) => [count === 1 ? '(\\d{1,2})' : '(\\d{2})', 'minute'],
  s: (count) => [count === 1 ? '(\\d{1,2})' : '(\\d{2})', 'second'],
  S: (count) => [`(\\d{1,${count}})`, 'fraction'],
  X: () => ['(Z|[+-]\\d{2}(?::?\\d{2})?)', 'offset'],
  x: () => ['([+-]\\d{2}(?::?\\d{2})?)', 'offset'],
  Z: () => ['([+-]\\d{4}|Z)', 'offset'],
}

/**
 * Compiles a Spark datetime pattern (options `timestampFormat`, `dateFormat`) into a
 * parser. Supported: `yyyy`/`yy`, `M`/`MM`, `d`/`dd`, `H`/`HH`, `m`/`mm`, `s`/`ss`,
 * `S`… (fraction), `X`/`XXX`/`x`/`Z` (offsets), quoted literals and `[...]`
 * optional sections; other letters throw AnalysisError. Without an offset in the
 * text the wall clock is read in `timeZone`. Dates return days, timestamps micros.
 */
export function compileDatetimePattern(pattern: string, timeZone: string, result: 'timestamp' | 'date'): DatetimePatternParser {
  const slots: FieldSlot['kind'][] = []
  let regex = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === "'") {
      const close = pattern.indexOf("'", i + 1)
      const literal = close < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, close)
      regex += literal === '' ? "'" : literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      i = close < 0 ? pattern.length : close
    } else if (c === '[') {
      regex += '(?:'
    } else if (c === ']') {
      regex += ')?'
    } else if (/[a-zA-Z]/.test(c)) {
      let count = 1
      while (pattern[i + count] === c) count++
      const build = LETTER_PATTERNS[c]
      if (build === undefined) {
        throw new AnalysisError('INVALID_DATETIME_PATTERN', `The datetime pattern '${pattern}' uses the unsupported letter '${c}'.`, { pattern })
      }
      const [part, kind] = build(count)
      regex += part
      slots.push(kind)
      i += count - 1
    } else {
      regex += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    }
  }
  const matcher = new RegExp(`^${regex}$`)
  const zone = requireTimeZone(timeZone)
  return (text) => {
    const match = matcher.exec(text)
    if (match === null) return null
    let year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, micros = 0
    let offset: number | undefined
    slots.forEach((kind, index) => {
      const value = match[index + 1]
      if (value === undefined) return
      switch (kind) {
        case 'year': year = value.length === 2 ? 2000 + Number(value) : Number(value); break
        case 'month': month = Number(value); break
        case 'day': day = Number(value); break
        case 'hour': hour = Number(value); break
        case 'minute': minute = Number(value); break
        case 'second': second = Number(value); break
        case 'fraction': micros = Number(value.slice(0, 6).padEnd(6, '0')); break
        case 'offset': offset = value === 'Z' ? 0 : parseFixedOffsetSeconds(value) ?? undefined
      }
    })
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null
    const days = civilToDays(year, month, day)
    if (result === 'date') return days
    const localSeconds = days * 86_400 + hour * 3600 + minute * 60 + second
    const epochSeconds = offset === undefined ? localSecondsToUtc(zone, localSeconds) : localSeconds - offset
    return epochSeconds * 1_000_000 + micros
  }
}

/** Formats microseconds (timestamps) or days (dates) by a Spark datetime pattern. */
export type DatetimePatternFormatter = (value: number) => string

const pad = (value: number, width: number): string => String(value).padStart(width, '0')

function formatOffset(seconds: number, letter: string, count: number): string {
  if (seconds === 0 && (letter === 'X')) return 'Z'
  const sign = seconds < 0 ? '-' : '+'
  const magnitude = Math.abs(seconds)
  const hours = pad(Math.floor(magnitude / 3600), 2)
  const minutes = pad(Math.floor((magnitude % 3600) / 60), 2)
  if (letter === 'Z' || count === 1 || count === 2) return count === 1 && letter !== 'Z' && minutes === '00' ? `${sign}${hours}` : `${sign}${hours}${minutes}`
  return `${sign}${hours}:${minutes}`
}

/**
 * Compiles a Spark datetime pattern into a formatter (options `timestampFormat`
 * and `dateFormat` of the writers), with the letters {@link compileDatetimePattern}
 * reads; optional sections are written. Timestamps are shown in `timeZone`.
 */
export function compileDatetimeFormatter(pattern: string, timeZone: string, input: 'timestamp' | 'date'): DatetimePatternFormatter {
  const parts: ((local: LocalParts) => string)[] = []
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === "'") {
      const close = pattern.indexOf("'", i + 1)
      const literal = close < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, close)
      const text = literal === '' ? "'" : literal
      parts.push(() => text)
      i = close < 0 ? pattern.length : close
    } else if (c === '[' || c === ']') {
      continue
    } else if (/[a-zA-Z]/.test(c)) {
      let count = 1
      while (pattern[i + count] === c) count++
      i += count - 1
      const width = count
      switch (c) {
        case 'y': parts.push((t) => (width === 2 ? pad(t.year % 100, 2) : pad(t.year, Math.max(width, 4)))); break
        case 'M': parts.push((t) => pad(t.month, width)); break
        case 'd': parts.push((t) => pad(t.day, width)); break
        case 'H': parts.push((t) => pad(t.hour, width)); break
        case 'm': parts.push((t) => pad(t.minute, width)); break
        case 's': parts.push((t) => pad(t.second, width)); break
        case 'S': parts.push((t) => pad(t.microsecond, 6).slice(0, width).padEnd(width, '0')); break
        case 'X': case 'x': case 'Z': parts.push((t) => formatOffset(t.offsetSeconds, c, width)); break
        default:
          throw new AnalysisError('INVALID_DATETIME_PATTERN', `The datetime pattern '${pattern}' uses the unsupported letter '${c}'.`, { pattern })
      }
    } else {
      parts.push(() => c)
    }
  }
  return (value) => {
    const local = input === 'date' ? dateParts(value) : timestampParts(value, timeZone)
    let text = ''
    for (const part of parts) text += part(local)
    return text
  }
}

interface LocalParts {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  readonly second: number
  readonly microsecond: number
  readonly offsetSeconds: number
}

function dateParts(days: number): LocalParts {
  return { ...daysToCivil(days), hour: 0, minute: 0, second: 0, microsecond: 0, offsetSeconds: 0 }
}

function timestampParts(micros: number, timeZone: string): LocalParts {
  const local = microsToLocalDateTime(micros, timeZone)
  const localSeconds = local.days * 86_400 + local.hour * 3600 + local.minute * 60 + local.second
  return { ...local, offsetSeconds: localSeconds - Math.floor(micros / 1_000_000) }
}
