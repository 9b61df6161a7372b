import { describe, expect, it } from 'vitest'
import { parseQuery } from './query-parser.js'
import type { LogicalPlan } from '../plan/logical-plan.js'

/** The first Relation or TableRef under a plan. */
function leafOf(plan: LogicalPlan): LogicalPlan {
  let node: LogicalPlan = plan
  while ('input' in node) node = node.input
  return node
}

describe('SQL on files (format.`path`)', () => {
  for (const format of ['json', 'parquet', 'csv', 'text', 'avro', 'delta']) {
    it(`should read ${format}.\`path\` as a batch relation of that format`, () => {
      const plan = parseQuery(`SELECT gt, count(*) FROM ${format}.\`/data/a.b/activity\` GROUP BY gt`)
      expect(leafOf(plan)).toEqual({
        kind: 'Relation',
        source: { format, paths: ['/data/a.b/activity'], options: {}, streaming: false },
      })
    })
  }

  it('should keep the format case-insensitive and allow an alias', () => {
    const plan = parseQuery('SELECT t.x FROM JSON.`/p` AS t')
    expect(plan.kind).toBe('Project')
    const alias = (plan as { input: LogicalPlan }).input
    expect(alias).toMatchObject({ kind: 'SubqueryAlias', alias: 't', input: { kind: 'Relation', source: { format: 'json', paths: ['/p'] } } })
  })

  it('should leave other dotted names as table references', () => {
    expect(leafOf(parseQuery('SELECT * FROM db.events'))).toEqual({ kind: 'TableRef', name: 'db.events' })
    expect(leafOf(parseQuery('SELECT * FROM json.events'))).toEqual({ kind: 'TableRef', name: 'json.events' })
  })
})
