import { describe, expect, it } from 'vitest'
import { StringType, TimestampType } from '../types/data-type.js'
import { callScalar, scalarResultType } from './function-test-support.js'
import { slidingWindowStarts, timeWindowSpec } from './window-functions.js'

const utc = (h: number, m: number, s: number): number => Date.UTC(2016, 2, 11, h, m, s) * 1000
const SECOND = 1_000_000
const MINUTE = 60 * SECOND

describe('window functions', () => {
  it('should put a timestamp in its tumbling window (Spark docs: 09:00:07 in 5 seconds → [09:00:05, 09:00:10))', () => {
    expect(callScalar('window', [[utc(9, 0, 7), TimestampType], ['5 seconds', StringType]])).toEqual([utc(9, 0, 5), utc(9, 0, 10)])
    expect(callScalar('window', [[utc(9, 0, 5), TimestampType], ['5 seconds', StringType]])).toEqual([utc(9, 0, 5), utc(9, 0, 10)])
    expect(callScalar('window', [[null, TimestampType], ['5 seconds', StringType]])).toBeNull()
    const type = scalarResultType('window', [[0, TimestampType], ['5 seconds', StringType]])
    expect(type.kind === 'struct' && type.fields.map((f) => f.name)).toEqual(['start', 'end'])
  })

  it('should floor negative timestamps and honour startTime', () => {
    expect(callScalar('window', [[-1, TimestampType], ['10 seconds', StringType]])).toEqual([-10 * SECOND, 0])
    const r = callScalar('window', [[utc(9, 0, 7), TimestampType], ['10 seconds', StringType], ['10 seconds', StringType], ['3 seconds', StringType]])
    expect(r).toEqual([utc(9, 0, 3), utc(9, 0, 13)])
  })

  it('should list every sliding window holding a timestamp, ascending', () => {
    // 12:07 in 10-minute windows sliding by 5 minutes: [12:00, 12:10) and [12:05, 12:15)
    const t = 12 * 60 * MINUTE + 7 * MINUTE
    expect(slidingWindowStarts(t, 10 * MINUTE, 5 * MINUTE, 0)).toEqual([12 * 60 * MINUTE, 12 * 60 * MINUTE + 5 * MINUTE])
    expect(slidingWindowStarts(t, 10 * MINUTE, 10 * MINUTE, 0)).toEqual([12 * 60 * MINUTE])
    expect(slidingWindowStarts(7, 10, 3, 0)).toEqual([0, 3, 6])
  })

  it('should validate window parameters', () => {
    expect(timeWindowSpec([null, '10 minutes', '5 minutes'])).toEqual({ windowMicros: 10 * MINUTE, slideMicros: 5 * MINUTE, startMicros: 0 })
    expect(() => timeWindowSpec([null, '5 minutes', '10 minutes'])).toThrow(/VALUE_OUT_OF_RANGE/)
    expect(() => timeWindowSpec([null, '10 minutes', '5 minutes', '5 minutes'])).toThrow(/VALUE_OUT_OF_RANGE/)
    expect(() => timeWindowSpec([null, 'ten minutes'])).toThrow(/INVALID_INTERVAL_FORMAT/)
  })

  it('should give each event its own session window [t, t + gap)', () => {
    expect(callScalar('session_window', [[utc(9, 0, 7), TimestampType], ['5 minutes', StringType]])).toEqual([utc(9, 0, 7), utc(9, 5, 7)])
    expect(callScalar('window_time', [[[utc(9, 0, 5), utc(9, 0, 10)], scalarResultType('window', [[0, TimestampType], ['5 seconds', StringType]])]])).toBe(utc(9, 0, 10) - 1)
  })
})
