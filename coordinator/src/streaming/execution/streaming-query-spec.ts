import type { LogicalPlan } from '@sluice/shared'
import type { OutputMode, StreamingSink } from '../sinks/streaming-sink.js'

/** When micro-batches run (Spark's Trigger). */
export type TriggerSpec =
  | { readonly kind: 'default' }
  | { readonly kind: 'processingTime'; readonly intervalMs: number }
  | { readonly kind: 'once' }
  | { readonly kind: 'availableNow' }

/** Everything needed to start a streaming query (what `writeStream...start()` submits). */
export interface StreamingQuerySpec {
  readonly plan: LogicalPlan
  readonly outputMode: OutputMode
  readonly trigger: TriggerSpec
  readonly name?: string
  /** Where `metadata`, `offsets/`, `commits/`, `sources/` and `state/` live. */
  readonly checkpointLocation: string
  /** True when the location is a temporary one Sluice chose (deleted after a clean stop). */
  readonly temporaryCheckpoint: boolean
  readonly sink: StreamingSink
  /** Called once the query's result schema is known, before the first batch (memory sink registration). */
  readonly onSchema?: (schema: import('@sluice/shared').StructType) => void
  /** Time for triggers and progress timestamps; tests pass a ManualClock. Default: the system clock. */
  readonly clock?: import('@sluice/shared').Clock
}
