/**
 * Time-zone offsets for Spark session time zones: fixed offsets ('UTC', 'Z',
 * '+08:00', 'GMT-3', 'UTC+05:30'), Java's short ids ('PST', 'EST', ...) and IANA
 * region ids ('America/Los_Angeles') resolved through Intl, cached per zone.
 */

/** Java's `ZoneId.SHORT_IDS`, which Spark accepts as session time zones. */
const JAVA_SHORT_IDS: Readonly<Record<string, string>> = {
  ACT: 'Australia/Darwin', AET: 'Australia/Sydney', AGT: 'America/Argentina/Buenos_Aires',
  ART: 'Africa/Cairo', AST: 'America/Anchorage', BET: 'America/Sao_Paulo', BST: 'Asia/Dhaka',
  CAT: 'Africa/Harare', CNT: 'America/St_Johns', CST: 'America/Chicago', CTT: 'Asia/Shanghai',
  EAT: 'Africa/Addis_Ababa', ECT: 'Europe/Paris', IET: 'America/Indiana/Indianapolis',
  IST: 'Asia/Kolkata', JST: 'Asia/Tokyo', MIT: 'Pacific/Apia', NET: 'Asia/Yerevan',
  NST: 'Pacific/Auckland', PLT: 'Asia/Karachi', PNT: 'America/Phoenix', PRT: 'America/Puerto_Rico',
  PST: 'America/Los_Angeles', SST: 'Pacific/Guadalcanal', VST: 'Asia/Ho_Chi_Minh',
  EST: '-05:00', MST: '-07:00', HST: '-10:00',
}

/** A resolved zone: gives the offset from UTC (in seconds) at a UTC instant. */
export interface ResolvedTimeZone {
  readonly id: string
  /** Offset in seconds east of UTC at the instant `epochSeconds` (UTC). */
  offsetSecondsAt(epochSeconds: number): number
}

const FIXED_OFFSET = /^(?:(?:UTC|GMT|UT)(?=[+-]|$))?(?:([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/i

/** Parses a fixed-offset zone id to seconds, or returns null when it is not one. */
export function parseFixedOffsetSeconds(zoneId: string): number | null {
  const id = zoneId.trim()
  if (id === 'Z' || id === 'z') return 0
  if (id === '') return null
  const match = FIXED_OFFSET.exec(id)
  if (match === null) return null
  const [, sign, hours, minutes, seconds] = match
  if (sign === undefined) return 0 // 'UTC', 'GMT', 'UT'
  const h = Number(hours)
  const m = Number(minutes ?? '0')
  const s = Number(seconds ?? '0')
  if (h > 18 || m > 59 || s > 59) return null
  const total = h * 3600 + m * 60 + s
  if (total > 18 * 3600) return null
  return sign === '-' ? -total : total
}

const DAY_SECONDS = 86_400
const MAX_CACHED_DAYS = 200_000
/** Intl handles years 1..9999 reliably; earlier or later instants use the nearest edge's offset. */
const MIN_INTL_SECONDS = -62_135_596_800 + 86_400 * 2
const MAX_INTL_SECONDS = 253_402_300_799 - 86_400 * 2

/**
 * The offsets of one UTC day: `before` until `transition` (a UTC second), `after`
 * from it. Days without a transition have `transition` = +Infinity. Zones change
 * offset at most once a day, so one transition per day suffices.
 */
interface DayOffsets {
  readonly before: number
  readonly after: number
  readonly transition: number
}

class RegionTimeZone implements ResolvedTimeZone {
  private readonly format: Intl.DateTimeFormat
  private readonly days = new Map<number, DayOffsets>()

  constructor(readonly id: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: id, hourCycle: 'h23', era: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    })
  }

  offsetSecondsAt(epochSeconds: number): number {
    const seconds = Math.min(Math.max(Math.floor(epochSeconds), MIN_INTL_SECONDS), MAX_INTL_SECONDS)
    const day = Math.floor(seconds / DAY_SECONDS)
    let offsets = this.days.get(day)
    if (offsets === undefined) {
      offsets = this.dayOffsets(day)
      if (this.days.size >= MAX_CACHED_DAYS) this.days.clear()
      this.days.set(day, offsets)
    }
    return seconds < offsets.transition ? offsets.before : offsets.after
  }

  /** Offsets of a UTC day, binary-searching the second of a transition when its ends differ. */
  private dayOffsets(day: number): DayOffsets {
    const start = day * DAY_SECONDS
    const before = this.computeOffset(start)
    const after = this.computeOffset(start + DAY_SECONDS - 1)
    if (before === after) return { before, after, transition: Number.POSITIVE_INFINITY }
    let low = start // offset(low) === before
    let high = start + DAY_SECONDS - 1 // offset(high) === after
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2)
      if (this.computeOffset(middle) === before) low = middle
      else high = middle
    }
    return { before, after, transition: high }
  }

  private computeOffset(epochSeconds: number): number {
    const parts = this.format.formatToParts(new Date(epochSeconds * 1000))
    let year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, beforeChrist = false
    for (const part of parts) {
      switch (part.type) {
        case 'year': year = Number(part.value); break
        case 'month': month = Number(part.value); break
        case 'day': day = Number(part.value); break
        case 'hour': hour = Number(part.value); break
        case 'minute': minute = Number(part.value); break
        case 'second': second = Number(part.value); break
        case 'era': beforeChrist = part.value.startsWith('B'); break
      }
    }
    if (beforeChrist) year = 1 - year
    const date = new Date(0)
    date.setUTCFullYear(year, month - 1, day)
    date.setUTCHours(hour, minute, second, 0)
    return Math.round(date.getTime() / 1000) - epochSeconds
  }
}

