import { BatchLog, type BatchLogCodec } from './batch-log.js'
import type { CheckpointStore } from './checkpoint-store.js'
import { corruptLogFile, parseCheckpointJson, parseLogVersion } from './log-version.js'

/**
 * One source's offset as JSON text, kept verbatim (Spark's SerializedOffset):
 * `{"logOffset":3}` for a file source, `12` for rate and memory sources. Text, not
 * a parsed value, so that big numbers and key order survive a round trip.
 */
export type OffsetJson = string

/**
 * Spark's OffsetSeqMetadata: the batch's watermark and timestamp (ms) and the
 * session confs that must not change across restarts (they override the session's
 * on restart).
 */
export interface OffsetSeqMetadata {
  readonly batchWatermarkMs: number
  readonly batchTimestampMs: number
  readonly conf: Readonly<Record<string, string>>
}

/** One `offsets/N` entry: metadata and one offset per source in the query's source order (null = no offset yet, written `-`). */
export interface OffsetSeq {
  readonly metadata: OffsetSeqMetadata | null
  readonly offsets: readonly (OffsetJson | null)[]
}

export const OFFSET_LOG_VERSION = 1
const VOID_OFFSET = '-'

/**
 * `offsets/N` in Spark's v1 format (no trailing newline):
 * ```
 * v1
 * {"batchWatermarkMs":0,"batchTimestampMs":1645693802625,"conf":{"spark.sql.shuffle.partitions":"5"}}
 * {"logOffset":0}
 * -
 * ```
 * `v2` (Spark master's named-source format) is refused as unsupported.
 */
export const offsetSeqCodec: BatchLogCodec<OffsetSeq> = {
  serialize(entry) {
    const lines = [`v${OFFSET_LOG_VERSION}`, entry.metadata === null ? '' : serializeOffsetSeqMetadata(entry.metadata)]
    for (const offset of entry.offsets) lines.push(offset ?? VOID_OFFSET)
    return lines.join('\n')
  },
  deserialize(text, file) {
    if (text.length === 0) throw corruptLogFile(file, 'the file is empty (incomplete log file)')
    const lines = text.split('\n')
    if (lines.at(-1) === '') lines.pop()
    parseLogVersion(lines[0], OFFSET_LOG_VERSION, file)
    if (lines.length < 2) throw corruptLogFile(file, 'the metadata line is missing (truncated file)')
    const metadataLine = lines[1]!.trim()
    const metadata = metadataLine === '' ? null : parseOffsetSeqMetadata(metadataLine, file)
    const offsets = lines.slice(2).map((line, index) => {
      const trimmed = line.trim()
      if (trimmed === VOID_OFFSET) return null
      parseCheckpointJson(trimmed, file, 'source offset', index + 3)
      return trimmed
    })
    return { metadata, offsets }
  },
}

function serializeOffsetSeqMetadata(metadata: OffsetSeqMetadata): string {
  return JSON.stringify({ batchWatermarkMs: metadata.batchWatermarkMs, batchTimestampMs: metadata.batchTimestampMs, conf: metadata.conf })
}

function parseOffsetSeqMetadata(line: string, file: string): OffsetSeqMetadata {
  const value = parseCheckpointJson(line, file, 'offset metadata', 2)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corruptLogFile(file, 'line 2 is not a JSON object')
  const record = value as Record<string, unknown>
  const number = (key: string): number => {
    const field = record[key]
    if (field === undefined) return 0
    if (typeof field !== 'number') throw corruptLogFile(file, `line 2: "${key}" is not a number`)
    return field
  }
  const conf: Record<string, string> = {}
  const rawConf = record.conf
  if (rawConf !== undefined) {
    if (typeof rawConf !== 'object' || rawConf === null) throw corruptLogFile(file, 'line 2: "conf" is not an object')
    for (const [key, confValue] of Object.entries(rawConf)) conf[key] = String(confValue)
  }
  return { batchWatermarkMs: number('batchWatermarkMs'), batchTimestampMs: number('batchTimestampMs'), conf }
}

/**
 * The write-ahead log of batch ranges (Spark's OffsetSeqLog): `offsets/N` is
 * written before batch N runs and names exactly the offsets it covers.
 */
export class OffsetLog extends BatchLog<OffsetSeq> {
  constructor(store: CheckpointStore) {
    super(store, 'offsets', offsetSeqCodec)
  }
}
