import { BatchLog, type BatchLogCodec } from './batch-log.js'
import type { CheckpointStore } from './checkpoint-store.js'
import { corruptLogFile, parseCheckpointJson, parseLogVersion } from './log-version.js'

/** Spark's CommitMetadata. `stateUniqueIds` (checkpoint format v2) is kept when present, never produced. */
export interface CommitMetadata {
  readonly nextBatchWatermarkMs: number
  readonly stateUniqueIds?: unknown
}

export const COMMIT_LOG_VERSION = 1

/**
 * `commits/N` in Spark's format: `v1\n{"nextBatchWatermarkMs":0}` (no trailing
 * newline). Old checkpoints' `v1\n{}` and `v1` alone read as watermark 0.
 */
export const commitMetadataCodec: BatchLogCodec<CommitMetadata> = {
  serialize(entry) {
    const json: Record<string, unknown> = { nextBatchWatermarkMs: entry.nextBatchWatermarkMs }
    if (entry.stateUniqueIds !== undefined) json.stateUniqueIds = entry.stateUniqueIds
    return `v${COMMIT_LOG_VERSION}\n${JSON.stringify(json)}`
  },
  deserialize(text, file) {
    if (text.length === 0) throw corruptLogFile(file, 'the file is empty (incomplete log file in the offset commit log)')
    const lines = text.split('\n')
    parseLogVersion(lines[0], COMMIT_LOG_VERSION, file)
    const jsonLine = (lines[1] ?? '').trim() || '{}'
    const value = parseCheckpointJson(jsonLine, file, 'commit metadata', 2)
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corruptLogFile(file, 'line 2 is not a JSON object')
    const record = value as Record<string, unknown>
    const watermark = record.nextBatchWatermarkMs ?? 0
    if (typeof watermark !== 'number') throw corruptLogFile(file, 'line 2: "nextBatchWatermarkMs" is not a number')
    return record.stateUniqueIds === undefined
      ? { nextBatchWatermarkMs: watermark }
      : { nextBatchWatermarkMs: watermark, stateUniqueIds: record.stateUniqueIds }
  },
}

/** Batches whose sink output is committed (Spark's CommitLog): `commits/N` is written after the sink's addBatch(N). */
export class CommitLog extends BatchLog<CommitMetadata> {
  constructor(store: CheckpointStore) {
    super(store, 'commits', commitMetadataCodec)
  }
}
