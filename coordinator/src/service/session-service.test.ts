import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  ConfigResponse__Output, CreateSessionResponse__Output, ListTablesResponse__Output, ManageViewResponse__Output, RowBatch__Output,
} from '@sluice/proto'
import { failureOf, rowsOf, startTestCoordinator, streamCall, unaryCall, type TestCoordinator } from './testing/service-harness.js'

describe('SluiceService sessions: CreateSession, Config, ManageView, ListTables, CloseSession', () => {
  let coordinator: TestCoordinator

  beforeAll(async () => { coordinator = await startTestCoordinator() })
  afterAll(async () => { await coordinator.close() })

  it('should keep confs per session (set, get, unset), the creation confs included', async () => {
    const client = coordinator.client
    const { sessionId, serverVersion } = await unaryCall<CreateSessionResponse__Output>(client, 'CreateSession', { conf: { 'spark.sql.session.timeZone': 'Europe/Paris' }, appName: 'test' })
    expect(serverVersion).toMatch(/^\d+\.\d+\.\d+/)
    const other = await unaryCall<CreateSessionResponse__Output>(client, 'CreateSession', {})

    await unaryCall(client, 'Config', { sessionId, operation: 'OPERATION_SET', set: { 'spark.sql.shuffle.partitions': '7', 'my.key': 'v' } })
    const got = await unaryCall<ConfigResponse__Output>(client, 'Config', { sessionId, operation: 'OPERATION_GET', keys: ['spark.sql.shuffle.partitions', 'spark.sql.session.timeZone', 'absent.key'] })
    expect(got.values).toEqual({ 'spark.sql.shuffle.partitions': '7', 'spark.sql.session.timeZone': 'Europe/Paris' })
    const all = await unaryCall<ConfigResponse__Output>(client, 'Config', { sessionId, operation: 'OPERATION_GET' })
    expect(all.values['my.key']).toBe('v')

    const elsewhere = await unaryCall<ConfigResponse__Output>(client, 'Config', { sessionId: other.sessionId, operation: 'OPERATION_GET', keys: ['my.key', 'spark.sql.shuffle.partitions'] })
    expect(elsewhere.values).toEqual({ 'spark.sql.shuffle.partitions': '2' })

    await unaryCall(client, 'Config', { sessionId, operation: 'OPERATION_UNSET', keys: ['my.key'] })
    const after = await unaryCall<ConfigResponse__Output>(client, 'Config', { sessionId, operation: 'OPERATION_GET', keys: ['my.key'] })
    expect(after.values).toEqual({})
  })

  it('should create, replace, list, query and drop temporary views of a session only', async () => {
    const client = coordinator.client
    const { sessionId } = await unaryCall<CreateSessionResponse__Output>(client, 'CreateSession', {})
    await unaryCall(client, 'ManageView', { sessionId, operation: 'OPERATION_CREATE', name: 'nums', plan: { sql: 'SELECT * FROM VALUES (1), (2), (3) AS t(n)' } })
    const duplicate = await failureOf(unaryCall(client, 'ManageView', { sessionId, operation: 'OPERATION_CREATE', name: 'nums', plan: { sql: 'SELECT 1 AS n' } }))
    expect(duplicate.code).toBe(3)
    expect(duplicate.details).toMatch(/TEMP_TABLE_OR_VIEW_ALREADY_EXISTS/)
    await unaryCall(client, 'ManageView', { sessionId, operation: 'OPERATION_CREATE_OR_REPLACE', name: 'nums', plan: { sql: 'SELECT * FROM VALUES (10), (20) AS t(n)' } })

    const rows = await rowsOf(await streamCall<RowBatch__Output>(client, 'ExecuteSql', { sessionId, sql: 'SELECT sum(n) AS total FROM nums' }))
    expect(rows.map((r) => Number(r['total']))).toEqual([30])
    const tables = await unaryCall<ListTablesResponse__Output>(client, 'ListTables', { sessionId })
    expect(tables.tables).toEqual([{ name: 'nums', tableType: 'TEMPORARY', isTemporary: true }])

    const fresh = await failureOf(streamCall(client, 'ExecuteSql', { sql: 'SELECT * FROM nums' }))
    expect(fresh.code).toBe(3)
    expect(fresh.details).toMatch(/TABLE_OR_VIEW_NOT_FOUND/)

    const dropped = await unaryCall<ManageViewResponse__Output>(client, 'ManageView', { sessionId, operation: 'OPERATION_DROP', name: 'nums' })
    expect(dropped.existed).toBe(true)
    const again = await unaryCall<ManageViewResponse__Output>(client, 'ManageView', { sessionId, operation: 'OPERATION_DROP', name: 'nums' })
    expect(again.existed).toBe(false)
  })

  it('should answer NOT_FOUND for a closed or unknown session', async () => {
    const client = coordinator.client
    const { sessionId } = await unaryCall<CreateSessionResponse__Output>(client, 'CreateSession', {})
    await unaryCall(client, 'CloseSession', { sessionId })
    const closed = await failureOf(unaryCall(client, 'Config', { sessionId, operation: 'OPERATION_GET' }))
    expect(closed.code).toBe(5)
    expect(closed.details).toContain(sessionId)
    const unknown = await failureOf(streamCall(client, 'ExecuteSql', { sessionId: 'no-such-session', sql: 'SELECT 1' }))
    expect(unknown.code).toBe(5)
  })

  it('should not keep a fresh session for a statement without a session id', async () => {
    const before = coordinator.sessions.size
    await streamCall(coordinator.client, 'ExecuteSql', { sql: 'SELECT 1 AS one' })
    expect(coordinator.sessions.size).toBe(before)
  })
})