class FixedTimeZone implements ResolvedTimeZone {
  constructor(readonly id: string, private readonly offsetSeconds: number) {}
  offsetSecondsAt(): number {
    return this.offsetSeconds
  }
}

const zoneCache = new Map<string, ResolvedTimeZone | null>()

/**
 * Resolves a Spark time-zone id; null when unknown. Region ids are
 * case-insensitive as in Intl; results are cached per id.
 */
export function resolveTimeZone(zoneId: string): ResolvedTimeZone | null {
  const cached = zoneCache.get(zoneId)
  if (cached !== undefined) return cached
  const resolved = resolveUncached(zoneId)
  zoneCache.set(zoneId, resolved)
  return resolved
}

function resolveUncached(zoneId: string): ResolvedTimeZone | null {
  const id = zoneId.trim()
  const shortId = JAVA_SHORT_IDS[id]
  if (shortId !== undefined) return resolveTimeZone(shortId)
  const fixed = parseFixedOffsetSeconds(id)
  if (fixed !== null) return new FixedTimeZone(id, fixed)
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(id)) return null
  try {
    return new RegionTimeZone(id)
  } catch {
    return null
  }
}

/** Offset in seconds east of UTC of `zoneId` at the UTC instant; throws RangeError for an unknown zone. */
export function zoneOffsetSeconds(zoneId: string, epochSeconds: number): number {
  const zone = resolveTimeZone(zoneId)
  if (zone === null) throw new RangeError(`Unknown time zone '${zoneId}'`)
  return zone.offsetSecondsAt(epochSeconds)
}

/**
 * Converts a local wall-clock time (seconds since 1970-01-01T00:00 local) to UTC
 * epoch seconds the way Java's `ZonedDateTime.of` does: in an overlap the earlier
 * offset wins; in a gap the time is moved later by the gap's length.
 */
export function localSecondsToUtc(zone: ResolvedTimeZone, localSeconds: number): number {
  const before = zone.offsetSecondsAt(localSeconds - 86_400)
  const after = zone.offsetSecondsAt(localSeconds + 86_400)
  if (zone.offsetSecondsAt(localSeconds - before) === before) return localSeconds - before
  if (zone.offsetSecondsAt(localSeconds - after) === after) return localSeconds - after
  const direct = zone.offsetSecondsAt(localSeconds)
  if (zone.offsetSecondsAt(localSeconds - direct) === direct) return localSeconds - direct
  return localSeconds - before
}
