import { describe, expect, it } from 'vitest'
import { parseExpression } from '../sql/expression-parser.js'
import { ArrayType, IntegerType, StringType, StructField, StructType } from '../types/data-type.js'
import { compileExpr } from './compile-expr.js'
import type { EvalContext } from './types.js'

const ctx: EvalContext = { ansi: true, timeZone: 'UTC', caseSensitive: false, currentTimestampMicros: 0 }
const schema = StructType([StructField('x', IntegerType), StructField('a', ArrayType(IntegerType, true)), StructField('s', StringType)])
const row = [100, [1, 2, 3], 'z']

const compile = (sql: string, context: EvalContext = ctx) => compileExpr(parseExpression(sql), schema, context)
const evaluate = (sql: string, context: EvalContext = ctx): unknown => compile(sql, context).eval(row)
const entries = (sql: string, context: EvalContext = ctx): unknown => [...(evaluate(sql, context) as Map<unknown, unknown>)]
const errorClassOf = (run: () => unknown): string | undefined => {
  try { run() } catch (error) { return (error as { errorClass?: string }).errorClass }
  return undefined
}

// Expected values: the examples of each function's ExpressionDescription in Spark's
// catalyst expressions/higherOrderFunctions.scala (also `DESCRIBE FUNCTION EXTENDED`).
describe('higher-order functions, per the examples of Spark\'s function docs', () => {
  it('should transform elements, with the index as second variable', () => {
    expect(evaluate('transform(array(1, 2, 3), x -> x + 1)')).toEqual([2, 3, 4])
    expect(evaluate('transform(array(1, 2, 3), (x, i) -> x + i)')).toEqual([1, 3, 5])
  })

  it('should filter elements, with the index as second variable', () => {
    expect(evaluate('filter(array(1, 2, 3), x -> x % 2 == 1)')).toEqual([1, 3])
    expect(evaluate('filter(array(0, 2, 3), (x, i) -> x > i)')).toEqual([2, 3])
    expect(evaluate('filter(array(0, null, 2, 3, null), x -> x IS NOT NULL)')).toEqual([0, 2, 3])
  })

  it('should follow three-valued logic in exists unless the legacy conf turns it off', () => {
    expect(evaluate('exists(array(1, 2, 3), x -> x % 2 == 0)')).toBe(true)
    expect(evaluate('exists(array(1, 2, 3), x -> x % 2 == 10)')).toBe(false)
    expect(evaluate('exists(array(1, null, 3), x -> x % 2 == 0)')).toBeNull()
    expect(evaluate('exists(array(0, null, 2, 3, null), x -> x IS NULL)')).toBe(true)
    expect(evaluate('exists(array(1, 2, 3), x -> x IS NULL)')).toBe(false)
    // spark.sql.legacy.followThreeValuedLogicInArrayExists=false: a null predicate counts as false.
    expect(evaluate('exists(array(1, null, 3), x -> x % 2 == 0)', { ...ctx, arrayExistsFollowsThreeValuedLogic: false })).toBe(false)
  })

  it('should be false in forall when one element fails, null when none fails but one is null', () => {
    expect(evaluate('forall(array(1, 2, 3), x -> x % 2 == 0)')).toBe(false)
    expect(evaluate('forall(array(2, 4, 8), x -> x % 2 == 0)')).toBe(true)
    expect(evaluate('forall(array(1, null, 3), x -> x % 2 == 0)')).toBe(false)
    expect(evaluate('forall(array(2, null, 8), x -> x % 2 == 0)')).toBeNull()
  })

  it('should aggregate with and without a finish function, and reduce alike', () => {
    expect(evaluate('aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x)')).toBe(6)
    expect(evaluate('aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x, acc -> acc * 10)')).toBe(60)
    expect(evaluate('reduce(array(1, 2, 3), 0, (acc, x) -> acc + x, acc -> acc * 10)')).toBe(60)
  })

  it('should sort with a comparator lambda', () => {
    expect(evaluate('array_sort(array(5, 6, 1), (left, right) -> case when left < right then -1 when left > right then 1 else 0 end)')).toEqual([1, 5, 6])
    expect(evaluate(`array_sort(array('bc', 'ab', 'dc'), (left, right) -> case when left is null and right is null then 0
      when left is null then -1 when right is null then 1 when left < right then 1 when left > right then -1 else 0 end)`)).toEqual(['dc', 'bc', 'ab'])
    expect(evaluate("array_sort(array('b', 'd', null, 'c', 'a'))")).toEqual(['a', 'b', 'c', 'd', null])
  })

  it('should filter and transform maps', () => {
    expect(entries('map_filter(map(1, 0, 2, 2, 3, -1), (k, v) -> k > v)')).toEqual([[1, 0], [3, -1]])
    expect(entries('transform_keys(map_from_arrays(array(1, 2, 3), array(1, 2, 3)), (k, v) -> k + 1)')).toEqual([[2, 1], [3, 2], [4, 3]])
    expect(entries('transform_keys(map_from_arrays(array(1, 2, 3), array(1, 2, 3)), (k, v) -> k + v)')).toEqual([[2, 1], [4, 2], [6, 3]])
    expect(entries('transform_values(map_from_arrays(array(1, 2, 3), array(1, 2, 3)), (k, v) -> v + 1)')).toEqual([[1, 2], [2, 3], [3, 4]])
    expect(entries('transform_values(map_from_arrays(array(1, 2, 3), array(1, 2, 3)), (k, v) -> k + v)')).toEqual([[1, 2], [2, 4], [3, 6]])
  })

  it('should zip maps by key with null for a missing side', () => {
    expect(entries("map_zip_with(map(1, 'a', 2, 'b'), map(1, 'x', 2, 'y'), (k, v1, v2) -> concat(v1, v2))")).toEqual([[1, 'ax'], [2, 'by']])
    expect(entries("map_zip_with(map('a', 1, 'b', 2), map('b', 3, 'c', 4), (k, v1, v2) -> coalesce(v1, 0) + coalesce(v2, 0))"))
      .toEqual([['a', 1], ['b', 5], ['c', 4]])
  })

  it('should zip arrays, padding the shorter with nulls, and name struct fields after the variables', () => {
    const zipped = compile("zip_with(array(1, 2, 3), array('a', 'b', 'c'), (x, y) -> (y, x))")
    expect(zipped.eval(row)).toEqual([['a', 1], ['b', 2], ['c', 3]])
    // [{"y":"a","x":1},...] in Spark's example: the fields are named after the lambda variables.
    const element = (zipped.dataType as { elementType: StructType }).elementType
    expect(element.fields.map((f) => f.name)).toEqual(['y', 'x'])
    expect(evaluate('zip_with(array(1, 2), array(3, 4), (x, y) -> x + y)')).toEqual([4, 6])
    expect(evaluate('zip_with(array(1, 2, 3), array(10), (x, y) -> coalesce(y, x))')).toEqual([10, 2, 3])
  })
})

