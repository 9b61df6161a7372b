import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import avro from 'avsc'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Expr, IntegerType, PLAN_JSON_ENCODING, Plan, encodeLogicalPlan, schemaFromJson } from '@sluice/shared'
import type { AnalyzePlanResponse__Output, CreateSessionResponse__Output, RowBatch__Output } from '@sluice/proto'
import { readAvroContainer, rowsOf, startTestCoordinator, streamCall, unaryCall, type TestCoordinator } from './testing/service-harness.js'

const GTS = ['bike', 'sit', 'stand', 'walk', 'null']

/** Deterministic activity rows: the independent source of expected answers. */
function activityRows(count: number, seed: number): { gt: string; x: number; id: number }[] {
  const rows = []
  let state = seed
  for (let id = 0; id < count; id++) {
    state = (state * 1103515245 + 12345) % 2147483648
    rows.push({ gt: GTS[state % GTS.length]!, x: state % 1000, id })
  }
  return rows
}

function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1)
  return counts
}

describe('SluiceService ExecuteSql / ExecutePlan / AnalyzePlan', () => {
  let root: string
  let coordinator: TestCoordinator
  const files = [activityRows(5000, 1), activityRows(3000, 2), activityRows(9, 3)]
  const all = files.flat()

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'sluice-service-sql-'))
    await mkdir(join(root, 'activity'))
    for (const [i, rows] of files.entries()) {
      await writeFile(join(root, 'activity', `part-${i}.json`), rows.map((r) => JSON.stringify(r)).join('\n') + '\n')
    }
    coordinator = await startTestCoordinator({ allowedPaths: [root] })
  })

  afterAll(async () => {
    await coordinator.close()
    await rm(root, { recursive: true, force: true })
  })

  it('should run SQL on JSON files and stream the rows as Avro containers any Avro library reads', async () => {
    const batches = await streamCall<RowBatch__Output>(coordinator.client, 'ExecuteSql', {
      sql: `SELECT gt, count(*) AS n FROM json.\`${join(root, 'activity')}\` GROUP BY gt`,
    })
    expect(batches.length).toBe(1)
    expect(schemaFromJson(batches[0]!.schemaJson).fields.map((f) => [f.name, f.dataType.kind])).toEqual([['gt', 'string'], ['n', 'long']])
    const rows = await rowsOf(batches)
    const expected = countBy(all, (r) => r.gt)
    expect(new Map(rows.map((r) => [r['gt'] as string, Number(r['n'])]))).toEqual(expected)
  })

  it('should split a large result into batches of at most 4096 rows, the schema on the first only', async () => {
    const batches = await streamCall<RowBatch__Output>(coordinator.client, 'ExecuteSql', {
      sql: `SELECT id, x, gt FROM json.\`${join(root, 'activity')}\``,
      conf: { 'spark.sql.session.timeZone': 'UTC' },
    })
    const counts = await Promise.all(batches.map(async (b) => (await readAvroContainer(b.avro)).records.length))
    expect(batches.length).toBeGreaterThanOrEqual(2)
    expect(counts.every((n) => n <= 4096 && n > 0)).toBe(true)
    expect(counts.reduce((a, b) => a + b, 0)).toBe(all.length)
    expect(batches[0]!.schemaJson).not.toBe('')
    expect(batches.slice(1).every((b) => b.schemaJson === '')).toBe(true)
    const rows = await rowsOf(batches)
    expect(rows.map((r) => Number(r['id'])).sort((a, b) => a - b)).toEqual(all.map((r) => r.id).sort((a, b) => a - b))
  })

  it('should send one batch with the schema for an empty result', async () => {
    const batches = await streamCall<RowBatch__Output>(coordinator.client, 'ExecuteSql', {
      sql: `SELECT gt, x FROM json.\`${join(root, 'activity')}\` WHERE x < 0`,
    })
    expect(batches.length).toBe(1)
    expect(schemaFromJson(batches[0]!.schemaJson).fields.map((f) => f.name)).toEqual(['gt', 'x'])
    expect((await readAvroContainer(batches[0]!.avro)).records).toEqual([])
  })

  it('should run SET and read the value back in the same session', async () => {
    const { sessionId } = await unaryCall<CreateSessionResponse__Output>(coordinator.client, 'CreateSession', {})
    await streamCall(coordinator.client, 'ExecuteSql', { sessionId, sql: 'SET spark.sql.shuffle.partitions=3' })
    const rows = await rowsOf(await streamCall<RowBatch__Output>(coordinator.client, 'ExecuteSql', { sessionId, sql: 'SET spark.sql.shuffle.partitions' }))
    expect(rows).toEqual([{ key: 'spark.sql.shuffle.partitions', value: '3' }])
  })

  it('should apply a statement\'s conf to that statement only, and RESET a session conf', async () => {
    const { sessionId } = await unaryCall<CreateSessionResponse__Output>(coordinator.client, 'CreateSession', {})
    const sql = "SELECT CAST('abc' AS INT) AS v"
    const lenient = await rowsOf(await streamCall<RowBatch__Output>(coordinator.client, 'ExecuteSql', { sessionId, sql, conf: { 'spark.sql.ansi.enabled': 'false' } }))
    expect(lenient).toEqual([{ v: null }])
    await expect(streamCall(coordinator.client, 'ExecuteSql', { sessionId, sql })).rejects.toMatchObject({ details: expect.stringMatching(/CAST_INVALID_INPUT/) })
    await streamCall(coordinator.client, 'ExecuteSql', { sessionId, sql: 'SET spark.sql.ansi.enabled=false' })
    expect(await rowsOf(await streamCall<RowBatch__Output>(coordinator.client, 'ExecuteSql', { sessionId, sql }))).toEqual([{ v: null }])
    await streamCall(coordinator.client, 'ExecuteSql', { sessionId, sql: 'RESET spark.sql.ansi.enabled' })
    await expect(streamCall(coordinator.client, 'ExecuteSql', { sessionId, sql })).rejects.toMatchObject({ details: expect.stringMatching(/CAST_INVALID_INPUT/) })
  })

  it('should run an encoded plan (ExecutePlan) and analyze it (AnalyzePlan schema and explain)', async () => {
    const scan = Plan.relation({ format: 'json', paths: [join(root, 'activity')], options: {}, streaming: false })
    const plan = Plan.filter(Plan.project(scan, [Expr.column('id'), Expr.column('gt')]), Expr.call('>=', [Expr.column('id'), Expr.literal(440, IntegerType)]))
    const envelope = { encoded: { encoding: PLAN_JSON_ENCODING, data: encodeLogicalPlan(plan) } }
    const rows = await rowsOf(await streamCall<RowBatch__Output>(coordinator.client, 'ExecutePlan', { plan: envelope }))
    const expected = all.filter((r) => r.id >= 440).map((r) => `${r.id}/${r.gt}`).sort()
    expect(rows.map((r) => `${String(r['id'])}/${String(r['gt'])}`).sort()).toEqual(expected)

    const schema = await unaryCall<AnalyzePlanResponse__Output>(coordinator.client, 'AnalyzePlan', { plan: envelope, kind: 'KIND_SCHEMA' })
    expect(schemaFromJson(schema.schemaJson).fields.map((f) => [f.name, f.dataType.kind])).toEqual([['id', 'long'], ['gt', 'string']])
    expect(schema.explain).toBe('')
    const explained = await unaryCall<AnalyzePlanResponse__Output>(coordinator.client, 'AnalyzePlan', { plan: { sql: 'SELECT 1 AS one' }, kind: 'KIND_EXPLAIN_EXTENDED' })
    expect(explained.explain).toMatch(/Physical Plan/)
  })

  describe('SQL on files: format.`path`', () => {
    const rows = [{ gt: 'sit', x: 1 }, { gt: 'walk', x: 2 }, { gt: 'sit', x: 3 }]
    const expected = new Map([['sit', 2], ['walk', 1]])

    const countsFrom = async (sql: string): Promise<Map<string, number>> => {
      const result = await rowsOf(await streamCall<RowBatch__Output>(coordinator.client, 'ExecuteSql', { sql }))
      return new Map(result.map((r) => [String(r['gt']), Number(r['n'])]))
    }

    it('json', async () => {
      const dir = join(root, 'fmt-json')
      await mkdir(dir)
      await writeFile(join(dir, 'a.json'), rows.map((r) => JSON.stringify(r)).join('\n'))
      expect(await countsFrom(`SELECT gt, count(*) AS n FROM json.\`${dir}\` GROUP BY gt`)).toEqual(expected)
    })

    it('csv', async () => {
      const dir = join(root, 'fmt-csv')
      await mkdir(dir)
      await writeFile(join(dir, 'a.csv'), rows.map((r) => `${r.gt},${r.x}`).join('\n') + '\n')
      expect(await countsFrom(`SELECT _c0 AS gt, count(*) AS n FROM csv.\`${dir}\` GROUP BY _c0`)).toEqual(expected)
    })

    it('text', async () => {
      const dir = join(root, 'fmt-text')
      await mkdir(dir)
      await writeFile(join(dir, 'a.txt'), rows.map((r) => r.gt).join('\n') + '\n')
      expect(await countsFrom(`SELECT value AS gt, count(*) AS n FROM text.\`${dir}\` GROUP BY value`)).toEqual(expected)
    })

    it('parquet', async () => {
      const dir = join(root, 'fmt-parquet')
      await mkdir(dir)
      const buffer = parquetWriteBuffer({ columnData: [
        { name: 'gt', data: rows.map((r) => r.gt), type: 'STRING' },
        { name: 'x', data: rows.map((r) => r.x), type: 'INT32' },
      ] })
      await writeFile(join(dir, 'a.parquet'), new Uint8Array(buffer))
      expect(await countsFrom(`SELECT gt, count(*) AS n FROM parquet.\`${dir}\` GROUP BY gt`)).toEqual(expected)
    })

    it('avro', async () => {
      const dir = join(root, 'fmt-avro')
      await mkdir(dir)
      const type = avro.Type.forSchema({ type: 'record', name: 'r', fields: [{ name: 'gt', type: 'string' }, { name: 'x', type: 'int' }] })
      await new Promise<void>((resolve, reject) => {
        const encoder = avro.createFileEncoder(join(dir, 'a.avro'), type)
        encoder.on('finish', resolve).on('error', reject)
        for (const row of rows) encoder.write(row)
        encoder.end()
      })
      expect(await countsFrom(`SELECT gt, count(*) AS n FROM avro.\`${dir}\` GROUP BY gt`)).toEqual(expected)
    })

    it('delta (written through WritePlan)', async () => {
      const dir = join(root, 'fmt-delta')
      const values = rows.map((r) => `('${r.gt}', ${r.x})`).join(', ')
      await unaryCall(coordinator.client, 'WritePlan', {
        plan: { sql: `SELECT * FROM VALUES ${values} AS t(gt, x)` },
        write: { format: 'delta', path: dir, mode: 'overwrite' },
      })
      expect(await countsFrom(`SELECT gt, count(*) AS n FROM delta.\`${dir}\` GROUP BY gt`)).toEqual(expected)
    })
  })
})
