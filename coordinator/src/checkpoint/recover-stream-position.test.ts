import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CommitLog } from './commit-log.js'
import { LocalCheckpointStore } from './local-checkpoint-store.js'
import { OffsetLog, type OffsetSeq } from './offset-log.js'
import { recoverStreamPosition } from './recover-stream-position.js'

function logs(): { offsetLog: OffsetLog; commitLog: CommitLog } {
  const store = new LocalCheckpointStore(mkdtempSync(path.join(tmpdir(), 'sluice-recover-')))
  return { offsetLog: new OffsetLog(store), commitLog: new CommitLog(store) }
}

const offsets = (n: number): OffsetSeq => ({
  metadata: { batchWatermarkMs: n * 10, batchTimestampMs: 1000 + n, conf: {} },
  offsets: [`{"logOffset":${n}}`],
})

describe('recoverStreamPosition', () => {
  it('should start at batch 0 on an empty checkpoint', async () => {
    expect(await recoverStreamPosition(logs())).toEqual({ nextBatchId: 0, lastCommitted: null, startOffsets: null, batchWatermarkMs: 0 })
  })

  it('should continue after the last batch when it is committed', async () => {
    const checkpoint = logs()
    for (const n of [0, 1, 2]) {
      await checkpoint.offsetLog.add(n, offsets(n))
      await checkpoint.commitLog.add(n, { nextBatchWatermarkMs: 700 + n })
    }
    const position = await recoverStreamPosition(checkpoint)
    expect(position.nextBatchId).toBe(3)
    expect(position.pendingBatch).toBeUndefined()
    expect(position.lastCommitted).toEqual({ batchId: 2, offsets: offsets(2), commit: { nextBatchWatermarkMs: 702 } })
    expect(position.startOffsets).toEqual(offsets(2))
    expect(position.batchWatermarkMs).toBe(702)
  })

  it('should re-run an uncommitted batch with exactly its logged offsets', async () => {
    const checkpoint = logs()
    for (const n of [0, 1, 2]) await checkpoint.offsetLog.add(n, offsets(n))
    await checkpoint.commitLog.add(0, { nextBatchWatermarkMs: 5 })
    await checkpoint.commitLog.add(1, { nextBatchWatermarkMs: 6 })
    const position = await recoverStreamPosition(checkpoint)
    expect(position.nextBatchId).toBe(2)
    expect(position.pendingBatch).toEqual({ batchId: 2, offsets: offsets(2) })
    expect(position.startOffsets).toEqual(offsets(1))
    expect(position.lastCommitted?.batchId).toBe(1)
    expect(position.batchWatermarkMs).toBe(6)
  })

  it('should re-run batch 0 when nothing is committed', async () => {
    const checkpoint = logs()
    await checkpoint.offsetLog.add(0, offsets(0))
    const position = await recoverStreamPosition(checkpoint)
    expect(position).toMatchObject({ nextBatchId: 0, pendingBatch: { batchId: 0 }, startOffsets: null, lastCommitted: null })
  })

  it('should refuse commits ahead of the offset log', async () => {
    const checkpoint = logs()
    await checkpoint.offsetLog.add(0, offsets(0))
    await checkpoint.commitLog.add(0, { nextBatchWatermarkMs: 0 })
    await checkpoint.commitLog.add(1, { nextBatchWatermarkMs: 0 })
    await expect(recoverStreamPosition(checkpoint)).rejects.toMatchObject({ errorClass: 'CHECKPOINT_CORRUPT' })
  })
})
