import { describe, expect, it } from 'vitest'
import { Expr } from '../expr/expr.js'
import {
  ArrayType, DecimalType, DoubleType, IntegerType, LongType, MapType, StringType, StructField, StructType,
} from '../types/data-type.js'
import { parseExpression } from '../sql/expression-parser.js'
import { compileExpr } from './compile-expr.js'
import { fieldAccessKey } from './expr-output-name.js'
import type { EvalContext } from './types.js'

const ansi: EvalContext = { ansi: true, timeZone: 'UTC', caseSensitive: false, currentTimestampMicros: 0 }
const legacy: EvalContext = { ...ansi, ansi: false }
const schema = StructType([
  StructField('a', IntegerType),
  StructField('name', StringType),
  StructField('geo', StructType([StructField('city', StringType)])),
  StructField('tags', ArrayType(StringType)),
  StructField('props', MapType(StringType, LongType)),
  StructField('price', DecimalType(10, 2)),
])
const row = [5, 'Ann', ['Paris'], ['x', 'y'], new Map([['k', 7n]]), 1250n]

const run = (sql: string, ctx = ansi, r: unknown[] = row): unknown => compileExpr(parseExpression(sql), schema, ctx).eval(r)
const compiled = (sql: string, ctx = ansi) => compileExpr(parseExpression(sql), schema, ctx)