describe('lambda variables', () => {
  it('should shadow an input column of the same name and leave other columns visible', () => {
    expect(evaluate('transform(array(1, 2), x -> x + 1)')).toEqual([2, 3])
    expect(evaluate('transform(array(1, 2), y -> y + x)')).toEqual([101, 102])
    expect(evaluate('transform(a, v -> concat(s, cast(v as string)))')).toEqual(['z1', 'z2', 'z3'])
  })

  it('should bind the innermost declaration of a repeated name and resolve names case-insensitively', () => {
    expect(evaluate('transform(array(array(1, 2)), x -> transform(x, x -> x * 10))')).toEqual([[10, 20]])
    expect(evaluate('transform(array(1, 2), o -> transform(array(10), i -> o + i))')).toEqual([[11], [12]])
    expect(evaluate('transform(array(1), X -> x + 1)')).toEqual([2])
  })

  it('should read struct fields of a variable', () => {
    expect(evaluate('transform(array(named_struct(\'f\', 1), named_struct(\'f\', 5)), e -> e.f * 2)')).toEqual([2, 10])
  })
})

describe('higher-order function types, names and errors', () => {
  it('should name the column as Spark prints lambdas', () => {
    expect(compile('transform(a, x -> x + 1)').name).toBe('transform(a, lambdafunction((namedlambdavariable() + 1), namedlambdavariable()))')
    // A plain expression is wrapped in a lambda with hidden variables (ResolveLambdaVariables.createLambda).
    expect(compile('transform(a, 0)').name).toBe('transform(a, lambdafunction(0, namedlambdavariable()))')
    expect(compile('aggregate(a, 0, (acc, v) -> acc + v)').name).toBe(
      'aggregate(a, 0, lambdafunction((namedlambdavariable() + namedlambdavariable()), namedlambdavariable(), namedlambdavariable()), lambdafunction(namedlambdavariable(), namedlambdavariable()))')
  })

  it('should type results as Spark: transform by the lambda, exists nullable by the predicate', () => {
    const transformed = compile('transform(a, v -> cast(v as string))')
    expect(transformed.dataType).toEqual(ArrayType(StringType, true))
    expect(compile('transform(a, v -> 1)').dataType).toEqual(ArrayType(IntegerType, false))
    expect(compile('exists(a, v -> v > 1)').nullable).toBe(true)
    expect(compile('exists(array(1), v -> v IS NULL)').nullable).toBe(false)
    expect(compile('aggregate(array(1), 0, (acc, v) -> acc + v)').nullable).toBe(true)
  })

  it('should refuse lambdas outside higher-order functions and wrong lambdas, with Spark\'s error classes', () => {
    expect(errorClassOf(() => compile('upper(x -> x)'))).toBe('_LEGACY_ERROR_TEMP_2306')
    expect(errorClassOf(() => compile('transform(a, (v, i, j) -> v)'))).toBe('INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH')
    expect(errorClassOf(() => compile('zip_with(a, a, v -> v)'))).toBe('INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH')
    expect(errorClassOf(() => compile('transform(a, (v, V) -> v)'))).toBe('INVALID_LAMBDA_FUNCTION_CALL.DUPLICATE_ARG_NAMES')
    expect(errorClassOf(() => compile('transform(a, v -> v, 1)'))).toBe('WRONG_NUM_ARGS.WITHOUT_SUGGESTION')
    // `(x) -> x` is not Spark syntax: parenthesized parameter lists have two or more names.
    expect(errorClassOf(() => parseExpression('transform(a, (v) -> v)'))).toBe('PARSE_SYNTAX_ERROR')
  })

  it('should check argument and lambda types', () => {
    expect(errorClassOf(() => compile('transform(x, v -> v)'))).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE')
    expect(errorClassOf(() => compile('filter(a, v -> v + 1)'))).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE')
    // The merge result must have the zero's type: 0 is an INT, acc + 1.5D a DOUBLE.
    expect(errorClassOf(() => compile('aggregate(a, 0, (acc, v) -> acc + 1.5D)'))).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE')
    expect(errorClassOf(() => compile("array_sort(a, (l, r) -> 'x')"))).toBe('DATATYPE_MISMATCH.UNEXPECTED_RETURN_TYPE')
    expect(errorClassOf(() => compile("map_zip_with(map(1, 1), map('a', 1), (k, l, r) -> l)"))).toBe('DATATYPE_MISMATCH.MAP_ZIP_WITH_DIFF_TYPES')
  })

  it('should fail at run time on a null comparison result and on null or repeated new map keys', () => {
    expect(errorClassOf(() => evaluate('array_sort(array(2, 1), (l, r) -> cast(null as int))'))).toBe('COMPARATOR_RETURNS_NULL')
    // spark.sql.legacy.allowNullComparisonResultInArraySort=true: null counts as "equal", the order is kept.
    expect(evaluate('array_sort(array(2, 1), (l, r) -> cast(null as int))', { ...ctx, allowNullComparisonResultInArraySort: true })).toEqual([2, 1])
    expect(errorClassOf(() => evaluate('transform_keys(map(1, 1, 2, 2), (k, v) -> 0)'))).toBe('DUPLICATED_MAP_KEY')
    expect(errorClassOf(() => evaluate('transform_keys(map(1, 1), (k, v) -> cast(null as int))'))).toBe('NULL_MAP_KEY')
  })

  it('should give null for a null input array or map', () => {
    expect(evaluate('transform(cast(null as array<int>), v -> v)')).toBeNull()
    expect(evaluate('zip_with(a, cast(null as array<int>), (l, r) -> l)')).toBeNull()
    expect(evaluate('map_filter(cast(null as map<int,int>), (k, v) -> true)')).toBeNull()
  })
})
