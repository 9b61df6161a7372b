import { describe, expect, it } from 'vitest'
import { decodeLongVarint, encodeLongVarint } from './avro-long.js'

const bytes = (value: bigint): number[] => [...encodeLongVarint(value)]

describe('encodeLongVarint', () => {
  it('should write Avro zig-zag varints', () => {
    // Avro spec examples: 0 → 00, -1 → 01, 1 → 02, -2 → 03, 2 → 04, -64 → 7f, 64 → 80 01
    expect(bytes(0n)).toEqual([0x00])
    expect(bytes(-1n)).toEqual([0x01])
    expect(bytes(1n)).toEqual([0x02])
    expect(bytes(-2n)).toEqual([0x03])
    expect(bytes(-64n)).toEqual([0x7f])
    expect(bytes(64n)).toEqual([0x80, 0x01])
  })
  it('should write the 64-bit extremes in ten bytes', () => {
    expect(bytes(2n ** 63n - 1n)).toEqual([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])
    expect(bytes(-(2n ** 63n))).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])
  })
})

describe('decodeLongVarint', () => {
  it('should read back every value exactly, around 2^53 too', () => {
    const values = [0n, 1n, -1n, 63n, -64n, 64n, 2n ** 31n, -(2n ** 31n), 2n ** 52n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n,
      -(2n ** 53n) - 1n, 1_424_686_733_090_118_019n, -1_424_686_733_090_118_019n, 2n ** 63n - 1n, -(2n ** 63n)]
    for (const value of values) expect(decodeLongVarint(Uint8Array.from(encodeLongVarint(value)))).toBe(value)
  })
})
