import type { Row, StructType } from '@sluice/shared'

/**
 * A streaming source as the micro-batch loop drives it (Spark's Source /
 * MicroBatchStream). Offsets are JSON text as written in `offsets/N` (rate and
 * memory: a bare number). The file source is planned by the coordinator with
 * FileStreamSourceState and does not implement this.
 *
 * Contract:
 * - `latestOffset()` is the end of everything available now, null when nothing
 *   ever arrived;
 * - `getBatch(start, end)` returns the rows in (start, end] (start null = from the
 *   beginning); a replayable source returns the same rows for the same range after
 *   a restart;
 * - `commit(end)` says everything up to `end` is durably processed: the source may
 *   forget it;
 * - `stop()` releases resources (idempotent).
 */
export interface StreamSource {
  readonly schema: StructType
  /** Spark's description for progress: `RateStreamV2[...]`, `TextSocketV2[...]`, `MemoryStream[...]`. */
  readonly description: string
  latestOffset(): Promise<string | null>
  getBatch(start: string | null, end: string): Promise<Row[]>
  commit(end: string): Promise<void>
  stop(): Promise<void>
}

/**
 * Where a source keeps its own small metadata in the checkpoint (`sources/<i>/…`);
 * structurally the coordinator's CheckpointStore.
 */
export interface SourceMetadataStore {
  get(name: string): Promise<string | null>
  putIfAbsent(name: string, content: string): Promise<boolean>
}

/** Reads a bare-number offset (LongOffset), naming the source on failure. */
export function parseLongOffset(offset: string, source: string): number {
  const value = Number(offset.trim())
  if (!Number.isSafeInteger(value)) throw new RangeError(`${source}: invalid offset ${JSON.stringify(offset)}, expected an integer`)
  return value
}
