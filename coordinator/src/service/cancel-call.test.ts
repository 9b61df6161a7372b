import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { credentials, status } from '@grpc/grpc-js'
import type { RunTasksOptions, TaskScheduler } from '../scheduler/task-scheduler.js'
import { loadSluiceProtos, type SluiceServiceClient } from '@sluice/proto'
import { QueryEngine } from '../session/query-engine.js'
import { CoordinatorSessions } from '../sessions/coordinator-sessions.js'
import { startCoordinatorServer, type CoordinatorServer } from './coordinator-server.js'
import { collect } from './testing/service-harness.js'

/** A scheduler with no executor: every job waits until its signal aborts it. */
class WaitingScheduler implements TaskScheduler {
  readonly waiting = new Set<AbortSignal | undefined>()
  aborted = 0

  runTasks(_tasks: unknown, options: RunTasksOptions = {}): Promise<never> {
    const { signal } = options
    this.waiting.add(signal)
    return new Promise((_resolve, reject) => {
      signal?.addEventListener('abort', () => {
        this.waiting.delete(signal)
        this.aborted++
        reject(signal.reason)
      })
    })
  }

  availableSlots(): number { return 0 }
  async close(): Promise<void> {}
}

describe('a cancelled ExecuteSql', () => {
  let root: string
  let scheduler: WaitingScheduler
  let server: CoordinatorServer
  let client: SluiceServiceClient

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'sluice-service-cancel-'))
    await mkdir(join(root, 'in'))
    await writeFile(join(root, 'in', 'a.json'), '{"gt":"sit"}\n')
    scheduler = new WaitingScheduler()
    const sessions = new CoordinatorSessions({ newEngine: (conf) => new QueryEngine(conf, { scheduler }) })
    server = await startCoordinatorServer({ sessions, port: 0, allowedPaths: [root] })
    client = new (loadSluiceProtos().SluiceService)(`127.0.0.1:${server.port}`, credentials.createInsecure())
  })
  afterAll(async () => {
    client.close()
    await server.close(500)
    await rm(root, { recursive: true, force: true })
  })

  it('should abort its job (waiting for executors) when the client cancels', async () => {
    const call = client.ExecuteSql({ sql: `SELECT gt FROM json.\`${join(root, 'in')}\`` })
    const outcome = collect(call).catch((error: { code: number }) => error.code)
    for (let i = 0; i < 200 && scheduler.waiting.size === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(scheduler.waiting.size).toBe(1)
    call.cancel()
    expect(await outcome).toBe(status.CANCELLED)
    for (let i = 0; i < 200 && scheduler.aborted === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(scheduler.aborted).toBe(1)
    expect(scheduler.waiting.size).toBe(0)
  })
})
