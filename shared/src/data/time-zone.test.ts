import { describe, expect, it } from 'vitest'
import { localSecondsToUtc, parseFixedOffsetSeconds, resolveTimeZone, zoneOffsetSeconds } from './time-zone.js'

// Expected offsets from GNU date, e.g. `TZ=Europe/London date -d @1635642000 +%z` → +0000.
describe('zoneOffsetSeconds', () => {
  it('should change offset at the exact second of a transition', () => {
    expect(zoneOffsetSeconds('America/Los_Angeles', 1_615_715_999)).toBe(-8 * 3600)
    expect(zoneOffsetSeconds('America/Los_Angeles', 1_615_716_000)).toBe(-7 * 3600)
    expect(zoneOffsetSeconds('Europe/London', 1_635_641_999)).toBe(3600)
    expect(zoneOffsetSeconds('Europe/London', 1_635_642_000)).toBe(0)
  })
  it('should handle half-hour shifts and local mean time', () => {
    expect(zoneOffsetSeconds('Australia/Lord_Howe', 1_633_188_599)).toBe(10.5 * 3600)
    expect(zoneOffsetSeconds('Australia/Lord_Howe', 1_633_188_600)).toBe(11 * 3600)
    // Los Angeles kept local mean time (-7:52:58) until 1883-11-18 20:00 UTC.
    expect(zoneOffsetSeconds('America/Los_Angeles', -2_717_640_001)).toBe(-(7 * 3600 + 52 * 60 + 58))
    expect(zoneOffsetSeconds('America/Los_Angeles', -2_717_640_000)).toBe(-8 * 3600)
  })
  it('should resolve Java short ids and fixed offsets', () => {
    expect(zoneOffsetSeconds('PST', 1_615_716_000)).toBe(-7 * 3600)
    expect(zoneOffsetSeconds('EST', 1_615_716_000)).toBe(-5 * 3600)
    expect(zoneOffsetSeconds('UTC+05:30', 0)).toBe(19_800)
    expect(() => zoneOffsetSeconds('Nowhere/Land', 0)).toThrow(RangeError)
    expect(resolveTimeZone('Nowhere/Land')).toBeNull()
  })
})

describe('parseFixedOffsetSeconds', () => {
  it('should read the fixed-offset forms Spark accepts', () => {
    expect(parseFixedOffsetSeconds('Z')).toBe(0)
    expect(parseFixedOffsetSeconds('UTC')).toBe(0)
    expect(parseFixedOffsetSeconds('+8')).toBe(28_800)
    expect(parseFixedOffsetSeconds('-08:30')).toBe(-30_600)
    expect(parseFixedOffsetSeconds('GMT+0130')).toBe(5400)
    expect(parseFixedOffsetSeconds('UT-01:02:03')).toBe(-3723)
    expect(parseFixedOffsetSeconds('+19:00')).toBeNull()
    expect(parseFixedOffsetSeconds('Europe/Paris')).toBeNull()
  })
})

describe('localSecondsToUtc', () => {
  it('should move a time in a gap later and take the earlier offset in an overlap', () => {
    const zone = resolveTimeZone('Europe/London')!
    // 2021-03-28 01:30 does not exist in London (clocks go 01:00 → 02:00): it becomes 02:30 BST = 01:30 UTC.
    const gapLocal = Date.UTC(2021, 2, 28, 1, 30) / 1000
    expect(localSecondsToUtc(zone, gapLocal)).toBe(Date.UTC(2021, 2, 28, 1, 30) / 1000)
    // 2021-10-31 01:30 happens twice; Java picks BST (+1): 00:30 UTC.
    const overlapLocal = Date.UTC(2021, 9, 31, 1, 30) / 1000
    expect(localSecondsToUtc(zone, overlapLocal)).toBe(Date.UTC(2021, 9, 31, 0, 30) / 1000)
  })
})
