import { describe, expect, it } from 'vitest'
import { ArrayType, BooleanType, DoubleType, IntegerType, LongType, NullType, StringType } from '../types/data-type.js'
import { callScalar, scalarResultType, type TypedValue } from './function-test-support.js'

const i = (v: number | null): TypedValue => [v, IntegerType]
const d = (v: number | null): TypedValue => [v, DoubleType]
const b = (v: boolean | null): TypedValue => [v, BooleanType]
const NULL: TypedValue = [null, NullType]

describe('conditional functions', () => {
  it('should return the first non-null value in the common type (Spark docs: coalesce(NULL, 1, NULL) = 1)', () => {
    expect(callScalar('coalesce', [NULL, i(1), NULL])).toBe(1)
    expect(callScalar('coalesce', [i(null), i(null)])).toBeNull()
    expect(scalarResultType('coalesce', [NULL, i(1), d(2)])).toEqual(DoubleType)
    expect(scalarResultType('coalesce', [i(1), [1n, LongType]])).toEqual(LongType)
    expect(callScalar('nvl', [NULL, [['2'], ArrayType(StringType)]])).toEqual(['2'])
    expect(callScalar('ifnull', [i(null), i(2)])).toBe(2)
    expect(callScalar('nvl2', [NULL, i(2), i(1)])).toBe(1)
    expect(callScalar('nvl2', [i(0), i(2), i(1)])).toBe(2)
  })

  it('should null out equal values with nullif (Spark docs: nullif(2, 2) = NULL)', () => {
    expect(callScalar('nullif', [i(2), i(2)])).toBeNull()
    expect(callScalar('nullif', [i(2), i(3)])).toBe(2)
    expect(callScalar('nullif', [i(null), i(3)])).toBeNull()
  })

  it('should choose with if, null conditions taking the else branch', () => {
    expect(callScalar('if', [b(true), i(1), i(2)])).toBe(1)
    expect(callScalar('if', [b(false), i(1), i(2)])).toBe(2)
    expect(callScalar('if', [b(null), i(1), i(2)])).toBe(2)
    expect(() => callScalar('if', [i(1), i(1), i(2)])).toThrow(/UNEXPECTED_INPUT_TYPE/)
  })

  it('should test nulls and NaN (Spark docs: isnan(cast(NaN as double)) = true, nanvl(NaN, 123.0) = 123.0)', () => {
    expect(callScalar('isnull', [i(1)])).toBe(false)
    expect(callScalar('isnull', [i(null)])).toBe(true)
    expect(callScalar('isnotnull', [i(1)])).toBe(true)
    expect(callScalar('isnan', [d(NaN)])).toBe(true)
    expect(callScalar('isnan', [d(null)])).toBe(false)
    expect(callScalar('nanvl', [d(NaN), d(123)])).toBe(123)
    expect(callScalar('nanvl', [d(1), d(123)])).toBe(1)
    expect(callScalar('equal_null', [i(null), i(null)])).toBe(true)
    expect(callScalar('equal_null', [i(1), i(null)])).toBe(false)
    expect(callScalar('zeroifnull', [i(null)])).toBe(0)
    expect(callScalar('nullifzero', [i(0)])).toBeNull()
  })

  it('should raise USER_RAISED_EXCEPTION from assert_true and raise_error', () => {
    expect(callScalar('assert_true', [b(true)])).toBeNull()
    expect(() => callScalar('assert_true', [b(false)])).toThrow(/USER_RAISED_EXCEPTION/)
    expect(() => callScalar('raise_error', [['custom', StringType]])).toThrow(/custom/)
  })
})
