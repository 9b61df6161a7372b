import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { status, type Client, type MethodDefinition } from '@grpc/grpc-js'
import { PLAN_JSON_ENCODING, Plan, encodeLogicalPlan, parseDDL } from '@sluice/shared'
import { loadSluiceProtos, type RowBatch__Output, type SluiceServiceClient } from '@sluice/proto'
import { generateActivityFiles } from '@sluice/datagen'
import { SLUICE_BIN } from './local-cluster.js'
import { forgetExitedProcesses, killAllProcesses, processLogTails, startProcess, type ManagedProcess } from './managed-process.js'
import {
  authorization, callAnyMethod, errorInfoOfCall, failureOf, rawSluiceClient, rowsOf, streamCall, unaryCall,
} from './raw-grpc.js'

// Bad input over gRPC against a real coordinator process (with --token-file and
// --allowed-path) and an executor process, from a raw grpc-js client: each refusal has
// its status and names what is wrong, runs nothing and writes nothing, while another
// client's ExecuteSql keeps being answered correctly throughout and after.

const TOKEN = 'bad-input-test-token'
const BEARER = authorization(`Bearer ${TOKEN}`)

let root: string
let allowed: string
let outside: string
let coordinator: ManagedProcess
let executor: ManagedProcess
let client: SluiceServiceClient
/** The reference for the other client's query: gt → count, by JSON.parse of the files. */
let expectedCounts: Record<string, number>

beforeAll(async () => {
  forgetExitedProcesses()
  root = await mkdtemp(join(tmpdir(), 'sluice-bad-input-'))
  allowed = join(root, 'allowed')
  outside = join(root, 'outside')
  await generateActivityFiles({ outDir: join(allowed, 'data'), files: 2, rowsPerFile: 150, seed: 11 })
  expectedCounts = await countByGt(join(allowed, 'data'))
  await mkdir(join(outside, 'secret'), { recursive: true })
  await writeFile(join(outside, 'secret', 'a.json'), '{"gt":"secret","x":42}\n')
  await symlink(join(outside, 'secret'), join(allowed, 'link-out'))
  await mkdir(join(allowed, 'malformed'))
  await writeFile(join(allowed, 'malformed', 'part-0.json'), '{"gt":"sit","x":1}\n{"gt": "walk", "x": \nnot json at all\n{"gt":"bike","x":3}\n')
  const tokenFile = join(root, 'token')
  await writeFile(tokenFile, `${TOKEN}\n`)

  coordinator = startProcess('bad-input-coordinator', process.execPath, [
    SLUICE_BIN, 'coordinator', '--port', '0', '--token-file', tokenFile, '--allowed-path', allowed,
  ])
  const address = (await coordinator.waitFor(/sluice coordinator listening on (\S+:\d+)/, 30_000))[1]!
  executor = startProcess('bad-input-executor', process.execPath, [
    SLUICE_BIN, 'executor', '--coordinator', address, '--port', '0', '--slots', '1', '--token-file', tokenFile,
  ])
  await executor.waitFor(/registered with coordinator/, 30_000)
  client = rawSluiceClient(address)
  otherClient.start(address)
})
afterAll(async () => {
  await otherClient.stop()
  client?.close()
  await killAllProcesses()
  await rm(root, { recursive: true, force: true })
})
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') console.error(processLogTails(60))
})

/** gt → count over the JSON lines of a folder, with JSON.parse alone. */
async function countByGt(folder: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const name of (await readdir(folder)).filter((n) => n.endsWith('.json'))) {
    for (const line of (await readFile(join(folder, name), 'utf8')).split('\n')) {
      if (line.trim() === '') continue
      const gt = String((JSON.parse(line) as { gt: unknown }).gt)
      counts[gt] = (counts[gt] ?? 0) + 1
    }
  }
  return counts
}

const COUNT_SQL = () => `SELECT gt, count(*) AS n FROM json.\`${join(allowed, 'data')}\` GROUP BY gt`
const asCounts = (rows: readonly Record<string, unknown>[]) => Object.fromEntries(rows.map((r) => [String(r['gt']), Number(r['n'])]))

