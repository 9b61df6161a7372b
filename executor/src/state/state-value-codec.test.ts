import * as v8 from 'node:v8'
import { describe, expect, it } from 'vitest'
import { ByteReader, ByteWriter, readStateValue, writeStateValue } from './state-value-codec.js'

function roundTrip(value: unknown): unknown {
  const writer = new ByteWriter(4)
  writeStateValue(writer, value)
  const reader = new ByteReader(writer.result())
  const result = readStateValue(reader)
  expect(reader.offset).toBe(writer.result().length)
  return result
}

describe('state value codec', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['booleans', [true, false]],
    ['doubles incl. -0, NaN and infinities', [1.5, -0, Number.NaN, Number.POSITIVE_INFINITY, -1e308]],
    ['int64 bigints at the bounds', [0n, -(2n ** 63n), 2n ** 63n - 1n]],
    ['bigints beyond int64', [2n ** 64n + 5n, -(2n ** 70n)]],
    ['unicode strings', ['', 'héllo', '日本語', '😀']],
    ['nested arrays', [[1n, 2.5, 'x', null, [true, []]]]],
    ['a Map and plain object (v8 fallback)', [new Map([['a', 1n]]), { sum: 1.5, count: 2n }, new Set([1]), new Uint8Array([1, 2])]],
  ])('should round-trip %s', (_label, value) => {
    expect(roundTrip(value)).toEqual(value)
  })

  it('should keep -0 and NaN exactly', () => {
    expect(Object.is(roundTrip(-0), -0)).toBe(true)
    expect(Number.isNaN(roundTrip(Number.NaN))).toBe(true)
  })

  it('should be smaller than v8.serialize for an aggregation buffer', () => {
    const writer = new ByteWriter()
    const value = [12n, 3.5]
    writeStateValue(writer, value)
    expect(writer.result().length).toBe(1 + 4 + 9 + 9)
    expect(writer.result().length).toBeLessThan(v8.serialize(value).length + 10)
  })

  it('should throw a RangeError on truncated data', () => {
    const writer = new ByteWriter()
    writeStateValue(writer, 'a long string value')
    const truncated = writer.result().subarray(0, 8)
    expect(() => readStateValue(new ByteReader(truncated))).toThrow(RangeError)
  })
})
