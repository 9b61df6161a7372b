import { describe, expect, it } from 'vitest'
import {
  ByteType, DecimalType, DoubleType, FloatType, IntegerType, LongType, ShortType, StringType,
} from '../types/data-type.js'
import { callScalar, scalarResultType, type TypedValue } from './function-test-support.js'

const d = (v: number | null): TypedValue => [v, DoubleType]
const i = (v: number | null): TypedValue => [v, IntegerType]
const l = (v: bigint | null): TypedValue => [v, LongType]

describe('math functions', () => {
  it('should round HALF_UP and bround HALF_EVEN on doubles (Spark docs: round(2.5) = 3, bround(2.5) = 2)', () => {
    expect(callScalar('round', [d(2.5), i(0)])).toBe(3)
    expect(callScalar('bround', [d(2.5), i(0)])).toBe(2)
    expect(callScalar('round', [d(-2.5)])).toBe(-3)
    expect(callScalar('round', [d(2.675), i(2)])).toBe(2.68)
    expect(callScalar('bround', [d(25), i(-1)])).toBe(20)
    expect(callScalar('round', [d(1.0e20), i(2)])).toBe(1.0e20)
    expect(callScalar('round', [d(NaN), i(2)])).toBeNaN()
  })

  it('should round integral types keeping their type and overflowing in ANSI mode (golden cases)', () => {
    expect(callScalar('round', [[25, ByteType], i(-1)])).toBe(30)
    expect(callScalar('round', [[25, ByteType], i(-2)])).toBe(0)
    expect(callScalar('round', [[525, ShortType], i(-1)])).toBe(530)
    expect(callScalar('round', [i(525), i(-1)])).toBe(530)
    expect(callScalar('round', [l(525n), i(-3)])).toBe(1000n)
    expect(callScalar('bround', [i(525), i(-1)])).toBe(520)
    expect(callScalar('bround', [[525, ShortType], i(-3)])).toBe(1000)
    expect(scalarResultType('round', [[25, ByteType], i(0)])).toEqual(ByteType)
    expect(() => callScalar('round', [[-128, ByteType], i(-1)])).toThrow(/ARITHMETIC_OVERFLOW/)
    expect(() => callScalar('round', [i(2147483647), i(-1)])).toThrow(/ARITHMETIC_OVERFLOW/)
    expect(() => callScalar('round', [l(9223372036854775807n), i(-1)])).toThrow(/ARITHMETIC_OVERFLOW/)
  })

  it('should round decimals to the reduced scale', () => {
    // round(123.456BD, 2) = 123.46 as decimal(6, 2)
    expect(callScalar('round', [[123456n, DecimalType(6, 3)], i(2)])).toBe(12346n)
    expect(scalarResultType('round', [[123456n, DecimalType(6, 3)], i(2)])).toEqual(DecimalType(6, 2))
    expect(callScalar('round', [[-125n, DecimalType(3, 2)], i(1)])).toBe(-13n)
    expect(callScalar('bround', [[-125n, DecimalType(3, 2)], i(1)])).toBe(-12n)
    expect(callScalar('round', [[12345n, DecimalType(5, 0)], i(-2)])).toBe(12300n)
  })

  it('should take ceil and floor as bigint (Spark docs: ceil(-0.1) = 0, floor(-0.1) = -1)', () => {
    expect(callScalar('ceil', [d(-0.1)])).toBe(0n)
    expect(callScalar('ceiling', [d(5.0)])).toBe(5n)
    expect(callScalar('floor', [d(-0.1)])).toBe(-1n)
    expect(callScalar('floor', [[-15n, DecimalType(2, 1)]])).toBe(-2n)
    expect(scalarResultType('ceil', [[15n, DecimalType(2, 1)]])).toEqual(DecimalType(2, 0))
  })

  it('should compute abs with ANSI overflow', () => {
    expect(callScalar('abs', [i(-1)])).toBe(1)
    expect(callScalar('abs', [d(-2.5)])).toBe(2.5)
    expect(() => callScalar('abs', [i(-2147483648)])).toThrow(/ARITHMETIC_OVERFLOW/)
    expect(callScalar('abs', [i(-2147483648)], { ansi: false })).toBe(-2147483648)
  })

  it('should compute logarithms, roots and powers with null at the asymptote (Spark docs)', () => {
    expect(callScalar('sqrt', [d(4)])).toBe(2)
    expect(callScalar('pow', [d(2), d(3)])).toBe(8)
    expect(callScalar('power', [d(2), d(3)])).toBe(8)
    expect(callScalar('exp', [d(0)])).toBe(1)
    expect(callScalar('ln', [d(1)])).toBe(0)
    expect(callScalar('ln', [d(0)])).toBeNull()
    expect(callScalar('log', [d(10), d(100)])).toBe(2)
    expect(callScalar('log10', [d(10)])).toBe(1)
    expect(callScalar('log2', [d(2)])).toBe(1)
    expect(callScalar('signum', [d(40)])).toBe(1)
    expect(callScalar('sign', [d(-40)])).toBe(-1)
    expect(callScalar('pi', [])).toBe(Math.PI)
    expect(callScalar('e', [])).toBe(Math.E)
  })

  it('should pick greatest and least skipping nulls (Spark docs: greatest(10, 9, 2, 4, 3) = 10)', () => {
    expect(callScalar('greatest', [i(10), i(9), i(2), i(4), i(3)])).toBe(10)
    expect(callScalar('least', [i(10), i(9), i(2), i(4), i(3)])).toBe(2)
    expect(callScalar('greatest', [i(null), i(1)])).toBe(1)
    expect(callScalar('greatest', [i(null), i(null)])).toBeNull()
    expect(scalarResultType('greatest', [i(1), d(2)])).toEqual(DoubleType)
    expect(callScalar('greatest', [d(1), d(NaN)])).toBeNaN()
    expect(() => callScalar('greatest', [i(1), [[1], { kind: 'array', elementType: IntegerType, containsNull: true }]])).toThrow(/DATA_DIFF_TYPES/)
  })

  it('should compute mod and pmod with DIVIDE_BY_ZERO in ANSI mode (Spark docs: pmod(-10, 3) = 2)', () => {
    expect(callScalar('pmod', [i(10), i(3)])).toBe(1)
    expect(callScalar('pmod', [i(-10), i(3)])).toBe(2)
    expect(callScalar('mod', [i(-10), i(3)])).toBe(-1)
    expect(callScalar('mod', [d(2), d(1.8)])).toBeCloseTo(0.2, 12)
    expect(() => callScalar('mod', [i(1), i(0)])).toThrow(/DIVIDE_BY_ZERO/)
    expect(callScalar('pmod', [i(1), i(0)], { ansi: false })).toBeNull()
  })

  it('should give reproducible seeded random numbers in [0, 1)', () => {
    const a = callScalar('rand', [l(42n)]) as number
    expect(callScalar('rand', [l(42n)])).toBe(a)
    expect(a).toBeGreaterThanOrEqual(0)
    expect(a).toBeLessThan(1)
  })

  it('should convert bases (golden cases and Spark docs)', () => {
    expect(callScalar('conv', [[`100`, StringType], i(2), i(10)])).toBe('4')
    expect(callScalar('conv', [[`-10`, StringType], i(16), i(-10)])).toBe('-16')
    expect(callScalar('conv', [[`9223372036854775808`, StringType], i(10), i(16)])).toBe('8000000000000000')
    expect(() => callScalar('conv', [[`-9223372036854775807`, StringType], i(36), i(10)])).toThrow(/ARITHMETIC_OVERFLOW/)
    expect(callScalar('bin', [l(25n)])).toBe('11001')
    expect(callScalar('bin', [l(-1n)])).toBe('1'.repeat(64))
    expect(callScalar('factorial', [i(5)])).toBe(120n)
    expect(callScalar('positive', [l(-25n)])).toBe(-25n)
    expect(scalarResultType('positive', [['25.5', StringType]])).toEqual(DoubleType)
    expect(scalarResultType('round', [[1.5, FloatType]])).toEqual(FloatType)
  })
})

