import { describe, expect, it } from 'vitest'
import { BooleanType, DecimalType, DoubleType, IntegerType, LongType, StringType } from '../types/data-type.js'
import { runAggregate } from './function-test-support.js'

const ints = (...values: (number | null)[]): unknown[][] => values.map((v) => [v === null ? null : BigInt(v)])
const doubles = (...values: (number | null)[]): unknown[][] => values.map((v) => [v])

describe('aggregate functions', () => {
  it('should count rows for count(1) and non-null values for count(x)', () => {
    expect(runAggregate('count', [IntegerType], [[1], [1], [1]])).toMatchObject({ single: 3n, merged: 3n })
    expect(runAggregate('count', [IntegerType], [[1], [null], [3]])).toMatchObject({ single: 2n, merged: 2n })
    expect(runAggregate('count', [IntegerType], [])).toMatchObject({ single: 0n, merged: 0n })
  })

  it('should count distinct values with distinct=true', () => {
    const r = runAggregate('count', [IntegerType], [[1], [2], [1], [null], [2], [3]], { distinct: true })
    expect(r).toMatchObject({ single: 3n, merged: 3n })
  })

  it('should sum integers into a bigint and return null for no input', () => {
    expect(runAggregate('sum', [IntegerType], ints(1, 2, null, 4))).toEqual({ single: 7n, merged: 7n, dataType: LongType })
    expect(runAggregate('sum', [IntegerType], ints(null, null)).single).toBeNull()
    expect(runAggregate('sum', [IntegerType], ints(1, 1, 2), { distinct: true }).single).toBe(3n)
  })

  it('should raise ARITHMETIC_OVERFLOW on bigint overflow in ANSI mode and wrap otherwise', () => {
    const rows = [[2n ** 63n - 1n], [1n]]
    expect(() => runAggregate('sum', [LongType], rows)).toThrow(/ARITHMETIC_OVERFLOW/)
    expect(runAggregate('sum', [LongType], rows, { context: { ansi: false } }).single).toBe(-(2n ** 63n))
  })

  it('should sum decimals into decimal(p+10, s)', () => {
    const r = runAggregate('sum', [DecimalType(5, 2)], [[125n], [250n], [null]])
    expect(r).toEqual({ single: 375n, merged: 375n, dataType: DecimalType(15, 2) })
  })

  it('should average to a double, and decimals to decimal(p+4, s+4) rounded half up', () => {
    expect(runAggregate('avg', [IntegerType], ints(1, 2, null, 4))).toMatchObject({ single: 7 / 3, merged: 7 / 3 })
    // avg of 1.00, 2.00, 2.00 = 1.666666..., at scale 6: 1.666667
    const r = runAggregate('avg', [DecimalType(5, 2)], [[100n], [200n], [200n]])
    expect(r).toEqual({ single: 1666667n, merged: 1666667n, dataType: DecimalType(9, 6) })
    expect(runAggregate('mean', [DoubleType], doubles(null)).single).toBeNull()
  })

  it('should find min and max of numbers, strings, and NaN as the largest double', () => {
    expect(runAggregate('max', [DoubleType], doubles(1, NaN, 3))).toMatchObject({ single: NaN, merged: NaN })
    expect(runAggregate('min', [DoubleType], doubles(1, NaN, null, -3))).toMatchObject({ single: -3, merged: -3 })
    expect(runAggregate('max', [StringType], [['apple'], ['pear'], ['banana']]).single).toBe('pear')
    expect(runAggregate('min', [StringType], [[null]]).single).toBeNull()
  })

  it('should pick first and last values, skipping nulls with ignoreNulls', () => {
    const rows = [[null, true], [5, true], [7, true], [null, true]]
    expect(runAggregate('first', [IntegerType], rows.map((r) => [r[0]])).single).toBeNull()
    expect(runAggregate('first', [IntegerType, BooleanType], rows, { constants: [undefined, true] })).toMatchObject({ single: 5, merged: 5 })
    expect(runAggregate('last', [IntegerType, BooleanType], rows, { constants: [undefined, true] })).toMatchObject({ single: 7, merged: 7 })
  })

  it('should collect lists and sets without nulls', () => {
    expect(runAggregate('collect_list', [IntegerType], [[1], [2], [null], [1]])).toMatchObject({ single: [1, 2, 1], merged: [1, 2, 1] })
    expect(runAggregate('collect_set', [IntegerType], [[1], [2], [null], [1]])).toMatchObject({ single: [1, 2], merged: [1, 2] })
  })

  it('should compute sample and population statistics (Spark docs: var_samp(1,2,3) = 1.0)', () => {
    expect(runAggregate('var_samp', [DoubleType], doubles(1, 2, 3))).toMatchObject({ single: 1, merged: 1 })
    expect(runAggregate('var_pop', [DoubleType], doubles(1, 2, 3)).single).toBeCloseTo(2 / 3, 12)
    expect(runAggregate('stddev_samp', [DoubleType], doubles(1, 2, 3)).merged).toBeCloseTo(1, 12)
    expect(runAggregate('stddev_pop', [DoubleType], doubles(1, 2, 3)).merged).toBeCloseTo(0.816496580927726, 12)
    expect(runAggregate('stddev', [DoubleType], doubles(1)).single).toBeNull()
    expect(runAggregate('stddev_pop', [DoubleType], doubles(1)).single).toBe(0)
    expect(runAggregate('variance', [DoubleType], doubles()).single).toBeNull()
  })

  it('should fold booleans with bool_and / bool_or and count_if', () => {
    const rows = [[true], [false], [null]]
    expect(runAggregate('bool_and', [BooleanType], rows).single).toBe(false)
    expect(runAggregate('bool_or', [BooleanType], rows).single).toBe(true)
    expect(runAggregate('every', [BooleanType], [[true], [null]]).single).toBe(true)
    expect(runAggregate('count_if', [BooleanType], rows)).toMatchObject({ single: 1n, merged: 1n })
  })

  it('should pick the value of the extreme ordering with max_by and min_by (Spark docs)', () => {
    const rows = [['a', 10], ['b', 50], ['c', 20]]
    expect(runAggregate('max_by', [StringType, IntegerType], rows)).toMatchObject({ single: 'b', merged: 'b' })
    expect(runAggregate('min_by', [StringType, IntegerType], rows)).toMatchObject({ single: 'a', merged: 'a' })
  })

  it('should count distinct values approximately, exactly for small sets and within 5% beyond', () => {
    expect(runAggregate('approx_count_distinct', [IntegerType], [[1], [2], [1], [null]])).toMatchObject({ single: 2n, merged: 2n })
    const rows = Array.from({ length: 20_000 }, (_, i) => [i % 10_000])
    const r = runAggregate('approx_count_distinct', [IntegerType], rows)
    expect(r.single).toBe(r.merged)
    expect(Math.abs(Number(r.single) - 10_000) / 10_000).toBeLessThan(0.1)
  })
})