/**
 * Another client on its own channel, running the count query over and over while the
 * bad requests come: every answer and error is kept; `freshAnswer()` waits for the
 * answer of a call that started after it was asked.
 */
const otherClient = (() => {
  let running = false
  let loop: Promise<void> = Promise.resolve()
  const answers: Record<string, number>[] = []
  const errors: unknown[] = []
  let waiters: { after: number; resolve: (answer: Record<string, number>) => void; reject: (error: unknown) => void }[] = []
  const settle = (call: number, outcome: { answer: Record<string, number> } | { error: unknown }) => {
    for (const w of waiters.filter((w) => call > w.after)) {
      if ('answer' in outcome) w.resolve(outcome.answer)
      else w.reject(outcome.error)
    }
    waiters = waiters.filter((w) => call <= w.after)
  }
  let calls = 0
  return {
    answers, errors,
    start(address: string) {
      running = true
      const other = rawSluiceClient(address)
      loop = (async () => {
        while (running) {
          const call = ++calls
          try {
            const answer = asCounts(await rowsOf(await streamCall<RowBatch__Output>(other, 'ExecuteSql', { sql: COUNT_SQL() }, BEARER)))
            answers.push(answer)
            settle(call, { answer })
          } catch (error) {
            errors.push(error)
            settle(call, { error })
          }
        }
        other.close()
      })()
    },
    freshAnswer(): Promise<Record<string, number>> {
      return new Promise((resolve, reject) => waiters.push({ after: calls, resolve, reject }))
    },
    async stop() {
      running = false
      await loop
    },
  }
})()

