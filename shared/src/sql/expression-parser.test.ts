import { describe, expect, it } from 'vitest'
import { Expr } from '../expr/expr.js'
import {
  BooleanType, DayTimeIntervalType, DecimalType, DoubleType, IntegerType, LongType, NullType, StringType, TimeType, YearMonthIntervalType,
} from '../types/data-type.js'
import { parseExpression } from './expression-parser.js'

describe('parseExpression', () => {
  it('should parse column references, backquotes, nested fields and subscripts', () => {
    expect(parseExpression('a')).toEqual(Expr.column('a'))
    expect(parseExpression('`a.b`')).toEqual(Expr.column('a.b'))
    expect(parseExpression('geo.city')).toEqual(Expr.column('geo', 'city'))
    expect(parseExpression('arr[0]')).toEqual(Expr.extract(Expr.column('arr'), Expr.literal(0, IntegerType)))
    expect(parseExpression("m['k']")).toEqual(Expr.extract(Expr.column('m'), Expr.literal('k', StringType)))
  })

  it('should type numeric literals as Spark does', () => {
    expect(parseExpression('1')).toEqual(Expr.literal(1, IntegerType))
    expect(parseExpression('3000000000')).toEqual(Expr.literal(3000000000n, LongType))
    expect(parseExpression('5L')).toEqual(Expr.literal(5n, LongType))
    expect(parseExpression('1.5')).toEqual(Expr.literal(15n, DecimalType(2, 1)))
    expect(parseExpression('.0001')).toEqual(Expr.literal(1n, DecimalType(4, 4)))
    expect(parseExpression('1e3')).toEqual(Expr.literal(1000, DoubleType))
    expect(parseExpression('2D')).toEqual(Expr.literal(2, DoubleType))
    expect(parseExpression('-9223372036854775808L')).toEqual(Expr.literal(-9223372036854775808n, LongType))
    expect(parseExpression('12345678901234567890')).toEqual(Expr.literal(12345678901234567890n, DecimalType(20, 0)))
  })

  it('should decode string escapes and join adjacent strings', () => {
    expect(parseExpression(String.raw`'a\'b\n'`)).toEqual(Expr.literal("a'b\n", StringType))
    expect(parseExpression(`"x" 'y'`)).toEqual(Expr.literal('xy', StringType))
    expect(parseExpression(String.raw`'50\%'`)).toEqual(Expr.literal('50\\%', StringType))
  })

  it('should parse TRUE, FALSE, NULL, typed literals and intervals', () => {
    expect(parseExpression('true')).toEqual(Expr.literal(true, BooleanType))
    expect(parseExpression('NULL')).toEqual(Expr.literal(null, NullType))
    expect(parseExpression("DATE '1970-01-02'")).toMatchObject({ value: 1, dataType: { kind: 'date' } })
    expect(parseExpression("TIMESTAMP '1970-01-01 00:00:01'")).toMatchObject({ value: 1_000_000, dataType: { kind: 'timestamp' } })
    // Spark 4 types interval literals by their units (AstBuilder.visitInterval, spark.sql.legacy.interval.enabled=false).
    expect(parseExpression("INTERVAL '10' MINUTE")).toEqual(Expr.literal(600_000_000n, DayTimeIntervalType('minute')))
    expect(parseExpression('INTERVAL 1 day 2 hours')).toEqual(Expr.literal(93_600_000_000n, DayTimeIntervalType('day', 'hour')))
    expect(parseExpression("INTERVAL '1-2' YEAR TO MONTH")).toEqual(Expr.literal(14, YearMonthIntervalType()))
    expect(parseExpression("TIME '12:34:56.789'")).toEqual(Expr.literal(45_296_789_000_000n, TimeType()))
    expect(parseExpression("X'0aFF'")).toMatchObject({ value: new Uint8Array([10, 255]), dataType: { kind: 'binary' } })
  })

  it('should follow Spark operator precedence', () => {
    expect(parseExpression('1 + 2 * 3')).toEqual(Expr.call('+', [Expr.literal(1, IntegerType),
      Expr.call('*', [Expr.literal(2, IntegerType), Expr.literal(3, IntegerType)])]))
    expect(parseExpression('a OR b AND NOT c')).toEqual(Expr.call('or', [Expr.column('a'),
      Expr.call('and', [Expr.column('b'), Expr.call('not', [Expr.column('c')])])]))
    expect(parseExpression('a = 1 AND b <> 2')).toEqual(Expr.call('and', [
      Expr.call('=', [Expr.column('a'), Expr.literal(1, IntegerType)]),
      Expr.call('!=', [Expr.column('b'), Expr.literal(2, IntegerType)])]))
    expect(parseExpression("'a' || 'b'")).toEqual(Expr.call('concat', [Expr.literal('a', StringType), Expr.literal('b', StringType)]))
  })

  it('should parse predicates', () => {
    expect(parseExpression('a IS NOT NULL')).toEqual(Expr.call('isnotnull', [Expr.column('a')]))
    expect(parseExpression('a IS TRUE')).toEqual(Expr.call('<=>', [Expr.column('a'), Expr.literal(true, BooleanType)]))
    expect(parseExpression('a NOT IN (1, 2)')).toEqual(Expr.call('not', [Expr.call('in', [Expr.column('a'),
      Expr.literal(1, IntegerType), Expr.literal(2, IntegerType)])]))
    expect(parseExpression('a BETWEEN 1 AND 2')).toEqual(Expr.call('between', [Expr.column('a'),
      Expr.literal(1, IntegerType), Expr.literal(2, IntegerType)]))
    expect(parseExpression("a NOT LIKE 'x%'")).toEqual(Expr.call('not', [Expr.call('like', [Expr.column('a'), Expr.literal('x%', StringType)])]))
  })

  it('should parse CASE, CAST, :: and function calls', () => {
    expect(parseExpression('CASE a WHEN 1 THEN 2 END')).toEqual(Expr.caseWhen([{
      when: Expr.call('=', [Expr.column('a'), Expr.literal(1, IntegerType)]), then: Expr.literal(2, IntegerType),
    }]))
    expect(parseExpression('CAST(a AS DECIMAL(10, 2))')).toEqual(Expr.cast(Expr.column('a'), DecimalType(10, 2)))
    expect(parseExpression('try_cast(a AS int)')).toEqual(Expr.cast(Expr.column('a'), IntegerType, 'try'))
    expect(parseExpression('a::bigint')).toEqual(Expr.cast(Expr.column('a'), LongType))
    expect(parseExpression('count(*)')).toEqual(Expr.call('count', [Expr.literal(1, IntegerType)]))
    expect(parseExpression('COUNT(DISTINCT a, b)')).toEqual(Expr.call('count', [Expr.column('a'), Expr.column('b')], true))
  })

  it('should parse aliases with and without AS', () => {
    expect(parseExpression('upper(a) AS n')).toEqual(Expr.alias(Expr.call('upper', [Expr.column('a')]), 'n'))
    expect(parseExpression('a `my col`')).toEqual(Expr.alias(Expr.column('a'), 'my col'))
  })

  it('should report syntax errors with line and position', () => {
    expect(() => parseExpression('a +')).toThrow("[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 3)")
    expect(() => parseExpression('a\n+ )')).toThrow("Syntax error at or near ')'. SQLSTATE: 42601 (line 2, pos 2)")
  })
})
