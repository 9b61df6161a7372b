import { describe, expect, it } from 'vitest'
import { minCompactionBatchIdToKeep } from './expired-log-cleanup.js'

// Spark's CompactibleFileStreamLog.deleteExpiredLog: nothing while compactInterval > batch + 1 - minBatchesToRetain;
// else minBatchId = batch + 1 - minBatchesToRetain and the files below minBatchId - minBatchId % compactInterval - 1 go.
describe('minCompactionBatchIdToKeep', () => {
  it('should keep everything until compactInterval batches lie beyond the retained ones', () => {
    expect(minCompactionBatchIdToKeep(20, 10, 100)).toBeNull()
    expect(minCompactionBatchIdToKeep(108, 10, 100)).toBeNull()
    expect(minCompactionBatchIdToKeep(109, 10, 100)).toBe(9)
    expect(minCompactionBatchIdToKeep(150, 10, 100)).toBe(49)
  })

  it('should keep the compaction covering the oldest retained batch', () => {
    expect(minCompactionBatchIdToKeep(20, 10, 1)).toBe(19)
    expect(minCompactionBatchIdToKeep(19, 10, 1)).toBe(9)
    expect(minCompactionBatchIdToKeep(4, 3, 1)).toBe(2)
    expect(minCompactionBatchIdToKeep(1, 3, 1)).toBeNull()
  })
})
