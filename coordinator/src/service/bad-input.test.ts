import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Metadata, credentials, status, type Client, type MethodDefinition } from '@grpc/grpc-js'
import { PLAN_JSON_ENCODING, Plan, encodeLogicalPlan } from '@sluice/shared'
import { loadSluiceProtos } from '@sluice/proto'
import type { CreateSessionResponse__Output, RowBatch__Output } from '@sluice/proto'
import { createClusterRuntime } from '../cluster/cluster-runtime.js'
import {
  callAnyMethod, errorInfoOfCall, failureOf, rowsOf, startTestCoordinator, streamCall, unaryCall, type TestCoordinator,
} from './testing/service-harness.js'

describe('SluiceService bad input', () => {
  let root: string
  let allowed: string
  let outside: string
  let coordinator: TestCoordinator

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'sluice-service-bad-'))
    allowed = join(root, 'allowed')
    outside = join(root, 'outside')
    await mkdir(join(allowed, 'data'), { recursive: true })
    await mkdir(join(outside, 'secret'), { recursive: true })
    await writeFile(join(allowed, 'data', 'a.json'), '{"gt":"sit","x":1}\n{"gt":"walk","x":2}\n')
    await writeFile(join(outside, 'secret', 'a.json'), '{"gt":"secret","x":42}\n')
    await symlink(join(outside, 'secret'), join(allowed, 'link-out'))
    await symlink(join(outside, 'not-yet'), join(allowed, 'dangling-out'))
    coordinator = await startTestCoordinator({ allowedPaths: [allowed] })
  })
  afterAll(async () => {
    await coordinator.close()
    await rm(root, { recursive: true, force: true })
  })

  /** After every refusal the same server still answers another client. */
  const stillServes = async (): Promise<void> => {
    const other = coordinator.newClient()
    const rows = await rowsOf(await streamCall<RowBatch__Output>(other, 'ExecuteSql', { sql: `SELECT count(*) AS n FROM json.\`${join(allowed, 'data')}\`` }))
    expect(rows.map((r) => Number(r['n']))).toEqual([2])
  }

  it('should answer INVALID_ARGUMENT naming the problem for invalid plan bytes', async () => {
    for (const data of [Buffer.from('not json at all'), Buffer.from('{"version":"sluice-plan-json/1","payload":"logical-plan","value":{"kind":"NoSuchNode"}}')]) {
      const error = await failureOf(streamCall(coordinator.client, 'ExecutePlan', { plan: { encoded: { encoding: PLAN_JSON_ENCODING, data } } }))
      expect(error.code).toBe(status.INVALID_ARGUMENT)
      expect(errorInfoOfCall(error)).toMatchObject({ errorClass: 'INVALID_PLAN', domain: 'user', grpcStatus: status.INVALID_ARGUMENT })
      expect(error.details).toMatch(/INVALID_PLAN/)
    }
    const unknown = await failureOf(unaryCall(coordinator.client, 'AnalyzePlan', { plan: { encoded: { encoding: 'pickle/9', data: Buffer.from('x') } } }))
    expect(unknown.code).toBe(status.INVALID_ARGUMENT)
    expect(unknown.details).toMatch(/pickle\/9/)
    await stillServes()
  })

  it('should answer INVALID_ARGUMENT naming an unknown column, and write nothing', async () => {
    const sql = `SELECT gt, no_such_column FROM json.\`${join(allowed, 'data')}\``
    const query = await failureOf(streamCall(coordinator.client, 'ExecuteSql', { sql }))
    expect(query.code).toBe(status.INVALID_ARGUMENT)
    expect(query.details).toMatch(/no_such_column/)
    expect(errorInfoOfCall(query)?.['errorClass']).toMatch(/UNRESOLVED_COLUMN/)

    const writeDir = join(allowed, 'written')
    const write = await failureOf(unaryCall(coordinator.client, 'WritePlan', { plan: { sql }, write: { format: 'parquet', path: writeDir, mode: 'overwrite' } }))
    expect(write.code).toBe(status.INVALID_ARGUMENT)
    expect(write.details).toMatch(/no_such_column/)
    expect(existsSync(writeDir)).toBe(false)

    const sinkDir = join(allowed, 'sink')
    await mkdir(sinkDir)
    const start = await failureOf(unaryCall(coordinator.client, 'StartQuery', {
      sources: [{ name: 'events', format: 'json', schemaDdl: 'gt STRING, x INT', path: join(allowed, 'data') }],
      plan: { sql: 'SELECT gt, no_such_column FROM events' },
      sink: { format: 'json', path: sinkDir, checkpointLocation: join(allowed, 'sink-checkpoint') },
    }))
    expect(start.code).toBe(status.INVALID_ARGUMENT)
    expect(start.details).toMatch(/no_such_column/)
    expect(await readdir(sinkDir)).toEqual([])
    expect(existsSync(join(allowed, 'sink-checkpoint'))).toBe(false)
    await stillServes()
  })

  it('should answer RESOURCE_EXHAUSTED to a 5 MiB request and run nothing', async () => {
    const before = coordinator.sessions.size
    const huge = 'x'.repeat(5 * 1024 * 1024)
    const error = await failureOf(unaryCall(coordinator.client, 'CreateSession', { conf: { huge } }))
    expect(error.code).toBe(status.RESOURCE_EXHAUSTED)
    expect(error.details).toMatch(/larger than max/)
    const sql = await failureOf(streamCall(coordinator.client, 'ExecuteSql', { sql: `SELECT '${huge}' AS big` }))
    expect(sql.code).toBe(status.RESOURCE_EXHAUSTED)
    expect(coordinator.sessions.size).toBe(before)
    await stillServes()
  })

  describe('paths outside the allowed roots: PERMISSION_DENIED', () => {
    const denied = async (work: Promise<unknown>, path: RegExp | string): Promise<void> => {
      const error = await failureOf(work)
      expect(error.code).toBe(status.PERMISSION_DENIED)
      expect(errorInfoOfCall(error)?.['errorClass']).toBe('PATH_NOT_ALLOWED')
      expect(error.details).toMatch(path)
    }

    it('should refuse .., percent-encoded ..%2f / ..%252f and symlink escapes in SQL on files', async () => {
      const attempts = [
        join(allowed, '..', 'outside', 'secret'),
        `${allowed}/..%2foutside/secret`,
        `${allowed}/..%252foutside%252fsecret`,
        `${allowed}/%252e%252e/outside/secret`,
        join(allowed, 'link-out'),
        join(allowed, 'link-out', 'a.json'),
        `file://${join(outside, 'secret')}`,
        join(outside, 'secret', '*.json'),
        `${allowed}/data/{a,../../outside/secret/a}.json`,
        join(outside, 'café ☕'),
      ]
      for (const path of attempts) {
        await denied(streamCall(coordinator.client, 'ExecuteSql', { sql: `SELECT * FROM json.\`${path}\`` }), /PATH_NOT_ALLOWED/)
      }
      await stillServes()
    })

    it('should refuse file relations anywhere in an encoded plan (a subquery too) and in views', async () => {
      const secret = Plan.relation({ format: 'json', paths: [join(allowed, '..', 'outside', 'secret')], options: {}, streaming: false })
      const plan = Plan.union([Plan.relation({ format: 'json', paths: [join(allowed, 'data')], options: {}, streaming: false }), secret])
      const envelope = { encoded: { encoding: PLAN_JSON_ENCODING, data: encodeLogicalPlan(plan) } }
      await denied(streamCall(coordinator.client, 'ExecutePlan', { plan: envelope }), /outside/)
      await denied(unaryCall(coordinator.client, 'AnalyzePlan', { plan: envelope }), /outside/)
      const { sessionId } = await unaryCall<CreateSessionResponse__Output>(coordinator.client, 'CreateSession', {})
      await denied(unaryCall(coordinator.client, 'ManageView', { sessionId, operation: 'OPERATION_CREATE', name: 'v', plan: envelope }), /outside/)
      const inSubquery = `SELECT * FROM json.\`${join(allowed, 'data')}\` WHERE x IN (SELECT x FROM json.\`${join(allowed, 'link-out')}\`)`
      await denied(streamCall(coordinator.client, 'ExecuteSql', { sql: inSubquery }), /link-out/)
      const basePath = Plan.relation({ format: 'json', paths: [join(allowed, 'data')], options: { basepath: outside }, streaming: false })
      await denied(streamCall(coordinator.client, 'ExecutePlan', { plan: { encoded: { encoding: PLAN_JSON_ENCODING, data: encodeLogicalPlan(basePath) } } }), /basepath/)
    })

    it('should refuse write paths (a dangling symlink out too) and write nothing', async () => {
      const plan = { sql: 'SELECT 1 AS one' }
      await denied(unaryCall(coordinator.client, 'WritePlan', { plan, write: { format: 'json', path: join(allowed, '..', 'outside', 'w') } }), /write path/)
      await denied(unaryCall(coordinator.client, 'WritePlan', { plan, write: { format: 'json', path: join(allowed, 'dangling-out', 'w') } }), /dangling-out/)
      expect(existsSync(join(outside, 'w'))).toBe(false)
      expect(existsSync(join(outside, 'not-yet'))).toBe(false)
    })

    it('should refuse source paths, sink paths, checkpoint locations and path confs of streaming queries', async () => {
      const source = { name: 'events', format: 'json', schemaDdl: 'gt STRING, x INT', path: join(allowed, 'data') }
      const sink = { format: 'json', path: join(allowed, 'out'), checkpointLocation: join(allowed, 'ckpt') }
      const plan = { sql: 'SELECT gt FROM events' }
      await denied(unaryCall(coordinator.client, 'StartQuery', { sources: [{ ...source, path: join(allowed, 'link-out') }], plan, sink }), /source path/)
      await denied(unaryCall(coordinator.client, 'StartQuery', { sources: [source], plan, sink: { ...sink, path: `${allowed}/..%252foutside` } }), /sink path/)
      await denied(unaryCall(coordinator.client, 'StartQuery', { sources: [source], plan, sink: { ...sink, checkpointLocation: join(outside, 'ckpt') } }), /checkpoint/)
      await denied(unaryCall(coordinator.client, 'StartQuery', { sources: [{ ...source, options: { cleanSource: 'archive', sourceArchiveDir: outside } }], plan, sink }), /sourcearchivedir/)
      const { sessionId } = await unaryCall<CreateSessionResponse__Output>(coordinator.client, 'CreateSession', {})
      await denied(unaryCall(coordinator.client, 'Config', { sessionId, operation: 'OPERATION_SET', set: { 'spark.sql.streaming.checkpointLocation': outside } }), /checkpointLocation/)
      await unaryCall(coordinator.client, 'Config', { sessionId, operation: 'OPERATION_SET', set: { 'spark.sql.streaming.checkpointLocation': join(allowed, 'ckpts') } })
      await denied(unaryCall(coordinator.client, 'StartQuery', { sessionId, sources: [source], plan, sink: { format: 'noop', queryName: '../../outside/q' } }), /checkpoint location/)
      expect(existsSync(join(outside, 'ckpt'))).toBe(false)
      expect(existsSync(join(outside, 'q'))).toBe(false)
      expect(coordinator.sessions.queries.active()).toEqual([])
      await stillServes()
    })
  })
})