describe('rand', () => {
  it('should reproduce Spark\'s sequences (Spark docs: rand(0) = 0.7604953758285915, randn(0) = 1.6034991609278433)', () => {
    expect(callScalar('rand', [[0n, LongType]])).toBe(0.7604953758285915)
    expect(callScalar('randn', [[0n, LongType]])).toBe(1.6034991609278433)
  })
})

describe('round on doubles', () => {
  it('should agree between the fast path and exact decimal rounding', () => {
    expect(callScalar('round', [d(-0.04), i(1)])).toBe(0)
    expect(Object.is(callScalar('round', [d(-0.04), i(1)]), 0)).toBe(true)
    expect(callScalar('round', [d(-1.25), i(1)])).toBe(-1.3)
    expect(callScalar('bround', [d(-1.25), i(1)])).toBe(-1.2)
    expect(callScalar('round', [d(123456.789), i(2)])).toBe(123456.79)
    expect(callScalar('round', [d(0.1 + 0.2), i(15)])).toBe(0.3)
    expect(callScalar('round', [d(1e300), i(2)])).toBe(1e300)
  })
})

describe('try arithmetic', () => {
  it('should give null instead of overflow and division errors (Spark docs: try_divide(1, 0) = NULL, try_add(2147483647, 1) = NULL)', () => {
    expect(callScalar('try_divide', [i(3), i(2)])).toBe(1.5)
    expect(callScalar('try_divide', [i(1), i(0)])).toBeNull()
    expect(callScalar('try_add', [i(1), i(2)])).toBe(3)
    expect(callScalar('try_add', [i(2147483647), i(1)])).toBeNull()
    expect(callScalar('try_subtract', [l(-(2n ** 63n)), l(1n)])).toBeNull()
    expect(callScalar('try_multiply', [i(-2147483648), i(-1)])).toBeNull()
    expect(callScalar('try_mod', [i(3), i(0)])).toBeNull()
    expect(callScalar('try_to_timestamp', [['not a time', StringType], ['yyyy-MM-dd', StringType]])).toBeNull()
  })
})