describe('compileExpr', () => {
  it('should resolve columns case-insensitively, nested fields, array items and map keys', () => {
    expect(run('A')).toBe(5)
    expect(run('geo.city')).toBe('Paris')
    expect(compiled('geo.City').name).toBe('city')
    expect(run('tags[1]')).toBe('y')
    expect(run("props['k']")).toBe(7n)
    expect(run("props['zz']")).toBeNull()
    const path = compileExpr(Expr.extract(Expr.column('geo'), Expr.literal('city', StringType)), schema, ansi)
    expect(path.name).toBe('city')
    expect(path.eval(row)).toBe('Paris')
    expect(compileExpr(Expr.extract(Expr.column('geo'), fieldAccessKey('city')), schema, ansi).name).toBe('geo.city')
  })

  it('should prefer a column over a parameterless function of the same name', () => {
    const withUser = StructType([StructField('User', StringType)])
    expect(compileExpr(parseExpression('user'), withUser, ansi).eval(['u1'])).toBe('u1')
    expect(compileExpr(parseExpression('current_date'), withUser, ansi).name).toBe('current_date()')
  })

  it('should report an unknown column with suggestions ordered by edit distance', () => {
    expect(() => compiled('nme')).toThrow(
      'A column, variable, or function parameter with name `nme` cannot be resolved. Did you mean one of the following? [`name`, `a`, `geo`, `tags`, `price`].')
  })

  it('should report an unknown function as UNRESOLVED_ROUTINE', () => {
    expect(() => compiled('no_such_fn(a)')).toThrow(/UNRESOLVED_ROUTINE.*`no_such_fn`/)
  })

  it('should widen integer arithmetic and raise ARITHMETIC_OVERFLOW in ANSI mode only', () => {
    expect(compiled('a + 1').dataType).toEqual(IntegerType)
    expect(compiled('a + 1L').dataType).toEqual(LongType)
    expect(() => run('2147483647 + a')).toThrow(/ARITHMETIC_OVERFLOW/)
    expect(run('2147483647 + a', legacy)).toBe(-2147483644)
    expect(() => run('9223372036854775807L * 2')).toThrow(/ARITHMETIC_OVERFLOW/)
  })

  it('should divide to double, div to bigint, and handle division by zero per mode', () => {
    expect(compiled('a / 2').dataType).toEqual(DoubleType)
    expect(run('a / 2')).toBe(2.5)
    expect(run('a div 2')).toBe(2n)
    expect(run('-7 % 3')).toBe(-1)
    expect(() => run('a / 0')).toThrow(/DIVIDE_BY_ZERO/)
    expect(run('a / 0', legacy)).toBeNull()
  })

  it('should apply Spark decimal precision rules', () => {
    const sum = compiled('price + 1.005')
    expect(sum.dataType).toEqual(DecimalType(12, 3))
    expect(sum.eval(row)).toBe(13505n)
    expect(compiled('price * price').dataType).toEqual(DecimalType(21, 4))
    const quotient = compiled('price / 3')
    expect(quotient.dataType).toEqual(DecimalType(14, 6))
    expect(quotient.eval(row)).toBe(4166667n)
  })

  it('should coerce strings in comparisons and arithmetic as ANSI Spark does', () => {
    expect(run("a = '5'")).toBe(true)
    expect(() => run("a > '1.5'")).toThrow(/CAST_INVALID_INPUT/)
    expect(compiled("'2' + 1").dataType).toEqual(LongType)
    expect(run("'2' + 1")).toBe(3n)
  })

  it('should follow three-valued logic', () => {
    expect(run('NULL AND false')).toBe(false)
    expect(run('NULL AND true')).toBeNull()
    expect(run('NULL OR true')).toBe(true)
    expect(run('NOT CAST(NULL AS BOOLEAN)')).toBeNull()
    expect(run('NULL <=> NULL')).toBe(true)
    expect(run('NULL = NULL')).toBeNull()
  })

  it('should evaluate IN with nulls, BETWEEN, LIKE and RLIKE', () => {
    expect(run('a IN (1, 5)')).toBe(true)
    expect(run('a IN (1, NULL)')).toBeNull()
    expect(run('a NOT IN (1, 2)')).toBe(true)
    expect(run('a BETWEEN 5 AND 6')).toBe(true)
    expect(run("name LIKE 'A_n'")).toBe(true)
    expect(run("'50%' LIKE '50\\%'")).toBe(true)
    expect(run("'505' LIKE '50\\%'")).toBe(false)
    expect(run("'a_c' LIKE 'a!_c' ESCAPE '!'")).toBe(true)
    expect(run("'abc' LIKE 'a!_c' ESCAPE '!'")).toBe(false)
    expect(() => run("'a.c' LIKE 'a!.c' ESCAPE '!'")).toThrow(/INVALID_FORMAT.ESCAPE_CHARACTER/)
    expect(run("name ILIKE 'ann'")).toBe(true)
    expect(run("name RLIKE '^A.n$'")).toBe(true)
  })

  it('should evaluate CASE WHEN lazily with a common result type', () => {
    const e = compiled("CASE WHEN a > 3 THEN 1 WHEN a / 0 > 1 THEN 2.5 ELSE NULL END")
    expect(e.dataType).toEqual(DecimalType(11, 1))
    expect(e.eval(row)).toBe(10n)
    expect(e.name).toBe('CASE WHEN (a > 3) THEN 1 WHEN ((a / 0) > 1) THEN 2.5 ELSE NULL END')
  })

  it('should raise INVALID_ARRAY_INDEX in ANSI mode and give null otherwise', () => {
    expect(() => run('tags[5]')).toThrow(/INVALID_ARRAY_INDEX/)
    expect(run('tags[5]', legacy)).toBeNull()
  })

  it('should refuse aggregate calls outside an aggregation', () => {
    expect(() => compileExpr(Expr.call('count', [Expr.literal(1, IntegerType)]), schema, ansi)).toThrow(/MISSING_GROUP_BY/)
  })

  it('should keep the alias as the compiled name', () => {
    expect(compiled('a + 1 AS b').name).toBe('b')
    expect(compiled('a + 1').name).toBe('(a + 1)')
  })

  it('should compile lazy conditionals and constructors', () => {
    expect(run('coalesce(NULL, a, a / 0)')).toBe(5)
    expect(run('if(a > 1, name, NULL)')).toBe('Ann')
    expect(run('array(1, a)')).toEqual([1, 5])
    expect(run("named_struct('x', a)")).toEqual([5])
  })
})