describe('SluiceService and ClusterService with a bearer token', () => {
  const token = 'the-right-token'
  let coordinator: TestCoordinator
  let runtime: ReturnType<typeof createClusterRuntime>
  let writeDir: string

  beforeAll(async () => {
    writeDir = await mkdtemp(join(tmpdir(), 'sluice-service-token-'))
    runtime = createClusterRuntime({
      epoch: Date.now(), heartbeatIntervalMs: 1000, executorTimeoutMs: 10_000, maxTaskFailures: 4,
      channelCredentials: credentials.createInsecure(), maxMessageBytes: 4 * 1024 * 1024, token,
    })
    coordinator = await startTestCoordinator({ token, allowedPaths: [writeDir], services: [runtime.clusterService] })
  })
  afterAll(async () => {
    await coordinator.close()
    await runtime.close()
    await rm(writeDir, { recursive: true, force: true })
  })

  const bearer = (value: string): Metadata => {
    const metadata = new Metadata()
    metadata.set('authorization', value)
    return metadata
  }

  it('should answer UNAUTHENTICATED on every method without the token or with a wrong one, and run nothing', async () => {
    const protos = loadSluiceProtos()
    const client = coordinator.client as unknown as Client
    const methods = [
      ...Object.values(protos.SluiceService.service),
      ...Object.values(protos.ClusterService.service),
    ] as MethodDefinition<object, object>[]
    expect(methods.length).toBeGreaterThanOrEqual(19)
    const target = join(writeDir, 'must-not-exist')
    const request = {
      sql: 'SELECT 1 AS one', sessionId: '', plan: { sql: 'SELECT 1 AS one' },
      write: { format: 'json', path: target, mode: 'overwrite' }, conf: { a: 'b' },
      executorId: 'e1', address: '127.0.0.1:1', slots: 1,
    }
    for (const metadata of [new Metadata(), bearer(`Bearer not-${token}`), bearer(token), bearer('Basic abc')]) {
      for (const method of methods) {
        const error = await failureOf(callAnyMethod(client, method, request, metadata))
        expect(error.code, `${method.path}`).toBe(status.UNAUTHENTICATED)
        expect(errorInfoOfCall(error)?.['errorClass']).toBe('UNAUTHENTICATED')
      }
    }
    expect(coordinator.sessions.size).toBe(0)
    expect(existsSync(target)).toBe(false)
    expect(runtime.registry.live()).toEqual([])

    const ok = await unaryCall<CreateSessionResponse__Output>(client, 'CreateSession', {}, bearer(`Bearer ${token}`))
    expect(ok.sessionId).not.toBe('')
    const rows = await rowsOf(await streamCall<RowBatch__Output>(coordinator.newClient(), 'ExecuteSql', { sql: 'SELECT 41 + 1 AS n' }, bearer(`Bearer ${token}`)))
    expect(rows.map((r) => Number(r['n']))).toEqual([42])
  })
})
