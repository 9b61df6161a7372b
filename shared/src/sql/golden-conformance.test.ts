import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SluiceError } from '../errors/sluice-error.js'
import type { EvalContext } from '../eval/types.js'
import { parseQuery } from './query-parser.js'
import { evaluateTableFreeQuery, UnsupportedGoldenQuery, type GoldenCase } from './golden-conformance-support.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const casesPath = path.resolve(repoRoot, '../shared/data/spark-sql-golden/cases.json')

/** The pass rates reached so far (a ratchet: raise them when more cases pass, never lower them). */
const MINIMUM_PASS_RATE = { ansi: 1, nonAnsi: 1 }

interface Outcome { readonly passed: boolean; readonly cause?: string }

/** Runs one case as Spark's SQLQueryTestSuite does (session time zone America/Los_Angeles). */
function runCase(c: GoldenCase): Outcome {
  const ctx: EvalContext = { ansi: c.ansi, timeZone: 'America/Los_Angeles', caseSensitive: false, currentTimestampMicros: Date.now() * 1000 }
  let result
  try {
    result = evaluateTableFreeQuery(parseQuery(c.query, { timeZone: ctx.timeZone }), ctx)
  } catch (error) {
    if (error instanceof UnsupportedGoldenQuery) return { passed: false, cause: `unsupported: ${error.message}` }
    if (!SluiceError.isInstance(error)) return { passed: false, cause: `crash: ${(error as Error).message?.slice(0, 80)}` }
    if (c.errorClass !== null && error.errorClass === c.errorClass) return { passed: true }
    if (error.errorClass === 'UNRESOLVED_ROUTINE') return { passed: false, cause: `missing function ${error.params['routineName']}` }
    return { passed: false, cause: `error ${error.errorClass}${c.errorClass === null ? '' : ` (expected ${c.errorClass})`}` }
  }
  if (c.errorClass !== null) return { passed: false, cause: `no error (expected ${c.errorClass})` }
  if (result.schema !== c.schema) return { passed: false, cause: 'wrong schema' }
  if (JSON.stringify(result.rows) !== JSON.stringify(c.output)) return { passed: false, cause: 'wrong output' }
  return { passed: true }
}

describe('Spark SQL golden conformance', () => {
  const present = existsSync(casesPath)
  if (!present) {
    it.skip(`should match Spark's golden answers (skipped: ${casesPath} is absent)`, () => {})
    return
  }
  const cases = JSON.parse(readFileSync(casesPath, 'utf8')) as GoldenCase[]

  it('should reach the recorded pass rate in each ANSI mode', () => {
    const report: string[] = []
    const rates: Record<string, number> = {}
    for (const [label, ansi] of [['ansi', true], ['nonAnsi', false]] as const) {
      const subset = cases.filter((c) => c.ansi === ansi)
      const causes = new Map<string, string[]>()
      let passed = 0
      for (const c of subset) {
        const outcome = runCase(c)
        if (outcome.passed) { passed++; continue }
        const key = outcome.cause!.startsWith('missing function') ? 'missing function' : outcome.cause!
        const list = causes.get(key) ?? []
        list.push(key === 'missing function' ? outcome.cause!.replace('missing function ', '') : c.query)
        causes.set(key, list)
      }
      rates[label] = passed / subset.length
      report.push(`${label}: ${passed}/${subset.length} passed (${(100 * passed / subset.length).toFixed(1)}%)`)
      for (const [cause, items] of [...causes].sort((a, b) => b[1].length - a[1].length)) {
        const shown = cause === 'missing function' ? [...new Set(items)].sort().join(' ') : items.slice(0, 3).join(' | ')
        report.push(`  ${items.length} × ${cause}: ${shown}`)
      }
    }
    console.log(report.join('\n'))
    expect(rates['ansi']).toBeGreaterThanOrEqual(MINIMUM_PASS_RATE.ansi)
    expect(rates['nonAnsi']).toBeGreaterThanOrEqual(MINIMUM_PASS_RATE.nonAnsi)
  })
})
