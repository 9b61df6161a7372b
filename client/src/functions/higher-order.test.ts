import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../session/sluice.js'
import { MemoryStream } from '../testing/memory-stream.js'
import { testStream } from '../testing/stream-test.js'
import { addData, checkNewAnswer } from '../testing/stream-actions.js'
import { Column, col, lit } from '../column/index.js'
import {
  aggregate, array_sort, concat, exists, filter, forall, length, map_filter, map_zip_with, pow, reduce, transform, transform_keys,
  transform_values, upper, when, zip_with,
} from './index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('higher-order-functions-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

const values = () => spark.createDataFrame([{ key: 1, values: [1, 2, 3, 4] }], 'key INT, values ARRAY<INT>')

// Expected values: the examples of pyspark.sql.functions.<name> in PySpark's API reference.
describe('higher-order functions of the client, run by the embedded engine', () => {
  it('should transform with one- and two-parameter functions', async () => {
    const rows = await values().select(
      transform('values', (x) => x.multiply(2)).alias('doubled'),
      transform('values', (x, i) => when(i.mod(2).eq(0), x).otherwise(x.negate())).alias('alternated'),
    ).collect()
    expect(rows).toEqual([{ doubled: [2, 4, 6, 8], alternated: [1, -2, 3, -4] }])
  })

  it('should filter, exists and forall', async () => {
    const df = spark.createDataFrame([
      { key: 1, values: [1.0, 2.0, 2.5] }, { key: 2, values: [-2.0, -1.0, 5.0] }, { key: 3, values: [3.0, 4.0, null] },
    ], 'key INT, values ARRAY<DOUBLE>')
    const rows = await df.select(
      col('key'),
      filter('values', (x) => x.gt(0)).alias('positive'),
      exists('values', (x) => x.lt(0)).alias('any_negative'),
      forall('values', (x) => x.gt(0)).alias('all_positive'),
    ).orderBy('key').collect()
    expect(rows).toEqual([
      { key: 1, positive: [1.0, 2.0, 2.5], any_negative: false, all_positive: true },
      { key: 2, positive: [5.0], any_negative: true, all_positive: false },
      // null > 0 is null: exists finds no true but a null (three-valued), forall no false but a null.
      { key: 3, positive: [3.0, 4.0], any_negative: null, all_positive: null },
    ])
  })

  it('should read the legacy session confs of exists and array_sort', async () => {
    const df = spark.createDataFrame([{ xs: [1, null, 3] }], 'xs ARRAY<INT>')
    const oddFirst = (l: Column, r: Column) => when(l.mod(2).eq(r.mod(2)), lit(0)).otherwise(lit(null).cast('int'))
    expect(await df.select(exists('xs', (x) => x.mod(2).eq(0)).alias('e')).collect()).toEqual([{ e: null }])
    await expect(df.select(array_sort('xs', oddFirst)).collect()).rejects.toThrow(/COMPARATOR_RETURNS_NULL/)
    spark.conf.set('spark.sql.legacy.followThreeValuedLogicInArrayExists', 'false')
    spark.conf.set('spark.sql.legacy.allowNullComparisonResultInArraySort', 'true')
    try {
      expect(await df.select(exists('xs', (x) => x.mod(2).eq(0)).alias('e')).collect()).toEqual([{ e: false }])
      // null comparisons count as "equal": the stable sort keeps the order.
      expect(await df.select(array_sort('xs', oddFirst).alias('s')).collect()).toEqual([{ s: [1, null, 3] }])
    } finally {
      spark.conf.unset('spark.sql.legacy.followThreeValuedLogicInArrayExists')
      spark.conf.unset('spark.sql.legacy.allowNullComparisonResultInArraySort')
    }
  })

  it('should aggregate and reduce, with and without a finish function', async () => {
    const df = spark.createDataFrame([{ id: 1, values: [20.0, 4.0, 2.0, 6.0, 10.0] }], 'id INT, values ARRAY<DOUBLE>')
    const rows = await df.select(
      // JavaScript's 0.0 is the INT literal 0; the zero must have the merge's type (DOUBLE).
      aggregate('values', lit(0).cast('double'), (acc, x) => acc.plus(x)).alias('sum'),
      reduce('values', lit(0).cast('double'), (acc, x) => acc.plus(x)).alias('also_sum'),
      aggregate('values', lit(0).cast('double'), (acc, x) => acc.plus(x), (acc) => acc.divide(5)).alias('mean'),
    ).collect()
    expect(rows).toEqual([{ sum: 42.0, also_sum: 42.0, mean: 8.4 }])
    // An INT zero with a DOUBLE merge fails analysis, as in Spark.
    await expect(df.select(aggregate('values', lit(0), (acc, x) => acc.plus(x))).collect())
      .rejects.toThrow(/DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE/)
  })

  it('should zip arrays and sort with a comparator', async () => {
    const df = spark.createDataFrame([{ id: 1, xs: [1, 3, 5, 8], ys: [0, 2, 4, 6] }], 'id INT, xs ARRAY<INT>, ys ARRAY<INT>')
    expect(await df.select(zip_with('xs', 'ys', (x, y) => pow(x.plus(y), 2)).alias('powers')).collect())
      .toEqual([{ powers: [1.0, 25.0, 81.0, 196.0] }])
    const words = spark.createDataFrame([{ data: ['foo', 'foobar', null, 'bar'] }], 'data ARRAY<STRING>')
    const sorted = await words.select(array_sort('data',
      (x, y) => when(x.isNull().or(y.isNull()), lit(0)).otherwise(length(y).minus(length(x)))).alias('r')).collect()
    expect(sorted).toEqual([{ r: ['foobar', 'foo', null, 'bar'] }])
    expect(await words.select(array_sort('data').alias('r')).collect()).toEqual([{ r: ['bar', 'foo', 'foobar', null] }])
  })

  it('should filter and transform maps', async () => {
    const df = spark.createDataFrame([{ id: 1, data: new Map([['foo', 42.0], ['bar', 1.0], ['baz', 32.0]]) }], 'id INT, data MAP<STRING, DOUBLE>')
    const [row] = await df.select(
      map_filter('data', (_, v) => v.gt(30.0)).alias('big'),
      transform_keys('data', (k, _v) => upper(k)).alias('upper_keys'),
      transform_values('data', (k, v) => when(k.isin('foo', 'bar'), v.plus(10.0)).otherwise(v)).alias('new'),
    ).collect()
    expect([...(row!['big'] as Map<string, number>)]).toEqual([['foo', 42.0], ['baz', 32.0]])
    expect([...(row!['upper_keys'] as Map<string, number>)]).toEqual([['FOO', 42.0], ['BAR', 1.0], ['BAZ', 32.0]])
    expect([...(row!['new'] as Map<string, number>)]).toEqual([['foo', 52.0], ['bar', 11.0], ['baz', 32.0]])
  })

  it('should merge two maps by key', async () => {
    const df = spark.createDataFrame([{ id: 1, base: new Map([['IT', 10.0], ['SALES', 2.0], ['OPS', 24.0]]), ratio: new Map([['SALES', 12.0], ['IT', 2.0]]) }],
      'id INT, base MAP<STRING, DOUBLE>, ratio MAP<STRING, DOUBLE>')
    const [row] = await df.select(map_zip_with('base', 'ratio', (k, v1, v2) => v1.multiply(v2)).alias('updated')).collect()
    // SALES 2*12, IT 10*2, OPS 24*null (the key is missing from `ratio`).
    expect([...(row!['updated'] as Map<string, number | null>)]).toEqual([['IT', 20.0], ['SALES', 24.0], ['OPS', null]])
  })

  it('should let a lambda variable shadow a column and use outer ones, also in SQL', async () => {
    const df = spark.createDataFrame([{ x: 100, xs: [1, 2] }], 'x INT, xs ARRAY<INT>')
    expect(await df.selectExpr('transform(xs, x -> x + 1) AS a', 'transform(xs, y -> y + x) AS b').collect())
      .toEqual([{ a: [2, 3], b: [101, 102] }])
    expect(await df.select(transform('xs', (v) => v.plus(col('x'))).alias('c')).collect()).toEqual([{ c: [101, 102] }])
    df.createOrReplaceTempView('lambda_view')
    expect(await spark.sql("SELECT aggregate(xs, 0, (acc, v) -> acc + v + x) AS total, concat_ws('-', transform(xs, v -> cast(v AS STRING))) AS joined FROM lambda_view").collect())
      .toEqual([{ total: 203, joined: '1-2' }])
  })

  it("should name an unaliased column as Spark prints the lambda", async () => {
    const df = values().select(transform('values', (x) => x.plus(1)))
    expect(await df.columns()).toEqual(['transform(values, lambdafunction((namedlambdavariable() + 1), namedlambdavariable()))'])
    expect(await df.collect()).toEqual([{ 'transform(values, lambdafunction((namedlambdavariable() + 1), namedlambdavariable()))': [2, 3, 4, 5] }])
  })

  it('should build plain data and refuse functions of the wrong shape', () => {
    const c = transform('values', (x) => concat(x, lit('!')))
    expect(JSON.parse(JSON.stringify(c.expr)).args[1].kind).toBe('LambdaFunction')
    expect(() => transform('values', (() => lit(1)) as never)).toThrow(/WRONG_NUM_ARGS_FOR_HIGHER_ORDER_FUNCTION/)
    expect(() => transform('values', ((x: unknown) => String(x).length) as never)).toThrow(/HIGHER_ORDER_FUNCTION_SHOULD_RETURN_COLUMN/)
  })

  it('should run in a streaming query, batch by batch', async () => {
    const input = new MemoryStream('id INT, xs ARRAY<INT>')
    const query = input.toDF().select(col('id'), filter('xs', (x, i) => x.gt(i)).alias('kept'), aggregate('xs', lit(0), (acc, x) => acc.plus(x)).alias('sum'))
    await testStream(query, 'append', [
      addData(input, [1, [0, 5, 1]], [2, []]),
      checkNewAnswer([1, [5], 6], [2, [], 0]),
      addData(input, [3, [9, 9, 9]]),
      checkNewAnswer([3, [9, 9, 9], 27]),
    ])
  })
})
