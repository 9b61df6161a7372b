import { describe, expect, it } from 'vitest'
import type { AwaitTerminationResponse__Output, QueryInfo__Output } from '@sluice/proto'
import { listenerEventOf } from './query-events.js'
import { RemoteQuery, type RemoteQueryOps } from './remote-query.js'

const ID = '5f2bd7b0-0000-4000-8000-000000000001'
const RUN = '5f2bd7b0-0000-4000-8000-000000000002'

/** A progress as Spark's JSON (written by hand, not by the code under test). */
function progressJson(batchId: number, second: number, numInputRows = 3): string {
  return `{"id":"${ID}","runId":"${RUN}","name":"q","timestamp":"2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z","batchId":${batchId},` +
    `"batchDuration":5,"numInputRows":${numInputRows},"inputRowsPerSecond":1.5,"processedRowsPerSecond":600.0,"durationMs":{"triggerExecution":5},` +
    `"stateOperators":[],"sources":[{"description":"MemoryStream[value#1]","startOffset":12345678901234567890,"endOffset":12345678901234567891,` +
    `"latestOffset":null,"numInputRows":${numInputRows},"inputRowsPerSecond":1.5,"processedRowsPerSecond":600.0}],"sink":{"description":"MemorySink","numOutputRows":${numInputRows}}}`
}

function info(overrides: Partial<QueryInfo__Output> = {}): QueryInfo__Output {
  return {
    id: ID, runId: RUN, name: 'q', isActive: true, statusJson: '{"message":"Waiting for data to arrive","isDataAvailable":false,"isTriggerActive":false}',
    recentProgressJson: [], exception: null, sessionId: 's', sinkDescription: 'MemorySink', ...overrides,
  }
}

function progressEvent(batchId: number, second: number) {
  return listenerEventOf({ type: 'QueryProgressEvent', queryId: ID, runId: RUN, json: `{"progress":${progressJson(batchId, second)}}` })!
}

class FakeOps implements RemoteQueryOps {
  live = false
  eventsLive() { return this.live }
  calls: string[] = []
  answers: { getQuery?: QueryInfo__Output; await?: AwaitTerminationResponse__Output[]; processAllAvailable?: QueryInfo__Output; stop?: QueryInfo__Output } = {}
  async getQuery() { this.calls.push('getQuery'); return this.answers.getQuery ?? info() }
  async stopQuery() { this.calls.push('stopQuery'); return this.answers.stop ?? info({ isActive: false }) }
  async awaitTermination(_id: string, timeoutMs: number) {
    this.calls.push(`awaitTermination ${timeoutMs}`)
    return this.answers.await?.shift() ?? { terminated: false, query: info() }
  }
  async processAllAvailable() { this.calls.push('processAllAvailable'); return this.answers.processAllAvailable ?? info() }
}

function mirror(ops: RemoteQueryOps = new FakeOps(), capacity = 99) {
  return new RemoteQuery({ id: ID, runId: RUN, name: 'q' }, ops, { capacity, eventWaitMs: 200, refreshIntervalMs: 1e9 })
}

