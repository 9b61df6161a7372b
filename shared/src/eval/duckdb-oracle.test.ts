import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { DecimalType, IntegerType, StructField, StructType } from '../types/data-type.js'
import { parseExpression } from '../sql/expression-parser.js'
import { decimalToString } from '../data/decimal.js'
import { compileExpr } from './compile-expr.js'
import { likeMatcher } from './like-pattern.js'
import type { EvalContext } from './types.js'

// DuckDB is an independent oracle for the semantics both engines share (SQL LIKE,
// exact decimal arithmetic, truncating integer remainder).
const ctx: EvalContext = { ansi: true, timeZone: 'UTC', caseSensitive: false, currentTimestampMicros: 0 }
let duck: DuckDBConnection

/** A small deterministic PRNG (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = (next: () => number, alphabet: string, maxLength: number): string =>
  Array.from({ length: Math.floor(next() * (maxLength + 1)) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('')

beforeAll(async () => {
  duck = await (await DuckDBInstance.create(':memory:')).connect()
})
afterAll(() => duck?.closeSync())

describe('expression semantics against DuckDB', () => {
  it('should match LIKE on random patterns and strings', async () => {
    const next = random(7)
    const pairs = Array.from({ length: 300 }, () => [pick(next, 'ab', 5), pick(next, 'ab%_', 4)] as const)
    const sql = `SELECT ${pairs.map(([s, p]) => `'${s}' LIKE '${p}'`).join(', ')}`
    const expected = (await duck.runAndReadAll(sql)).getRows()[0]
    expect(pairs.map(([s, p]) => likeMatcher(p, '\\')(s))).toEqual(expected)
  })

  it('should match exact decimal + - * on random values', async () => {
    const next = random(11)
    const schema = StructType([StructField('a', DecimalType(10, 3)), StructField('b', DecimalType(8, 2))])
    const ops = ['+', '-', '*'] as const
    const compiled = ops.map((op) => compileExpr(parseExpression(`a ${op} b`), schema, ctx))
    for (let i = 0; i < 50; i++) {
      const a = BigInt(Math.floor((next() - 0.5) * 2e9))
      const b = BigInt(Math.floor((next() - 0.5) * 2e7))
      const aText = decimalToString(a, 3)
      const bText = decimalToString(b, 2)
      const sql = `SELECT ${ops.map((op) => `(${aText}::DECIMAL(10,3) ${op} ${bText}::DECIMAL(8,2))::VARCHAR`).join(', ')}`
      const expected = (await duck.runAndReadAll(sql)).getRows()[0]!.map((v) => Number(v))
      const actual = compiled.map((c) => {
        const t = c.dataType as DecimalType
        return Number(decimalToString(c.eval([a, b]) as bigint, t.scale))
      })
      expect(actual, `${aText} op ${bText}`).toEqual(expected)
    }
  })

  it('should match the truncating integer remainder', async () => {
    const next = random(3)
    const schema = StructType([StructField('a', IntegerType), StructField('b', IntegerType)])
    const remainder = compileExpr(parseExpression('a % b'), schema, ctx)
    const pairs = Array.from({ length: 200 }, () => [Math.floor((next() - 0.5) * 2000), Math.floor((next() - 0.5) * 40) || 7])
    const expected = (await duck.runAndReadAll(`SELECT ${pairs.map(([a, b]) => `(${a})::INTEGER % (${b})::INTEGER`).join(', ')}`)).getRows()[0]
    expect(pairs.map(([a, b]) => remainder.eval([a, b]))).toEqual(expected)
  })
})
