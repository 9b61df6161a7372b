import { AnalysisError, ExecutionError } from '../errors/sluice-error.js'
import { civilToDays, daysInMonth, daysToCivil, formatYear, MICROS_PER_SECOND, requireTimeZone } from '../data/temporal.js'
import { localSecondsToUtc, resolveTimeZone, type ResolvedTimeZone } from '../data/time-zone.js'

/**
 * Spark's datetime patterns (`yyyy-MM-dd HH:mm:ss.SSS`, ...; see
 * https://spark.apache.org/docs/latest/sql-ref-datetime-pattern.html) compiled once
 * into a formatter and a strict, case-insensitive parser. Supported letters: G y D M L
 * d Q q E a h K k H m s S V z O X x Z and quoted text. Week-based letters (Y W w u e c)
 * and five or more M/L are refused with Spark's
 * INCONSISTENT_BEHAVIOR_CROSS_VERSION classes.
 */
export interface DatetimePattern {
  readonly pattern: string
  /** Text of a timestamp (micros) in `timeZone`. */
  format(micros: number, timeZone: string): string
  /** Micros of `text` (wall clock in `timeZone` unless the text has a zone); null when it does not match. */
  parse(text: string, timeZone: string): number | null
}

interface Token { readonly letter: string; readonly count: number; readonly literal?: string }

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const QUARTERS = ['1st quarter', '2nd quarter', '3rd quarter', '4th quarter']
const SUPPORTED = new Set('GyDMLdQqEahKkHmsSVzOXxZ'.split(''))
const WEEK_BASED = new Set('YWwuec'.split(''))

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = []
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i]!
    if (c === "'") {
      let j = i + 1
      let text = ''
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") { text += "'"; j += 2; continue }
          break
        }
        text += pattern[j++]
      }
      if (j >= pattern.length && pattern[j] !== "'") throw invalidPattern(pattern, 'unterminated quote')
      tokens.push({ letter: '', count: 0, literal: i + 1 === j ? "'" : text })
      i = j + 1
      continue
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i
      while (pattern[j] === c) j++
      const count = j - i
      if (WEEK_BASED.has(c)) {
        throw new AnalysisError('INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN',
          `Spark >= 3.0: All week-based patterns are unsupported since Spark 3.0, detected week-based character: ${c}. Please use the SQL function EXTRACT instead.`, { c })
      }
      if (!SUPPORTED.has(c)) throw invalidPattern(pattern, `Illegal pattern character '${c}'`)
      if ((c === 'M' || c === 'L') && count >= 5 || (c === 'E' && count >= 5) || (c === 'a' && count > 1) || (c === 'G' && count >= 5)) {
        throw new AnalysisError('INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION',
          `You may get a different result due to the upgrading to Spark >= 3.0: Fail to recognize '${pattern}' pattern in the DateTimeFormatter. 1) You can set "spark.sql.legacy.timeParserPolicy" to "LEGACY" to restore the behavior before Spark 3.0. 2) You can form a valid datetime pattern with the guide from 'https://spark.apache.org/docs/latest/sql-ref-datetime-pattern.html'.`,
          { pattern })
      }
      tokens.push({ letter: c, count })
      i = j
      continue
    }
    tokens.push({ letter: '', count: 0, literal: c })
    i++
  }
  return tokens
}

function invalidPattern(pattern: string, detail: string): AnalysisError {
  return new AnalysisError('INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER', `Invalid datetime pattern '${pattern}': ${detail}.`, { pattern })
}

const pad = (value: number, width: number): string => {
  if (value >= 0 && value < 10 && width === 2) return `0${value}`
  return value < 0 ? `-${String(-value).padStart(width, '0')}` : String(value).padStart(width, '0')
}

function offsetText(seconds: number, withColon: boolean, withSeconds: boolean, zForZero: boolean, minutesOptional: boolean): string {
  if (seconds === 0 && zForZero) return 'Z'
  const sign = seconds < 0 ? '-' : '+'
  const abs = Math.abs(seconds)
  const h = Math.floor(abs / 3600)
  const m = Math.floor((abs % 3600) / 60)
  const s = abs % 60
  if (minutesOptional && m === 0 && s === 0) return `${sign}${pad(h, 2)}`
  const sep = withColon ? ':' : ''
  return `${sign}${pad(h, 2)}${sep}${pad(m, 2)}${withSeconds && s !== 0 ? `${sep}${pad(s, 2)}` : ''}`
}

function zoneShortName(timeZone: string, micros: number): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date(Math.floor(micros / 1000)))
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone
  } catch {
    return timeZone
  }
}

interface LocalParts { year: number; month: number; day: number; dayOfYear: number; weekday: number; hour: number; minute: number; second: number; micros: number; offset: number }