describe('RemoteQuery (the mirror of a remote query)', () => {
  it('should count a progress once whether it comes as an event, in a snapshot, or both, in timestamp order', () => {
    const q = mirror()
    q.applyEvent(progressEvent(1, 2))
    q.applyInfo(info({ recentProgressJson: [progressJson(0, 1), progressJson(1, 2)] }))
    q.applyEvent(progressEvent(1, 2))
    q.applyEvent(progressEvent(2, 3))
    expect(q.recentProgress.map((p) => p.batchId)).toEqual([0, 1, 2])
    expect(q.lastProgress?.batchId).toBe(2)
    // Offsets stay the JSON text the server sent: exact beyond 2^53.
    expect(q.lastProgress?.sources[0]?.endOffset).toBe('12345678901234567891')
  })

  it('should keep an idle progress and the next batch of the same id apart (Spark reports both)', () => {
    const q = mirror()
    q.applyInfo(info({ recentProgressJson: [progressJson(3, 1, 0), progressJson(3, 9)] }))
    expect(q.recentProgress.map((p) => [p.batchId, p.numInputRows])).toEqual([[3, 0], [3, 3]])
  })

  it('should keep only `capacity` progresses, dropping the oldest', () => {
    const q = mirror(new FakeOps(), 2)
    for (let b = 0; b < 5; b++) q.applyEvent(progressEvent(b, b + 1))
    q.applyEvent(progressEvent(1, 2))
    expect(q.recentProgress.map((p) => p.batchId)).toEqual([3, 4])
  })

  it('should stay terminated once terminated, and ignore snapshots of another run', () => {
    const q = mirror()
    q.applyInfo(info({ isActive: false }))
    q.applyInfo(info({ isActive: true }))
    q.applyInfo(info({ runId: 'other', recentProgressJson: [progressJson(7, 7)] }))
    expect(q.isActive).toBe(false)
    expect(q.status.message).toBe('Stopped')
    expect(q.recentProgress).toEqual([])
  })

  it('should rebuild the failure as a StreamingQueryError with the cause class, preferring the snapshot over the event', async () => {
    const q = mirror()
    q.applyEvent(listenerEventOf({ type: 'QueryTerminatedEvent', queryId: ID, runId: RUN, json: `{"id":"${ID}","runId":"${RUN}","exception":"[STREAM_FAILED] Query [id = ${ID}, runId = ${RUN}] terminated with exception: [DIVIDE_BY_ZERO] Division by zero.","errorClassOnException":"DIVIDE_BY_ZERO"}` })!)
    expect(q.exception()?.errorClass).toBe('STREAM_FAILED')
    expect(q.exception()?.causeErrorClass).toBe('DIVIDE_BY_ZERO')
    q.applyInfo(info({
      isActive: false,
      exception: { errorClass: 'STREAM_FAILED', message: `Query [id = ${ID}, runId = ${RUN}] terminated with exception: [DIVIDE_BY_ZERO] Division by zero.`, params: { id: ID, runId: RUN }, domain: 'user', retryable: false, grpcStatus: 3 },
    }))
    const error = q.exception()!
    expect(error.message).toBe(`[STREAM_FAILED] Query [id = ${ID}, runId = ${RUN}] terminated with exception: [DIVIDE_BY_ZERO] Division by zero.`)
    expect(error.causeErrorClass).toBe('DIVIDE_BY_ZERO')
    expect(error.queryId).toBe(ID)
    await expect(q.awaitTermination()).rejects.toBe(error)
  })

  it('should wait for termination in slices of at most 30 s and answer false when the timeout passes', async () => {
    const ops = new FakeOps()
    const q = mirror(ops)
    expect(await q.awaitTermination(50)).toBe(false)
    expect(ops.calls[0]).toMatch(/^awaitTermination (49|50)$/)
    ops.answers.await = [{ terminated: false, query: info() }, { terminated: true, query: info({ isActive: false }) }]
    ops.calls = []
    expect(await q.awaitTermination()).toBe(true)
    expect(ops.calls).toEqual(['awaitTermination 30000', 'awaitTermination 30000'])
    expect(q.isActive).toBe(false)
  })

  it('should answer awaitTermination(0) from one GetQuery', async () => {
    const ops = new FakeOps()
    expect(await mirror(ops).awaitTermination(0)).toBe(false)
    expect(ops.calls).toEqual(['getQuery'])
  })

  it('should return from processAllAvailable once the last progress event reached the listeners (events live)', async () => {
    const ops = new FakeOps()
    ops.live = true
    ops.answers.processAllAvailable = info({ recentProgressJson: [progressJson(0, 1)] })
    const q = mirror(ops)
    let returned = false
    const done = q.processAllAvailable().then(() => { returned = true })
    await new Promise((r) => setTimeout(r, 20))
    expect(returned).toBe(false)
    const event = progressEvent(0, 1)
    q.applyEvent(event)
    q.markDelivered(event)
    await done
    expect(q.recentProgress.map((p) => p.batchId)).toEqual([0])
  })

  it('should not wait for events when the event stream is down', async () => {
    const ops = new FakeOps()
    ops.answers.processAllAvailable = info({ recentProgressJson: [progressJson(0, 1)] })
    const started = Date.now()
    await mirror(ops).processAllAvailable()
    expect(Date.now() - started).toBeLessThan(150)
  })
})
