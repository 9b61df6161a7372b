import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { HDFSBackedStateStoreProvider } from '@sluice/executor'
import { CheckpointLock, LocalCheckpointStore, openStreamCheckpoint, recoverStreamPosition } from '@sluice/coordinator'

const fixture = fileURLToPath(new URL('./testing/kill-writer.fixture.ts', import.meta.url))

/** Runs the writer until it has committed `batches` batches, then SIGKILLs it mid-flight. */
function runAndKill(root: string, batches: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=sluice-source', '--import', 'tsx', fixture, root], { stdio: ['ignore', 'pipe', 'pipe'] })
    let committed = -1
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.stdout.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/committed (\d+)/g)) committed = Math.max(committed, Number(match[1]))
      if (committed >= batches && child.exitCode === null) child.kill('SIGKILL')
    })
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(committed) : reject(new Error(`writer exited without being killed: ${stderr}`))))
  })
}

describe('checkpoint after SIGKILL', () => {
  it('should reopen a checkpoint whose writer was killed mid-batch, twice, with logs and state consistent', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'sluice-kill-'))
    const firstRunCommitted = await runAndKill(root, 15)
    // The second run takes over the dead run's lock and resumes from the checkpoint.
    const secondRunCommitted = await runAndKill(root, firstRunCommitted + 10)
    expect(secondRunCommitted).toBeGreaterThan(firstRunCommitted)

    const lock = await CheckpointLock.acquire(root, { runId: 'verifier' })
    const checkpoint = await openStreamCheckpoint(new LocalCheckpointStore(root))
    const position = await recoverStreamPosition(checkpoint)
    const lastCommitted = position.lastCommitted?.batchId ?? -1
    expect(lastCommitted).toBeGreaterThanOrEqual(secondRunCommitted)
    // At most one batch is logged but not committed, and it is re-run with its logged offsets.
    if (position.pendingBatch !== undefined) {
      expect(position.pendingBatch.batchId).toBe(lastCommitted + 1)
      expect(position.pendingBatch.offsets.offsets).toEqual([String(lastCommitted + 2)])
    }
    // The state of the last committed batch is complete: one counter plus 200 keys per batch.
    const provider = new HDFSBackedStateStoreProvider({ checkpointRoot: root, operatorId: 0, partitionId: 0 })
    const state = provider.getReadStore(lastCommitted + 1)
    expect(state.get('batches')).toBe(BigInt(lastCommitted + 1))
    expect(state.metrics.numKeys).toBe(1 + 200 * (lastCommitted + 1))
    // Temp files may be left behind but never under a real entry's name.
    for (const folder of ['offsets', 'commits']) {
      for (const name of readdirSync(path.join(root, folder))) expect(name).toMatch(/^(\d+|\..*\.tmp)$/)
    }
    await lock.release()
  }, 60_000)
})
