import { describe, expect, it } from 'vitest'
import { col, expr, lit } from './column-functions.js'
import { Column } from './column.js'

describe('Column', () => {
  it('should name arithmetic and comparisons as Spark does', () => {
    expect(col('a').plus(1).toString()).toBe('(a + 1)')
    expect(col('a').gt(lit(2)).and(col('b').isNull()).toString()).toBe('((a > 2) AND (b IS NULL))')
    expect(col('a').notEqual(1).toString()).toBe('(NOT (a = 1))')
    expect(col('a').not().toString()).toBe('(NOT a)')
  })

  it('should name casts with Spark SQL type names', () => {
    expect(col('x').cast('double').toString()).toBe('CAST(x AS DOUBLE)')
    expect(col('x').cast('decimal(10,2)').toString()).toBe('CAST(x AS DECIMAL(10,2))')
  })

  it('should use the alias as the name and the last part of a nested column', () => {
    expect(col('a').plus(1).alias('b').toString()).toBe('b')
    expect(col('geo.city').toString()).toBe('city')
    expect(col('`a.b`').expr).toEqual({ kind: 'Column', nameParts: ['a.b'] })
  })

  it('should type literals as PySpark lit does', () => {
    expect(lit(1).expr).toMatchObject({ kind: 'Literal', value: 1, dataType: { kind: 'integer' } })
    expect(lit(3_000_000_000).expr).toMatchObject({ value: 3_000_000_000n, dataType: { kind: 'long' } })
    expect(lit(1.5).expr).toMatchObject({ value: 1.5, dataType: { kind: 'double' } })
    expect(lit(null).toString()).toBe('NULL')
    expect(lit('a').toString()).toBe('a')
  })

  it('should build CASE WHEN with when and otherwise', () => {
    const c = new Column({ kind: 'CaseWhen', branches: [{ when: col('a').gt(1).expr, then: lit('x').expr }] })
    expect(c.when(col('a').lt(0), 'y').otherwise('z').toString())
      .toBe('CASE WHEN (a > 1) THEN x WHEN (a < 0) THEN y ELSE z END')
    expect(() => col('a').otherwise(1)).toThrow(/INVALID_OTHERWISE_USAGE/)
  })

  it('should build IN, BETWEEN and sort orders', () => {
    expect(col('a').isin(1, 2, 3).toString()).toBe('(a IN (1, 2, 3))')
    expect(col('a').isin([1, 2]).toString()).toBe('(a IN (1, 2))')
    expect(col('a').desc().expr).toMatchObject({ kind: 'SortOrder', ascending: false, nullsFirst: false })
    expect(col('a').asc_nulls_last().expr).toMatchObject({ kind: 'SortOrder', ascending: true, nullsFirst: false })
  })

  it('should parse SQL with expr', () => {
    expect(expr('upper(name) AS n').toString()).toBe('n')
    expect(expr('a + 1').toString()).toBe('(a + 1)')
    expect(expr('count(*)').toString()).toBe('count(1)')
  })
})

describe('Column nested access', () => {
  it('should name getField and getItem as Spark does', () => {
    expect(col('s').getField('f').toString()).toBe('s.f')
    expect(col('arr').getItem(0).toString()).toBe('arr[0]')
    expect(col('m').getItem('k').toString()).toBe('m[k]')
    expect(col('a').substr(1, 2).toString()).toBe('substring(a, 1, 2)')
  })
})
