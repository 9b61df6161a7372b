import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CheckpointLock } from './checkpoint-lock.js'

const tempRoot = (): string => mkdtempSync(path.join(tmpdir(), 'sluice-lock-'))

/** The pid of a process that has exited (spawnSync waits for it). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''])
  return child.pid!
}

describe('CheckpointLock', () => {
  it('should refuse a second run on the same checkpoint with CHECKPOINT_IN_USE', async () => {
    const root = tempRoot()
    const first = await CheckpointLock.acquire(root, { runId: 'run-1' })
    await expect(CheckpointLock.acquire(root, { runId: 'run-2' })).rejects.toMatchObject({
      errorClass: 'CHECKPOINT_IN_USE',
      file: path.join(root, '.lock'),
    })
    await expect(CheckpointLock.acquire(root, { runId: 'run-2' })).rejects.toThrow(/in use by run run-1 \(pid \d+/)
    await first.release()
    const second = await CheckpointLock.acquire(root, { runId: 'run-2' })
    expect((await CheckpointLock.holder(root))?.runId).toBe('run-2')
    await second.release()
    expect(existsSync(path.join(root, '.lock'))).toBe(false)
  })

  it('should take over a lock left by a dead pid', async () => {
    const root = tempRoot()
    const pid = deadPid()
    writeFileSync(path.join(root, '.lock'), JSON.stringify({ pid, hostname: hostname(), runId: 'crashed', acquiredAt: 1 }))
    const lock = await CheckpointLock.acquire(root, { runId: 'run-3', queryId: 'q' })
    const onDisk = JSON.parse(readFileSync(path.join(root, '.lock'), 'utf8'))
    expect(onDisk).toMatchObject({ pid: process.pid, runId: 'run-3', queryId: 'q' })
    await lock.release()
  })

  it('should not presume a lock from another host dead', async () => {
    const root = tempRoot()
    writeFileSync(path.join(root, '.lock'), JSON.stringify({ pid: deadPid(), hostname: 'elsewhere', runId: 'remote', acquiredAt: 1 }))
    await expect(CheckpointLock.acquire(root, { runId: 'run-4' })).rejects.toMatchObject({ errorClass: 'CHECKPOINT_IN_USE' })
  })

  it('should take over an old unreadable lock (crash between create and write) but not a fresh one', async () => {
    const root = tempRoot()
    const file = path.join(root, '.lock')
    writeFileSync(file, '')
    await expect(CheckpointLock.acquire(root, { runId: 'run-5' })).rejects.toMatchObject({ errorClass: 'CHECKPOINT_IN_USE' })
    const old = new Date(Date.now() - 60_000)
    utimesSync(file, old, old)
    const lock = await CheckpointLock.acquire(root, { runId: 'run-5' })
    expect(lock.owner.runId).toBe('run-5')
  })

  it('should not remove a lock that another run took over', async () => {
    const root = tempRoot()
    const lock = await CheckpointLock.acquire(root, { runId: 'old' })
    writeFileSync(path.join(root, '.lock'), JSON.stringify({ pid: process.pid, hostname: hostname(), runId: 'new', acquiredAt: 2 }))
    await lock.release()
    expect((await CheckpointLock.holder(root))?.runId).toBe('new')
  })
})