describe('bad input to a coordinator process', () => {
  // Throughout: after each test's bad requests, the other client's next call is answered correctly.
  afterEach(async () => {
    expect(await otherClient.freshAnswer()).toEqual(expectedCounts)
  })

  it('should answer INVALID_ARGUMENT naming the problem for invalid plan bytes', async () => {
    const notJson = await failureOf(streamCall(client, 'ExecutePlan', { plan: { encoded: { encoding: PLAN_JSON_ENCODING, data: Buffer.from('not json at all') } } }, BEARER))
    expect(notJson.code).toBe(status.INVALID_ARGUMENT)
    expect(errorInfoOfCall(notJson)).toMatchObject({ errorClass: 'INVALID_PLAN', domain: 'user', grpcStatus: status.INVALID_ARGUMENT })
    expect(notJson.details).toMatch(/INVALID_PLAN/)
    const unknownNode = Buffer.from(JSON.stringify({ encoding: PLAN_JSON_ENCODING, payload: 'logical-plan', value: { kind: 'NoSuchNode' } }))
    const node = await failureOf(streamCall(client, 'ExecutePlan', { plan: { encoded: { encoding: PLAN_JSON_ENCODING, data: unknownNode } } }, BEARER))
    expect(node.code).toBe(status.INVALID_ARGUMENT)
    expect(node.details).toMatch(/NoSuchNode/)
    const encoding = await failureOf(unaryCall(client, 'AnalyzePlan', { plan: { encoded: { encoding: 'pickle/9', data: Buffer.from('x') } } }, BEARER))
    expect(encoding.code).toBe(status.INVALID_ARGUMENT)
    expect(encoding.details).toMatch(/pickle\/9/)
  })

  it('should answer INVALID_ARGUMENT naming an unknown column, and write nothing in the sink folder', async () => {
    const sql = `SELECT gt, no_such_column FROM json.\`${join(allowed, 'data')}\``
    const query = await failureOf(streamCall(client, 'ExecuteSql', { sql }, BEARER))
    expect(query.code).toBe(status.INVALID_ARGUMENT)
    expect(query.details).toMatch(/no_such_column/)
    expect(errorInfoOfCall(query)?.['errorClass']).toMatch(/UNRESOLVED_COLUMN/)

    const writeDir = join(allowed, 'written')
    const write = await failureOf(unaryCall(client, 'WritePlan', { plan: { sql }, write: { format: 'parquet', path: writeDir, mode: 'overwrite' } }, BEARER))
    expect(write.code).toBe(status.INVALID_ARGUMENT)
    expect(write.details).toMatch(/no_such_column/)
    expect(existsSync(writeDir)).toBe(false)

    const sinkDir = join(allowed, 'sink')
    await mkdir(sinkDir)
    const start = await failureOf(unaryCall(client, 'StartQuery', {
      sources: [{ name: 'events', format: 'json', schemaDdl: 'gt STRING, x DOUBLE', path: join(allowed, 'data') }],
      plan: { sql: 'SELECT gt, no_such_column FROM events' },
      sink: { format: 'json', path: sinkDir, checkpointLocation: join(allowed, 'sink-checkpoint') },
    }, BEARER))
    expect(start.code).toBe(status.INVALID_ARGUMENT)
    expect(start.details).toMatch(/no_such_column/)
    expect(await readdir(sinkDir)).toEqual([])
    expect(existsSync(join(allowed, 'sink-checkpoint'))).toBe(false)
  })

  it('should answer RESOURCE_EXHAUSTED to a 5 MiB request', async () => {
    const huge = 'x'.repeat(5 * 1024 * 1024)
    const session = await failureOf(unaryCall(client, 'CreateSession', { conf: { huge } }, BEARER))
    expect(session.code).toBe(status.RESOURCE_EXHAUSTED)
    const sql = await failureOf(streamCall(client, 'ExecuteSql', { sql: `SELECT '${huge}' AS big` }, BEARER))
    expect(sql.code).toBe(status.RESOURCE_EXHAUSTED)
  })

  it('should answer PERMISSION_DENIED to paths outside the allowed roots (.., ..%252f, a symlink escape), writing nothing', async () => {
    const denied = async (work: Promise<unknown>, named: RegExp) => {
      const error = await failureOf(work)
      expect(error.code).toBe(status.PERMISSION_DENIED)
      expect(errorInfoOfCall(error)?.['errorClass']).toBe('PATH_NOT_ALLOWED')
      expect(error.details).toMatch(named)
    }
    for (const path of [join(allowed, '..', 'outside', 'secret'), `${allowed}/..%252foutside%252fsecret`, join(allowed, 'link-out'), join(allowed, 'link-out', 'a.json')]) {
      await denied(streamCall(client, 'ExecuteSql', { sql: `SELECT * FROM json.\`${path}\`` }, BEARER), /PATH_NOT_ALLOWED/)
    }
    await denied(unaryCall(client, 'WritePlan', { plan: { sql: 'SELECT 1 AS one' }, write: { format: 'json', path: join(allowed, '..', 'outside', 'w') } }, BEARER), /write path/)
    await denied(unaryCall(client, 'WritePlan', { plan: { sql: 'SELECT 1 AS one' }, write: { format: 'json', path: join(allowed, 'link-out', 'w') } }, BEARER), /link-out/)
    await denied(unaryCall(client, 'StartQuery', {
      sources: [{ name: 'events', format: 'json', schemaDdl: 'gt STRING, x DOUBLE', path: join(allowed, 'data') }],
      plan: { sql: 'SELECT gt FROM events' },
      sink: { format: 'json', path: `${allowed}/..%252foutside%252fsink`, checkpointLocation: join(allowed, 'ckpt') },
    }, BEARER), /sink path/)
    expect(await readdir(outside)).toEqual(['secret'])
    expect(await readdir(join(outside, 'secret'))).toEqual(['a.json'])
  })

  it('should answer UNAUTHENTICATED on every method without the token or with a wrong one, and run nothing', async () => {
    const protos = loadSluiceProtos()
    const methods = [...Object.values(protos.SluiceService.service), ...Object.values(protos.ClusterService.service)] as MethodDefinition<object, object>[]
    expect(methods.map((m) => m.path)).toEqual(expect.arrayContaining(['/sluice.v1.SluiceService/ExecuteSql', '/sluice.v1.SluiceService/StartQuery', '/sluice.v1.ClusterService/RegisterExecutor']))
    const target = join(allowed, 'must-not-exist')
    const request = {
      sql: `SELECT * FROM json.\`${join(allowed, 'data')}\``, sessionId: '', plan: { sql: 'SELECT 1 AS one' },
      write: { format: 'json', path: target, mode: 'overwrite' }, conf: { a: 'b' },
      sources: [{ name: 'events', format: 'json', schemaDdl: 'gt STRING', path: join(allowed, 'data') }],
      sink: { format: 'json', path: target, checkpointLocation: join(target, 'ckpt') },
      executorId: 'intruder', address: '127.0.0.1:1', slots: 1,
    }
    for (const metadata of [authorization(undefined), authorization(`Bearer not-${TOKEN}`), authorization(TOKEN), authorization('Basic abc')]) {
      for (const method of methods) {
        const error = await failureOf(callAnyMethod(client as unknown as Client, method, request, metadata))
        expect(error.code, method.path).toBe(status.UNAUTHENTICATED)
        expect(errorInfoOfCall(error)?.['errorClass'], method.path).toBe('UNAUTHENTICATED')
      }
    }
    expect(existsSync(target)).toBe(false)
    const queries = await unaryCall<{ queries: unknown[] }>(client, 'ListQueries', {}, BEARER)
    expect(queries.queries).toEqual([])
    expect(coordinator.output()).not.toMatch(/executor intruder registered/)
  })

  describe('malformed records in JSON input', () => {
    const file = () => join(allowed, 'malformed', 'part-0.json')

    it('should put them in _corrupt_record in PERMISSIVE mode (the default), other columns null', async () => {
      const sql = `SELECT gt, x, _corrupt_record FROM json.\`${join(allowed, 'malformed')}\``
      const rows = await rowsOf(await streamCall<RowBatch__Output>(client, 'ExecuteSql', { sql }, BEARER))
      const byText = (r: Record<string, unknown>) => JSON.stringify([r['gt'], r['x'], r['_corrupt_record']])
      expect(rows.map(byText).sort()).toEqual([
        ['sit', 1, null], [null, null, '{"gt": "walk", "x": '], [null, null, 'not json at all'], ['bike', 3, null],
      ].map((r) => JSON.stringify(r)).sort())
    })

    it('should fail in FAILFAST mode with an error naming the file', async () => {
      const relation = Plan.relation({ format: 'json', paths: [join(allowed, 'malformed')], options: { mode: 'FAILFAST' }, userSchema: parseDDL('gt STRING, x DOUBLE'), streaming: false })
      const error = await failureOf(streamCall(client, 'ExecutePlan', { plan: { encoded: { encoding: PLAN_JSON_ENCODING, data: encodeLogicalPlan(relation) } } }, BEARER))
      expect(errorInfoOfCall(error)?.['errorClass']).toMatch(/MALFORMED_RECORD_IN_PARSING/)
      expect(error.details).toContain(file())
    })
  })

})

describe('after the bad input', () => {
  it('should have answered the other client\'s every ExecuteSql correctly, and still answer both clients', async () => {
    const last = await otherClient.freshAnswer()
    await otherClient.stop()
    expect(otherClient.errors).toEqual([])
    // At least one answer per test above, each started after that test's bad requests.
    expect(otherClient.answers.length).toBeGreaterThanOrEqual(7)
    for (const answer of [...otherClient.answers, last]) expect(answer).toEqual(expectedCounts)
    const after = await rowsOf(await streamCall<RowBatch__Output>(client, 'ExecuteSql', { sql: COUNT_SQL() }, BEARER))
    expect(asCounts(after)).toEqual(expectedCounts)
    expect(coordinator.isRunning()).toBe(true)
    expect(executor.isRunning()).toBe(true)
  })
})
