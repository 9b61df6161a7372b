import type { OutputMode } from './streaming-sink.js'
import type { TriggerSpec } from '../execution/streaming-query-spec.js'
import type { LogicalPlan, Row, StructType } from '@sluice/shared'

/**
 * Where a streaming query writes, as plain data (what `writeStream` collected, and
 * what a remote client sends as `SinkSpec`). Paths are absolute: the client resolves
 * them against its own working directory before they cross any boundary.
 */
export interface SinkDescriptor {
  /** Lower-cased: parquet, json, csv, text, avro, orc, delta, memory, console, noop, foreach, foreachbatch. */
  readonly format: string
  readonly path?: string
  /** Option keys lower-cased (Spark's CaseInsensitiveStringMap). */
  readonly options: Readonly<Record<string, string>>
  readonly partitionBy: readonly string[]
}

/** Everything `writeStream...start()` submits, without code: a plan, a sink, how and when. */
export interface StreamingQueryRequest {
  readonly plan: LogicalPlan
  readonly sink: SinkDescriptor
  readonly outputMode: OutputMode
  readonly trigger: TriggerSpec
  readonly name?: string
}

/**
 * A sink that runs in the user's process (foreach, foreachBatch, console): called
 * once per micro-batch with its rows, after the batch's tasks have finished. In
 * embedded mode it is a function call; in remote mode the coordinator streams the
 * rows to the client (SinkCallbacks) and waits for its acknowledgement.
 */
export type ClientBatchCallback = (schema: StructType, rows: readonly Row[], batchId: number) => Promise<void>

/** Sink formats whose batches go to a ClientBatchCallback. */
export const CLIENT_CALLBACK_SINKS: ReadonlySet<string> = new Set(['foreach', 'foreachbatch', 'console'])
