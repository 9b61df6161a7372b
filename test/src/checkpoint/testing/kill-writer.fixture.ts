// A stand-in for a query process, killed with SIGKILL by checkpoint-crash.test.ts:
// holds the checkpoint lock and writes offsets/N, state version N+1 and commits/N
// in a loop, as fast as it can, printing each committed batch id.
import { HDFSBackedStateStoreProvider } from '@sluice/executor'
import { CheckpointLock, LocalCheckpointStore, openStreamCheckpoint, recoverStreamPosition } from '@sluice/coordinator'

const root = process.argv[2]!
await CheckpointLock.acquire(root, { runId: `child-${process.pid}` })
const checkpoint = await openStreamCheckpoint(new LocalCheckpointStore(root))
const position = await recoverStreamPosition(checkpoint)
const provider = new HDFSBackedStateStoreProvider({ checkpointRoot: root, operatorId: 0, partitionId: 0 }, {
  minDeltasForSnapshot: 3,
  minBatchesToRetain: 5,
  maxVersionsToRetainInMemory: 2,
  maintenanceOnCommit: true,
  fsync: false,
})
for (let batchId = position.nextBatchId; ; batchId++) {
  await checkpoint.offsetLog.add(batchId, { metadata: { batchWatermarkMs: 0, batchTimestampMs: Date.now(), conf: {} }, offsets: [String(batchId + 1)] })
  const store = provider.getStore(batchId)
  // Every batch adds one key and sets a counter equal to the number of batches run.
  for (let i = 0; i < 200; i++) store.put(`batch-${batchId}-${i}`, BigInt(batchId))
  store.put('batches', BigInt(batchId + 1))
  store.commit()
  await checkpoint.commitLog.add(batchId, { nextBatchWatermarkMs: 0 })
  process.stdout.write(`committed ${batchId}\n`)
}