function localParts(micros: number, zone: ResolvedTimeZone): LocalParts {
  const epochSeconds = Math.floor(micros / MICROS_PER_SECOND)
  const offset = zone.offsetSecondsAt(epochSeconds)
  const local = epochSeconds + offset
  const days = Math.floor(local / 86400)
  const secondOfDay = local - days * 86400
  const { year, month, day } = daysToCivil(days)
  return {
    year, month, day,
    dayOfYear: days - civilToDays(year, 1, 1) + 1,
    weekday: (((days + 3) % 7) + 7) % 7, // 0 = Monday (1970-01-01 was a Thursday)
    hour: Math.floor(secondOfDay / 3600),
    minute: Math.floor((secondOfDay % 3600) / 60),
    second: secondOfDay % 60,
    micros: micros - epochSeconds * MICROS_PER_SECOND,
    offset,
  }
}

function formatToken(t: Token, p: LocalParts, micros: number, timeZone: string): string {
  if (t.literal !== undefined) return t.literal
  const n = t.count
  switch (t.letter) {
    case 'G': return n === 4 ? (p.year > 0 ? 'Anno Domini' : 'Before Christ') : p.year > 0 ? 'AD' : 'BC'
    case 'y': return n === 2 ? pad(((p.year % 100) + 100) % 100, 2) : n === 4 ? formatYear(p.year) : pad(p.year, n)
    case 'D': return pad(p.dayOfYear, n)
    case 'M': case 'L': return n >= 4 ? MONTHS[p.month - 1]! : n === 3 ? MONTHS[p.month - 1]!.slice(0, 3) : pad(p.month, n)
    case 'd': return pad(p.day, n)
    case 'Q': case 'q': {
      const q = Math.floor((p.month - 1) / 3) + 1
      return n >= 4 ? QUARTERS[q - 1]! : n === 3 ? `Q${q}` : pad(q, n)
    }
    case 'E': return n >= 4 ? WEEKDAYS[p.weekday]! : WEEKDAYS[p.weekday]!.slice(0, 3)
    case 'a': return p.hour < 12 ? 'AM' : 'PM'
    case 'h': return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n)
    case 'K': return pad(p.hour % 12, n)
    case 'k': return pad(p.hour === 0 ? 24 : p.hour, n)
    case 'H': return pad(p.hour, n)
    case 'm': return pad(p.minute, n)
    case 's': return pad(p.second, n)
    case 'S': return pad(p.micros, 6).padEnd(Math.max(n, 6), '0').slice(0, n)
    case 'V': return timeZone
    case 'z': return n >= 4 ? timeZone : zoneShortName(timeZone, micros)
    case 'O': {
      if (p.offset === 0) return 'GMT'
      const text = offsetText(p.offset, true, true, false, n === 1)
      return `GMT${n === 1 ? text.replace(/^([+-])0(\d)/, '$1$2') : text}`
    }
    case 'X': return offsetText(p.offset, n >= 3, n >= 4, true, n === 1)
    case 'x': return offsetText(p.offset, n >= 3, n >= 4, false, n === 1)
    case 'Z': return n === 4 ? (p.offset === 0 ? 'GMT' : `GMT${offsetText(p.offset, true, true, false, false)}`) : n === 5 ? offsetText(p.offset, true, true, true, false) : offsetText(p.offset, false, false, false, false)
    default: return ''
  }
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
const names = (list: readonly string[], short: boolean): string => list.map((x) => (short ? x.slice(0, 3) : x)).join('|')

/** One regex group (without capture) per token, and how to store its value. */
function parseRegex(t: Token): string {
  if (t.literal !== undefined) return escapeRegex(t.literal)
  const n = t.count
  const digits = (min: number, max: number): string => `(\\d{${min},${max}})`
  switch (t.letter) {
    case 'G': return '(AD|BC|Anno Domini|Before Christ)'
    case 'y': return n === 2 ? digits(2, 2) : `([+-]?\\d{${n === 1 ? 1 : n},9})`
    case 'D': return n === 1 ? digits(1, 3) : digits(n, 3)
    case 'M': case 'L': return n >= 4 ? `(${names(MONTHS, false)})` : n === 3 ? `(${names(MONTHS, true)})` : n === 1 ? digits(1, 2) : digits(n, n)
    case 'Q': case 'q': return n >= 4 ? `(${QUARTERS.join('|')})` : n === 3 ? '(Q[1-4])' : digits(1, n === 1 ? 1 : n)
    case 'E': return n >= 4 ? `(${names(WEEKDAYS, false)})` : `(${names(WEEKDAYS, true)})`
    case 'a': return '(AM|PM)'
    case 'S': return digits(1, n)
    case 'd': case 'h': case 'K': case 'k': case 'H': case 'm': case 's': return n === 1 ? digits(1, 2) : digits(n, n)
    case 'V': case 'z': return '([A-Za-z][A-Za-z0-9_/+-]*)'
    case 'O': return '(GMT(?:[+-]\\d{1,2}(?::\\d{2}(?::\\d{2})?)?)?)'
    case 'X': return '(Z|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?)'
    case 'x': case 'Z': return '(Z|GMT|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?|GMT[+-]\\d{2}:\\d{2})'
    default: return ''
  }
}

