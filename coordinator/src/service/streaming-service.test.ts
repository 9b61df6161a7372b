import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Metadata, type ClientDuplexStream, type ClientReadableStream } from '@grpc/grpc-js'
import { schemaFromJson } from '@sluice/shared'
import type {
  AwaitTerminationResponse__Output, CreateSessionResponse__Output, ListQueriesResponse__Output, QueryEvent__Output, QueryInfo__Output,
  RowBatch__Output, SinkCallbackAck, SinkCallbackBatch__Output,
} from '@sluice/proto'
import { readAvroContainer, rowsOf, startTestCoordinator, streamCall, unaryCall, type TestCoordinator } from './testing/service-harness.js'

const SCHEMA = 'gt STRING, x INT'
const rowsA = [{ gt: 'sit', x: 1 }, { gt: 'walk', x: 2 }, { gt: 'sit', x: 3 }, { gt: 'bike', x: 4 }]
const rowsB = [{ gt: 'walk', x: 5 }, { gt: 'sit', x: 6 }]

function countBy(rows: readonly { gt: string }[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(row.gt, (counts.get(row.gt) ?? 0) + 1)
  return counts
}

describe('SluiceService streaming queries', () => {
  let root: string
  let coordinator: TestCoordinator

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'sluice-service-stream-'))
    coordinator = await startTestCoordinator({ allowedPaths: [root] })
  })
  afterAll(async () => {
    await coordinator.close()
    await rm(root, { recursive: true, force: true })
  })

  const newSession = async (): Promise<string> => (await unaryCall<CreateSessionResponse__Output>(coordinator.client, 'CreateSession', {})).sessionId

  const inputDir = async (name: string, ...files: (readonly { gt: string; x: number }[])[]): Promise<string> => {
    const dir = join(root, name)
    await mkdir(dir, { recursive: true })
    for (const [i, rows] of files.entries()) await writeFile(join(dir, `part-${i}.json`), rows.map((r) => JSON.stringify(r)).join('\n') + '\n')
    return dir
  }

  it('should run SQL over a streaming source into a memory table readable by ExecuteSql, then list and stop it', async () => {
    const sessionId = await newSession()
    const dir = await inputDir('memory-in', rowsA)
    const started = await unaryCall<QueryInfo__Output>(coordinator.client, 'StartQuery', {
      sessionId,
      sources: [{ name: 'events', format: 'json', schemaDdl: SCHEMA, path: dir }],
      plan: { sql: 'SELECT gt, count(*) AS n FROM events GROUP BY gt' },
      sink: { format: 'memory', outputMode: 'complete', queryName: 'counts' },
    })
    expect(started.isActive).toBe(true)
    expect(started.sessionId).toBe(sessionId)
    expect(started.name).toBe('counts')

    const counted = async (): Promise<Map<string, number>> => {
      const rows = await rowsOf(await streamCall<RowBatch__Output>(coordinator.client, 'ExecuteSql', { sessionId, sql: 'SELECT gt, n FROM counts' }))
      return new Map(rows.map((r) => [String(r['gt']), Number(r['n'])]))
    }
    await unaryCall(coordinator.client, 'ProcessAllAvailable', { queryId: started.id })
    expect(await counted()).toEqual(countBy(rowsA))

    await writeFile(join(dir, 'part-1.json'), rowsB.map((r) => JSON.stringify(r)).join('\n') + '\n')
    const info = await unaryCall<QueryInfo__Output>(coordinator.client, 'ProcessAllAvailable', { queryId: started.id })
    expect(await counted()).toEqual(countBy([...rowsA, ...rowsB]))
    const progress = info.recentProgressJson.map((json) => JSON.parse(json) as { batchId: number; numInputRows: number; sink: { description: string } })
    expect(progress.map((p) => p.numInputRows).reduce((a, b) => a + b, 0)).toBe(rowsA.length + rowsB.length)
    expect(progress.at(-1)!.sink.description).toBe('MemorySink')
    expect(JSON.parse(info.statusJson)).toHaveProperty('isTriggerActive')

    const listed = await unaryCall<ListQueriesResponse__Output>(coordinator.client, 'ListQueries', { sessionId })
    expect(listed.queries.map((q) => q.id)).toEqual([started.id])
    const everyone = await unaryCall<ListQueriesResponse__Output>(coordinator.client, 'ListQueries', {})
    expect(everyone.queries.map((q) => q.id)).toContain(started.id)

    const stopped = await unaryCall<QueryInfo__Output>(coordinator.client, 'StopQuery', { queryId: started.id })
    expect(stopped.isActive).toBe(false)
    expect(stopped.exception).toBeNull()
    expect((await unaryCall<ListQueriesResponse__Output>(coordinator.client, 'ListQueries', { sessionId })).queries).toEqual([])
    const remembered = await unaryCall<ListQueriesResponse__Output>(coordinator.client, 'ListQueries', { sessionId, includeTerminated: true })
    expect(remembered.queries.map((q) => [q.id, q.isActive])).toEqual([[started.id, false]])
    const awaited = await unaryCall<AwaitTerminationResponse__Output>(coordinator.client, 'AwaitTermination', { queryId: started.id })
    expect(awaited.terminated).toBe(true)
    expect((await unaryCall<QueryInfo__Output>(coordinator.client, 'GetQuery', { queryId: started.id })).isActive).toBe(false)
  })

  it('should stream listener events (started, progress, terminated) of a session to WatchEvents', async () => {
    const sessionId = await newSession()
    const dir = await inputDir('events-in', rowsA)
    const watch: ClientReadableStream<QueryEvent__Output> = coordinator.client.WatchEvents({ sessionId })
    const events: QueryEvent__Output[] = []
    watch.on('data', (event: QueryEvent__Output) => events.push(event))
    watch.on('error', () => undefined)
    const watchAll: ClientReadableStream<QueryEvent__Output> = coordinator.client.WatchEvents({})
    const allEvents: QueryEvent__Output[] = []
    watchAll.on('data', (event: QueryEvent__Output) => allEvents.push(event))
    watchAll.on('error', () => undefined)
    await Promise.all([new Promise((resolve) => watch.once('metadata', resolve)), new Promise((resolve) => watchAll.once('metadata', resolve))])

    const started = await unaryCall<QueryInfo__Output>(coordinator.client, 'StartQuery', {
      sessionId,
      sources: [{ name: 'events', format: 'json', schemaDdl: SCHEMA, path: dir }],
      plan: { sql: 'SELECT gt, x FROM events WHERE x > 1' },
      sink: { format: 'noop', queryName: 'watched' },
    })
    await unaryCall(coordinator.client, 'ProcessAllAvailable', { queryId: started.id })
    await unaryCall(coordinator.client, 'StopQuery', { queryId: started.id })
    await waitFor(() => events.some((e) => e.type === 'QueryTerminatedEvent'))
    await waitFor(() => allEvents.some((e) => e.type === 'QueryTerminatedEvent' && e.queryId === started.id))
    watch.cancel()
    watchAll.cancel()
    expect(allEvents.filter((e) => e.queryId === started.id)).toEqual(events)

    expect(events[0]).toMatchObject({ type: 'QueryStartedEvent', queryId: started.id, runId: started.runId })
    expect(JSON.parse(events[0]!.json)).toMatchObject({ id: started.id, runId: started.runId, name: 'watched' })
    const progress = events.filter((e) => e.type === 'QueryProgressEvent').map((e) => JSON.parse(e.json) as { progress: { batchId: number; numInputRows: number } })
    expect(progress[0]!.progress).toMatchObject({ batchId: 0, numInputRows: rowsA.length })
    expect(JSON.parse(events.at(-1)!.json)).toEqual({ id: started.id, runId: started.runId, exception: null, errorClassOnException: null })
  })

  it('should run a foreachBatch sink in the client over SinkCallbacks, each batch with its id', async () => {
    const sessionId = await newSession()
    const dir = await inputDir('callback-in', rowsA)
    const call: ClientDuplexStream<SinkCallbackAck, SinkCallbackBatch__Output> = coordinator.client.SinkCallbacks(new Metadata())
    const received: { batchId: string; rows: Record<string, unknown>[]; fields: string[] }[] = []
    call.on('data', (batch: SinkCallbackBatch__Output) => {
      void readAvroContainer(batch.avro).then(({ records }) => {
        received.push({ batchId: batch.batchId, rows: records, fields: schemaFromJson(batch.schemaJson).fields.map((f) => f.name) })
        call.write({ done: { callbackId: batch.callbackId, batchId: batch.batchId } })
      })
    })
    call.on('error', () => undefined)
    call.write({ hello: { sessionId, callbackIds: ['cb-1'] } })

    const started = await unaryCall<QueryInfo__Output>(coordinator.client, 'StartQuery', {
      sessionId,
      sources: [{ name: 'events', format: 'json', schemaDdl: SCHEMA, path: dir }],
      plan: { sql: 'SELECT gt, x * 10 AS x10 FROM events' },
      sink: { format: 'foreachBatch', callbackId: 'cb-1' },
    })
    await unaryCall(coordinator.client, 'ProcessAllAvailable', { queryId: started.id })
    await writeFile(join(dir, 'part-1.json'), rowsB.map((r) => JSON.stringify(r)).join('\n') + '\n')
    const info = await unaryCall<QueryInfo__Output>(coordinator.client, 'ProcessAllAvailable', { queryId: started.id })
    expect(info.sinkDescription).toBe('ForeachBatchSink')
    await unaryCall(coordinator.client, 'StopQuery', { queryId: started.id })
    call.end()

    expect(received.map((r) => r.batchId)).toEqual(['0', '1'])
    expect(received[0]!.fields).toEqual(['gt', 'x10'])
    expect(received[0]!.rows).toEqual(rowsA.map((r) => ({ gt: r.gt, x10: r.x * 10 })))
    expect(received[1]!.rows).toEqual(rowsB.map((r) => ({ gt: r.gt, x10: r.x * 10 })))
  })

  it('should fail the query with a clear error when its client callback stream is gone', async () => {
    const sessionId = await newSession()
    const dir = await inputDir('callback-gone-in', rowsA)
    const call: ClientDuplexStream<SinkCallbackAck, SinkCallbackBatch__Output> = coordinator.client.SinkCallbacks(new Metadata())
    call.on('error', () => undefined)
    call.on('data', () => call.cancel())
    call.write({ hello: { sessionId, callbackIds: ['cb-gone'] } })
    const started = await unaryCall<QueryInfo__Output>(coordinator.client, 'StartQuery', {
      sessionId,
      sources: [{ name: 'events', format: 'json', schemaDdl: SCHEMA, path: dir }],
      plan: { sql: 'SELECT gt FROM events' },
      sink: { format: 'foreachBatch', callbackId: 'cb-gone' },
    })
    const awaited = await unaryCall<AwaitTerminationResponse__Output>(coordinator.client, 'AwaitTermination', { queryId: started.id, timeoutMs: '20000' })
    expect(awaited.terminated).toBe(true)
    expect(awaited.query!.isActive).toBe(false)
    expect(awaited.query!.exception!.errorClass).toBe('STREAM_FAILED')
    expect(awaited.query!.exception!.message).toMatch(/SINK_CALLBACK_CLIENT_GONE.*cb-gone.*batch 0/)
  })

  it('should write a file sink and read it back as a batch source', async () => {
    const sessionId = await newSession()
    const dir = await inputDir('file-in', rowsA, rowsB)
    const out = join(root, 'file-out')
    const started = await unaryCall<QueryInfo__Output>(coordinator.client, 'StartQuery', {
      sessionId,
      sources: [{ name: 'events', format: 'json', schemaDdl: SCHEMA, path: dir }],
      plan: { sql: "SELECT gt, x FROM events WHERE gt = 'sit'" },
      sink: { format: 'json', path: out, checkpointLocation: join(root, 'file-ckpt'), trigger: { availableNow: true } },
    })
    const awaited = await unaryCall<AwaitTerminationResponse__Output>(coordinator.client, 'AwaitTermination', { queryId: started.id, timeoutMs: '20000' })
    expect(awaited.terminated).toBe(true)
    expect(awaited.query!.exception).toBeNull()
    expect((await readdir(out)).some((f) => f.endsWith('.json'))).toBe(true)
    const rows = await rowsOf(await streamCall<RowBatch__Output>(coordinator.client, 'ExecuteSql', { sql: `SELECT x FROM json.\`${out}\` ORDER BY x` }))
    expect(rows.map((r) => Number(r['x']))).toEqual([...rowsA, ...rowsB].filter((r) => r.gt === 'sit').map((r) => r.x).sort((a, b) => a - b))
  })
})

