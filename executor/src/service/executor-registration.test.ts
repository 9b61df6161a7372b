import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest'
import { startExecutor, type StartedExecutor } from './start-executor.js'
import { FakeClusterService, descriptorOf, executorClient, launchTask, oneRowPerFileSinkTask, waitFor } from './executor-test-support.js'
import { encodeTask } from '@sluice/shared'

let dir: string
const cleanups: (() => Promise<void> | void)[] = []

beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'sluice-executor-registration-')) })
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})
afterAll(async () => { await rm(dir, { recursive: true, force: true }) })

/** A port nothing listens on right now (a fake coordinator's, stopped). */
async function unusedPort(): Promise<number> {
  const probe = new FakeClusterService('0')
  const port = await probe.start()
  probe.stop()
  return port
}

async function anExecutor(coordinators: string[], slots: number): Promise<StartedExecutor> {
  const executor = await startExecutor({
    coordinators, slots, host: '127.0.0.1', port: 0, heartbeatIntervalMs: 50, registrationBackoff: { initialMs: 50, maxMs: 200 },
  })
  cleanups.push(() => executor.stop(2_000))
  return executor
}

describe('executor registration and heartbeats', () => {
  it('should retry registering until a coordinator appears, then register with its address, slots, host and pid', async () => {
    const port = await unusedPort()
    const executor = await anExecutor([`127.0.0.1:${port}`], 3)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(executor.link.registrations).toBe(0)

    const coordinator = new FakeClusterService('1700000000123')
    cleanups.push(() => coordinator.stop())
    await coordinator.start(port)
    await waitFor('the executor to register', () => coordinator.registrations.length > 0)
    expect(coordinator.registrations[0]).toEqual({
      executorId: executor.executorId, address: `127.0.0.1:${executor.port}`, slots: 3, host: '127.0.0.1', pid: process.pid,
    })
    await waitFor('the executor to take the epoch', () => executor.fence.newest === 1_700_000_000_123n)
    await waitFor('heartbeats', () => coordinator.heartbeats.length >= 3)
    expect(coordinator.heartbeats.every((beat) => beat.executorId === executor.executorId)).toBe(true)
  })

  it('should register again when a heartbeat answers registered: false (the coordinator restarted or declared it lost)', async () => {
    const coordinator = new FakeClusterService('5')
    cleanups.push(() => coordinator.stop())
    const port = await coordinator.start()
    const executor = await anExecutor([`127.0.0.1:${port}`], 1)
    await waitFor('the first registration', () => coordinator.registrations.length === 1)
    await waitFor('a heartbeat', () => coordinator.heartbeats.length >= 1)
    coordinator.known.clear()
    await waitFor('the second registration', () => coordinator.registrations.length === 2)
    expect(coordinator.registrations[1]!.executorId).toBe(executor.executorId)
    expect(executor.link.registrations).toBe(2)
  })

  it('should try every coordinator address, and send its running tasks with each heartbeat', async () => {
    const dead = await unusedPort()
    const coordinator = new FakeClusterService('7')
    cleanups.push(() => coordinator.stop())
    const port = await coordinator.start()
    const executor = await anExecutor([`127.0.0.1:${dead}`, `127.0.0.1:${port}`], 1)
    await waitFor('registration with the second address', () => coordinator.registrations.length === 1)

    const client = executorClient(`127.0.0.1:${executor.port}`)
    cleanups.push(() => client.close())
    const task = oneRowPerFileSinkTask(join(dir, 'heartbeat-task'), 20_000, { queryId: 'q-heartbeat', attempt: 3, epoch: 7 })
    const launched = launchTask(client, { descriptor: descriptorOf(task), task: encodeTask(task) })
    const settled = launched.response.catch(() => undefined)
    await waitFor('a heartbeat naming the running task', () => coordinator.heartbeats.some((beat) => beat.running.some((d) => d.queryId === 'q-heartbeat')))
    const beat = coordinator.heartbeats.find((b) => b.running.length > 0)!
    expect(beat.running).toEqual([{ queryId: 'q-heartbeat', runId: 'run-1', batchId: '0', taskId: 0, attempt: 3, epoch: '7' }])
    launched.cancel()
    await settled
  })

  it('should abort the tasks of an older epoch when a coordinator of a newer epoch answers', async () => {
    const coordinator = new FakeClusterService('100')
    cleanups.push(() => coordinator.stop())
    const port = await coordinator.start()
    const executor = await anExecutor([`127.0.0.1:${port}`], 1)
    await waitFor('registration', () => coordinator.registrations.length === 1)
    const client = executorClient(`127.0.0.1:${executor.port}`)
    cleanups.push(() => client.close())
    const folder = join(dir, 'fenced-task')
    const task = oneRowPerFileSinkTask(folder, 20_000, { queryId: 'q-fenced', attempt: 0, epoch: 100 })
    const launched = launchTask(client, { descriptor: descriptorOf(task), task: encodeTask(task) })
    const outcome = launched.response.then(() => 'finished', (error: { code: number }) => error.code)
    await waitFor('the task to run', () => executor.running.size === 1)
    // A new coordinator (epoch 200) takes over: the next heartbeat brings its epoch.
    coordinator.stop()
    const successor = new FakeClusterService('200')
    cleanups.push(() => successor.stop())
    await successor.start(port)
    expect(await outcome).toBe(1) // CANCELLED
    expect(executor.fence.newest).toBe(200n)
    await waitFor('re-registration with the successor', () => successor.registrations.length === 1)
  })
})
