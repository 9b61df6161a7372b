import { describe, expect, it } from 'vitest'
import {
  ArrayType, BooleanType, ByteType, DoubleType, IntegerType, MapType, NullType, StringType,
} from '../types/data-type.js'
import { callScalar, scalarResultType, type TypedValue } from './function-test-support.js'

const i = (v: number | null): TypedValue => [v, IntegerType]
const s = (v: string | null): TypedValue => [v, StringType]
const ints = (...v: (number | null)[]): TypedValue => [v, ArrayType(IntegerType)]
const strs = (...v: (string | null)[]): TypedValue => [v, ArrayType(StringType)]

describe('collection functions', () => {
  it('should build arrays and test membership (Spark docs: array_contains(array(1, 2, 3), 2) = true)', () => {
    expect(callScalar('array', [i(1), i(2), i(3)])).toEqual([1, 2, 3])
    expect(scalarResultType('array', [i(1), [2.5, DoubleType]])).toEqual(ArrayType(DoubleType))
    expect(callScalar('array_contains', [ints(1, 2, 3), i(2)])).toBe(true)
    expect(callScalar('array_contains', [ints(1, null), i(2)])).toBeNull()
    expect(callScalar('array_contains', [ints(1, 3), i(2)])).toBe(false)
  })

  it('should size arrays and maps, null in ANSI mode and -1 in legacy mode', () => {
    expect(callScalar('size', [strs('b', 'd', 'c', 'a')])).toBe(4)
    expect(callScalar('cardinality', [[new Map([['a', 1], ['b', 2]]), MapType(StringType, IntegerType)]])).toBe(2)
    expect(callScalar('size', [[null, ArrayType(IntegerType)]])).toBeNull()
    expect(callScalar('size', [[null, ArrayType(IntegerType)]], { ansi: false })).toBe(-1)
    expect(callScalar('array_size', [[[true], ArrayType(BooleanType)]])).toBe(1)
  })

  it('should index with element_at and get (golden cases)', () => {
    expect(callScalar('element_at', [ints(1, 2, 3), i(2)])).toBe(2)
    expect(callScalar('element_at', [ints(1, 2, 3), i(-1)])).toBe(3)
    expect(() => callScalar('element_at', [ints(1, 2, 3), i(-5)])).toThrow(/INVALID_ARRAY_INDEX_IN_ELEMENT_AT/)
    expect(() => callScalar('element_at', [ints(1, 2, 3), i(0)])).toThrow(/INVALID_INDEX_OF_ZERO/)
    expect(callScalar('element_at', [ints(1, 2, 3), i(5)], { ansi: false })).toBeNull()
    expect(callScalar('try_element_at', [ints(1, 2, 3), i(5)])).toBeNull()
    expect(callScalar('element_at', [[new Map([[1, 'a'], [2, 'b']]), MapType(IntegerType, StringType)], i(2)])).toBe('b')
    expect(callScalar('get', [ints(1, 2, 3), i(3)])).toBeNull()
    expect(callScalar('get', [ints(1, 2, 3), i(0)])).toBe(1)
  })

  it('should sort, dedupe and join arrays (Spark docs and golden cases)', () => {
    expect(callScalar('sort_array', [strs('b', 'd', null, 'c', 'a'), [true, BooleanType]])).toEqual([null, 'a', 'b', 'c', 'd'])
    expect(callScalar('sort_array', [strs('b', 'd', null, 'c', 'a'), [false, BooleanType]])).toEqual(['d', 'c', 'b', 'a', null])
    expect(callScalar('sort_array', [strs('b', 'd'), [null, BooleanType]])).toBeNull()
    expect(() => callScalar('sort_array', [strs('b', 'd'), s('1')])).toThrow(/UNEXPECTED_INPUT_TYPE/)
    expect(callScalar('array_sort', [ints(5, null, 1)])).toEqual([1, 5, null])
    expect(callScalar('array_distinct', [ints(1, 2, 3, null, 3)])).toEqual([1, 2, 3, null])
    expect(callScalar('array_distinct', [[[0.0, -0.0, -0.0, NaN, NaN], ArrayType(DoubleType)]])).toEqual([0, NaN])
    expect(callScalar('array_join', [strs('hello', null, 'world'), s(' ')])).toBe('hello world')
    expect(callScalar('array_join', [strs('hello', null, 'world'), s(' '), s(',')])).toBe('hello , world')
    expect(callScalar('array_max', [ints(1, 20, null, 3)])).toBe(20)
    expect(callScalar('array_min', [ints(1, 20, null, 3)])).toBe(1)
    expect(callScalar('array_position', [ints(3, 2, 1), i(1)])).toBe(3n)
    expect(callScalar('array_remove', [ints(1, 2, 3, null, 3), i(3)])).toEqual([1, 2, null])
  })

  it('should combine arrays as sets (Spark docs)', () => {
    expect(callScalar('array_union', [ints(1, 2, 3), ints(1, 3, 5)])).toEqual([1, 2, 3, 5])
    expect(callScalar('array_intersect', [ints(1, 2, 3), ints(1, 3, 5)])).toEqual([1, 3])
    expect(callScalar('array_except', [ints(1, 2, 3), ints(1, 3, 5)])).toEqual([2])
    expect(callScalar('arrays_overlap', [ints(1, 2, 3), ints(3, 4, 5)])).toBe(true)
    expect(callScalar('arrays_overlap', [ints(1, null), ints(3)])).toBeNull()
  })

  it('should append, prepend, compact and insert (golden cases)', () => {
    expect(callScalar('array_append', [ints(1, 2, 3), i(4)])).toEqual([1, 2, 3, 4])
    expect(callScalar('array_append', [[null, ArrayType(StringType)], s('a')])).toBeNull()
    expect(callScalar('array_prepend', [strs('a', 'b', 'c'), s('d')])).toEqual(['d', 'a', 'b', 'c'])
    expect(callScalar('array_compact', [[[1, null, 2, null], ArrayType(DoubleType)]])).toEqual([1, 2])
    expect(callScalar('array_insert', [ints(1, 2, 3), i(3), i(4)])).toEqual([1, 2, 4, 3])
    expect(callScalar('array_insert', [ints(2, 3, 4), i(1), i(1)])).toEqual([1, 2, 3, 4])
    expect(callScalar('array_insert', [ints(2, 3, null, 4), i(-5), i(1)])).toEqual([1, 2, 3, null, 4])
    expect(callScalar('array_insert', [ints(1), i(2), [2, ByteType]])).toEqual([1, 2])
    expect(callScalar('array_insert', [ints(1, 2, 3, null), i(null), i(4)])).toBeNull()
    expect(() => callScalar('array_insert', [ints(2, 3, 4), i(0), i(1)])).toThrow(/INVALID_INDEX_OF_ZERO/)
    expect(() => callScalar('array_insert', [ints(1, 2, 3), i(3), s('4')])).toThrow(/ARRAY_FUNCTION_DIFF_TYPES/)
  })

  it('should zip, flatten, slice and sequence (Spark docs)', () => {
    expect(callScalar('arrays_zip', [ints(1, 2, 3), ints(4)])).toEqual([[1, 4], [2, null], [3, null]])
    expect(callScalar('arrays_zip', [ints(1), [null, ArrayType(IntegerType)]])).toBeNull()
    expect(callScalar('flatten', [[[[1, 2], [3, 4]], ArrayType(ArrayType(IntegerType))]])).toEqual([1, 2, 3, 4])
    expect(callScalar('slice', [ints(1, 2, 3, 4), i(2), i(2)])).toEqual([2, 3])
    expect(callScalar('slice', [ints(1, 2, 3, 4), i(-2), i(2)])).toEqual([3, 4])
    expect(callScalar('sequence', [i(1), i(5)])).toEqual([1, 2, 3, 4, 5])
    expect(callScalar('sequence', [i(5), i(1)])).toEqual([5, 4, 3, 2, 1])
  })

  it('should build and read maps (Spark docs), refusing null and duplicate keys', () => {
    const m = callScalar('map', [i(1), s('a'), i(2), s('b')]) as Map<unknown, unknown>
    expect([...m]).toEqual([[1, 'a'], [2, 'b']])
    expect(() => callScalar('map', [i(1), s('a'), i(1), s('b')])).toThrow(/DUPLICATED_MAP_KEY/)
    expect(() => callScalar('map', [[null, NullType], s('a')])).toThrow(/NULL_MAP_KEY/)
    const mapValue: TypedValue = [m, MapType(IntegerType, StringType)]
    expect(callScalar('map_keys', [mapValue])).toEqual([1, 2])
    expect(callScalar('map_values', [mapValue])).toEqual(['a', 'b'])
    expect(callScalar('map_entries', [mapValue])).toEqual([[1, 'a'], [2, 'b']])
    expect(callScalar('map_contains_key', [mapValue, i(1)])).toBe(true)
    expect([...(callScalar('map_from_arrays', [ints(1, 2), strs('x', 'y')]) as Map<unknown, unknown>)]).toEqual([[1, 'x'], [2, 'y']])
  })

  it('should build structs, named_struct taking constant names', () => {
    expect(callScalar('struct', [i(1), s('a')])).toEqual([1, 'a'])
    const t = scalarResultType('named_struct', [s('a'), i(1), s('b'), s('x')])
    expect(t.kind === 'struct' && t.fields.map((f) => [f.name, f.dataType.kind])).toEqual([['a', 'integer'], ['b', 'string']])
    expect(callScalar('named_struct', [s('a'), i(1), s('b'), s('x')])).toEqual([1, 'x'])
  })
})
