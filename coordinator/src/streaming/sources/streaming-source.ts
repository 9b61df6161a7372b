import type { OffsetJson } from '../../checkpoint/index.js'

/** A batch's input as the executor receives it: rows read by the coordinator, or the files to read. */
export type SourceBatchInput =
  | { readonly kind: 'rows'; readonly rows: readonly unknown[][] }
  | { readonly kind: 'files'; readonly files: readonly string[] }

/**
 * The coordinator's side of a streaming source: offsets and admission control.
 * Offsets are JSON text as they appear in `offsets/N`. A replayable source gives
 * the same input for the same (start, end] after a restart.
 */
export interface StreamingSourceRuntime {
  /** Spark's source description for progress (`FileStreamSource[file:/…]`, `RateStreamV2[…]`, `MemoryStream[…]`). */
  readonly description: string
  /** The end offset of the next batch starting after `start`, honouring rate limits; `start` when there is nothing new. */
  latestOffset(start: OffsetJson | null): Promise<OffsetJson | null>
  /** The input in (start, end]. */
  getBatch(start: OffsetJson | null, end: OffsetJson): Promise<SourceBatchInput>
  /** Everything up to `end` is committed: the source may forget it (cleanSource, buffers). */
  commit(end: OffsetJson): Promise<void>
  /** Trigger.AvailableNow: fix the end of the data to process now. */
  prepareForAvailableNow?(): Promise<void>
  stop(): Promise<void>
}