describe('percentile aggregates', () => {
  it('should pick ranks with percentile_approx (Spark docs: percentile_approx(col, array(0.5, 0.4, 0.1), 100) over 0, 1, 2, 10 = [1, 1, 0])', () => {
    const rows = [[0], [1], [2], [10]]
    expect(runAggregate('percentile_approx', [IntegerType, { kind: 'array', elementType: DoubleType, containsNull: false }], rows, { constants: [undefined, [0.5, 0.4, 0.1]] }))
      .toMatchObject({ single: [1, 1, 0], merged: [1, 1, 0] })
    expect(runAggregate('percentile_approx', [IntegerType, DoubleType], rows, { constants: [undefined, 0.5] }).single).toBe(1)
  })

  it('should interpolate exact percentiles and medians (Spark docs: percentile(col, 0.3) over 0, 10 = 3.0; median(0, 10) = 5.0)', () => {
    expect(runAggregate('percentile', [IntegerType, DoubleType], [[0], [10]], { constants: [undefined, 0.3] })).toMatchObject({ single: 3, merged: 3 })
    expect(runAggregate('median', [IntegerType], [[0], [10]])).toMatchObject({ single: 5, merged: 5 })
    expect(runAggregate('median', [IntegerType], [[null]]).single).toBeNull()
  })
})

describe('more aggregates', () => {
  const pairs = [[1, 2], [2, 4], [3, 5], [null, 1], [4, 9]]
  it('should compute covariances and correlation exactly across partial buffers', () => {
    // x = 1,2,3,4 (mean 2.5), y = 2,4,5,9 (mean 5): sum of products of deviations = 4.5 + 0.5 + 0 + 6 = 11
    expect(runAggregate('covar_pop', [DoubleType, DoubleType], pairs).merged).toBeCloseTo(11 / 4, 12)
    expect(runAggregate('covar_samp', [DoubleType, DoubleType], pairs).merged).toBeCloseTo(11 / 3, 12)
    // corr = 11 / sqrt(5 * 26)
    const r = runAggregate('corr', [DoubleType, DoubleType], pairs)
    expect(r.single).toBeCloseTo(11 / Math.sqrt(5 * 26), 12)
    expect(r.merged).toBeCloseTo(11 / Math.sqrt(5 * 26), 12)
    expect(runAggregate('covar_samp', [DoubleType, DoubleType], [[1, 2]]).single).toBeNull()
  })

  it('should compute skewness and kurtosis (Spark docs: skewness(-10, -20, 100, 1000) = 1.1135657469022011, kurtosis(-10, -20, 100, 1000) = -0.7014368047529627)', () => {
    const rows = [[-10], [-20], [100], [1000]]
    expect(runAggregate('skewness', [DoubleType], rows).merged).toBeCloseTo(1.1135657469022011, 10)
    expect(runAggregate('kurtosis', [DoubleType], rows).merged).toBeCloseTo(-0.7014368047529627, 10)
  })

  it('should fold products, bits and the mode (Spark docs: bit_xor(3, 5) = 6, mode(0, 10, 10) = 10)', () => {
    expect(runAggregate('product', [DoubleType], [[2], [3], [null], [4]])).toMatchObject({ single: 24, merged: 24 })
    expect(runAggregate('bit_and', [IntegerType], [[3], [5]]).merged).toBe(1)
    expect(runAggregate('bit_or', [IntegerType], [[3], [5]]).merged).toBe(7)
    expect(runAggregate('bit_xor', [IntegerType], [[3], [5]]).merged).toBe(6)
    expect(runAggregate('mode', [IntegerType], [[0], [10], [10]])).toMatchObject({ single: 10, merged: 10 })
  })
})

describe('aggregate constants from SQL', () => {
  it('should read decimal literals (SQL 0.5 is DECIMAL(1,1) 5n) as percentages and relative errors', () => {
    const rows = [[0], [1], [2], [10]]
    expect(runAggregate('percentile_approx', [IntegerType, DecimalType(1, 1)], rows, { constants: [undefined, 5n] }).single).toBe(1)
    expect(runAggregate('percentile', [IntegerType, DecimalType(1, 1)], [[0], [10]], { constants: [undefined, 3n] }).single).toBe(3)
    expect(runAggregate('approx_count_distinct', [IntegerType, DecimalType(2, 2)], rows, { constants: [undefined, 5n] }).single).toBe(4n)
  })
})
