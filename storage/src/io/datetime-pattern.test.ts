import { describe, expect, it } from 'vitest'
import { compileDatetimeFormatter, compileDatetimePattern } from './datetime-pattern.js'

describe('compileDatetimePattern', () => {
  it('should parse timestamps by pattern, in the zone unless the text has an offset', () => {
    const utc = compileDatetimePattern("dd/MM/yyyy HH:mm:ss.SSS", 'UTC', 'timestamp')
    expect(utc('04/03/2021 05:06:07.123')).toBe(Date.UTC(2021, 2, 4, 5, 6, 7, 123) * 1000)
    expect(utc('2021-03-04 05:06:07')).toBeNull()
    const offset = compileDatetimePattern("yyyy-MM-dd'T'HH:mm[:ss]XXX", 'UTC', 'timestamp')
    expect(offset('2021-03-04T05:06+02:00')).toBe(Date.UTC(2021, 2, 4, 3, 6, 0) * 1000)
    expect(offset('2021-03-04T05:06:59Z')).toBe(Date.UTC(2021, 2, 4, 5, 6, 59) * 1000)
    const zoned = compileDatetimePattern('yyyy-MM-dd HH:mm', '+05:30', 'timestamp')
    expect(zoned('2021-03-04 05:30')).toBe(Date.UTC(2021, 2, 4, 0, 0) * 1000)
  })

  it('should parse dates to days and reject invalid ones', () => {
    const date = compileDatetimePattern('MM/dd/yyyy', 'UTC', 'date')
    expect(date('03/04/2021')).toBe(18690)
    expect(date('02/30/2021')).toBeNull()
  })

  it('should reject unsupported pattern letters', () => {
    expect(() => compileDatetimePattern('yyyy-MM-dd EEE', 'UTC', 'date')).toThrow(/unsupported letter 'E'/)
  })
})

describe('compileDatetimeFormatter', () => {
  it('should format timestamps and dates by pattern', () => {
    const micros = Date.UTC(2021, 2, 4, 5, 6, 7, 89) * 1000 + 123
    expect(compileDatetimeFormatter("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", 'UTC', 'timestamp')(micros)).toBe('2021-03-04T05:06:07.089Z')
    expect(compileDatetimeFormatter('dd/MM/yy HH:mm:ss.SSSSSS xxx', '+05:30', 'timestamp')(micros)).toBe('04/03/21 10:36:07.089123 +05:30')
    expect(compileDatetimeFormatter('MM/dd/yyyy', 'UTC', 'date')(18690)).toBe('03/04/2021')
  })
})
