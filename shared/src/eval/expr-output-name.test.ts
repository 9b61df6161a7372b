import { describe, expect, it } from 'vitest'
import { parseExpression } from '../sql/expression-parser.js'
import { exprOutputName } from './expr-output-name.js'
import { javaDoubleString } from './value-format.js'

const name = (sql: string): string => exprOutputName(parseExpression(sql))

describe('exprOutputName', () => {
  it('should name expressions as Spark auto-generates column names', () => {
    expect(name('upper(a)')).toBe('upper(a)')
    expect(name('a + 1')).toBe('(a + 1)')
    expect(name('count(*)')).toBe('count(1)')
    expect(name('count(DISTINCT a)')).toBe('count(DISTINCT a)')
    expect(name('NOT a')).toBe('(NOT a)')
    expect(name('a IS NULL')).toBe('(a IS NULL)')
    expect(name('a <> 1')).toBe('(NOT (a = 1))')
    expect(name('CAST(x AS DOUBLE)')).toBe('CAST(x AS DOUBLE)')
    expect(name("CASE WHEN a > 1 THEN 'x' ELSE 'y' END")).toBe('CASE WHEN (a > 1) THEN x ELSE y END')
    expect(name('a.b')).toBe('b')
    expect(name("'a'")).toBe('a')
    expect(name('-a')).toBe('(- a)')
    expect(name("DATE '2020-01-01'")).toBe("DATE '2020-01-01'")
    expect(name('1.0E10')).toBe('1.0E10')
    expect(name("a LIKE 'x%'")).toBe('a LIKE x%')
    expect(name('a IN (1, 2)')).toBe('(a IN (1, 2))')
    expect(name("substring('abc', 2)")).toBe('substring(abc, 2, 2147483647)')
    expect(name("window(ts, '10 minutes')")).toBe('window')
    expect(name("double('1')")).toBe('1')
  })
})

describe('javaDoubleString', () => {
  it('should print doubles as Java does', () => {
    expect(javaDoubleString(1)).toBe('1.0')
    expect(javaDoubleString(1e7)).toBe('1.0E7')
    expect(javaDoubleString(1234567.5)).toBe('1234567.5')
    expect(javaDoubleString(0.001)).toBe('0.001')
    expect(javaDoubleString(0.0001)).toBe('1.0E-4')
    expect(javaDoubleString(-1.5e-10)).toBe('-1.5E-10')
    expect(javaDoubleString(Infinity)).toBe('Infinity')
    expect(javaDoubleString(Math.fround(0.1), true)).toBe('0.1')
  })
})