function parseOffsetSeconds(text: string): number | null {
  if (text === 'Z' || text === 'GMT') return 0
  const m = /^(?:GMT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(text)
  if (m === null) return null
  const seconds = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0)
  return m[1] === '-' ? -seconds : seconds
}

/** Compiles a Spark datetime pattern (throws AnalysisError for unsupported letters). */
export function compileDatetimePattern(pattern: string): DatetimePattern {
  const tokens = tokenize(pattern)
  const fieldTokens = tokens.filter((t) => t.literal === undefined)
  const regex = new RegExp(`^${tokens.map(parseRegex).join('')}$`, 'i')
  return {
    pattern,
    format(micros, timeZone) {
      const parts = localParts(micros, requireTimeZone(timeZone))
      let out = ''
      for (const t of tokens) out += t.literal !== undefined ? t.literal : formatToken(t, parts, micros, timeZone)
      return out
    },
    parse(text, timeZone) {
      const m = regex.exec(text)
      if (m === null) return null
      let year = 1970, month = 1, day = 1, dayOfYear = -1, hour = 0, hour12 = -1, pm: boolean | null = null
      let minute = 0, second = 0, micros = 0, bc = false
      let offset: number | null = null
      let zone: ResolvedTimeZone | null = null
      for (let i = 0; i < fieldTokens.length; i++) {
        const t = fieldTokens[i]!
        const v = m[i + 1]!
        const lower = v.toLowerCase()
        switch (t.letter) {
          case 'G': bc = lower.startsWith('b'); break
          case 'y': year = t.count === 2 ? 2000 + Number(v) : Number(v); break
          case 'D': dayOfYear = Number(v); break
          case 'M': case 'L':
            month = t.count >= 3 ? MONTHS.findIndex((x) => (t.count === 3 ? x.slice(0, 3) : x).toLowerCase() === lower) + 1 : Number(v)
            break
          case 'd': day = Number(v); break
          case 'a': pm = lower === 'pm'; break
          case 'h': hour12 = Number(v) === 12 ? 0 : Number(v); if (Number(v) < 1 || Number(v) > 12) return null; break
          case 'K': hour12 = Number(v); if (hour12 > 11) return null; break
          case 'k': hour = Number(v) === 24 ? 0 : Number(v); if (Number(v) < 1 || Number(v) > 24) return null; break
          case 'H': hour = Number(v); break
          case 'm': minute = Number(v); break
          case 's': second = Number(v); break
          case 'S': micros = Number(v.slice(0, 6).padEnd(6, '0')); break
          case 'V': case 'z': zone = resolveTimeZone(v); if (zone === null) return null; break
          case 'O': case 'X': case 'x': case 'Z': offset = parseOffsetSeconds(v.toUpperCase()); if (offset === null) return null; break
          default: break
        }
      }
      if (bc) year = 1 - year
      if (hour12 >= 0) hour = hour12 + (pm === true ? 12 : 0)
      else if (pm === true && hour < 12) hour += 12
      if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null
      let days: number
      if (dayOfYear >= 0) {
        const start = civilToDays(year, 1, 1)
        if (dayOfYear < 1 || dayOfYear > civilToDays(year + 1, 1, 1) - start) return null
        days = start + dayOfYear - 1
      } else {
        if (day < 1 || day > daysInMonth(year, month)) return null
        days = civilToDays(year, month, day)
      }
      const localSeconds = days * 86400 + hour * 3600 + minute * 60 + second
      const utcSeconds = offset !== null ? localSeconds - offset : localSecondsToUtc(zone ?? requireTimeZone(timeZone), localSeconds)
      return utcSeconds * MICROS_PER_SECOND + micros
    },
  }
}

const patternCache = new Map<string, DatetimePattern>()

/** `compileDatetimePattern`, cached per pattern text. */
export function datetimePattern(pattern: string): DatetimePattern {
  let compiled = patternCache.get(pattern)
  if (compiled === undefined) {
    if (patternCache.size > 500) patternCache.clear()
    compiled = compileDatetimePattern(pattern)
    patternCache.set(pattern, compiled)
  }
  return compiled
}

/** CANNOT_PARSE_TIMESTAMP (ANSI), naming the text and the pattern. */
export function cannotParseTimestamp(text: string, pattern: string): ExecutionError {
  return new ExecutionError('CANNOT_PARSE_TIMESTAMP',
    `Text '${text}' could not be parsed with the pattern '${pattern}'. Use \`try_to_timestamp\` to tolerate invalid input string and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.`,
    { message: `Text '${text}' could not be parsed`, func: '`try_to_timestamp`' })
}