async function waitFor(test: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!test()) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('SluiceService sink callbacks over the message limit', () => {
  let root: string
  let coordinator: TestCoordinator

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'sluice-service-limit-'))
    coordinator = await startTestCoordinator({ allowedPaths: [root], maxMessageBytes: 128 * 1024 })
  })
  afterAll(async () => {
    await coordinator.close()
    await rm(root, { recursive: true, force: true })
  })

  it('should fail only the query whose batch is too large, naming the limit, and keep the stream for others', async () => {
    const { sessionId } = await unaryCall<CreateSessionResponse__Output>(coordinator.client, 'CreateSession', {})
    const big = join(root, 'big')
    const small = join(root, 'small')
    await mkdir(big)
    await mkdir(small)
    await writeFile(join(big, 'a.json'), Array.from({ length: 3000 }, (_, i) => JSON.stringify({ gt: `g${i}`.padEnd(60, 'x'), x: i })).join('\n'))
    await writeFile(join(small, 'a.json'), rowsA.map((r) => JSON.stringify(r)).join('\n'))
    const call: ClientDuplexStream<SinkCallbackAck, SinkCallbackBatch__Output> = coordinator.client.SinkCallbacks(new Metadata())
    const seen: string[] = []
    call.on('data', (batch: SinkCallbackBatch__Output) => {
      seen.push(batch.callbackId)
      call.write({ done: { callbackId: batch.callbackId, batchId: batch.batchId } })
    })
    call.on('error', () => undefined)
    call.write({ hello: { sessionId, callbackIds: ['big', 'small'] } })
    const start = (callbackId: string, path: string) => unaryCall<QueryInfo__Output>(coordinator.client, 'StartQuery', {
      sessionId, sources: [{ name: `src_${callbackId}`, format: 'json', schemaDdl: SCHEMA, path }],
      plan: { sql: `SELECT gt, x FROM src_${callbackId}` }, sink: { format: 'foreachBatch', callbackId },
    })
    const bigQuery = await start('big', big)
    const failed = await unaryCall<AwaitTerminationResponse__Output>(coordinator.client, 'AwaitTermination', { queryId: bigQuery.id, timeoutMs: '20000' })
    expect(failed.query!.exception!.message).toMatch(/SINK_CALLBACK_BATCH_TOO_LARGE.*131072 bytes.*--max-message-bytes/)
    const smallQuery = await start('small', small)
    const info = await unaryCall<QueryInfo__Output>(coordinator.client, 'ProcessAllAvailable', { queryId: smallQuery.id })
    expect(info.exception).toBeNull()
    await unaryCall(coordinator.client, 'StopQuery', { queryId: smallQuery.id })
    call.end()
    expect(seen).toEqual(['small'])
  })
})
