import type { Row } from '../data/row.js'
import type { EvalContext } from '../eval/types.js'
import type { PhysicalPlan } from '../plan/physical-plan.js'
import type { DeltaAddFile, DeltaFilesSpec } from './delta-files.js'
import type { EventTimeStats, OperatorWatermark, StateOperatorMetrics } from './operator-metrics.js'
import type { PlacedFile } from './written-file.js'

/**
 * One unit of work the coordinator sends an executor: plain data, so it crosses a
 * process boundary unchanged (`codec/task-codec.ts` encodes it). `streaming` is set
 * for a micro-batch of a streaming query; its inputs carry either rows the
 * coordinator read from a non-file source or the file list of the batch, which the
 * executor reads itself.
 */
export interface Task {
  readonly queryId: string
  readonly runId: string
  readonly batchId: number
  /** The task's index within its task set (a batch's splits), 0 for a single task. */
  readonly taskId?: number
  /** Which try of this task this is (0 first); output files name it, results of a superseded attempt are ignored. */
  readonly attempt: number
  /** The coordinator's epoch when it launched the task: an executor refuses a task of an older epoch. */
  readonly epoch?: number
  readonly plan: PhysicalPlan
  readonly evalContext: EvalContext
  readonly streaming?: StreamingTaskSpec
  /** Sink phase one on the executor: write the result rows as data files here instead of returning them. */
  readonly sinkWrite?: SinkWriteSpec
}

/**
 * Where and how a sink's data files are written: a file sink's (the coordinator lists
 * them in its manifest) or, with `delta`, a Delta table's (the coordinator commits them).
 */
export interface SinkWriteSpec {
  readonly format: string
  readonly path: string
  readonly partitionBy: readonly string[]
  readonly options: Readonly<Record<string, string>>
  readonly timeZone: string
  readonly jobId: string
  readonly delta?: DeltaFilesSpec
  /**
   * A batch write's first task: one data file even when it has no row and the write
   * has no partition column (Spark's first task writes one, so the output keeps its
   * schema).
   */
  readonly writeEmptyFile?: boolean
}

export interface StreamingTaskSpec {
  readonly outputMode: 'append' | 'update' | 'complete'
  readonly watermarkMicros: number
  /** Per stateful operator id: its watermarks for late events and eviction; absent ids use `watermarkMicros` for both. */
  readonly operatorWatermarks?: Readonly<Record<number, OperatorWatermark>>
  readonly isNoDataBatch: boolean
  /** Where stateful operators keep their state: `<checkpoint>/state`. */
  readonly stateLocation: string
  readonly minDeltasForSnapshot: number
  readonly minBatchesToRetain: number
  readonly inputs: readonly StreamTaskInput[]
}

/** One streaming source's input of a micro-batch task: rows read by the coordinator, or the files to read. */
export type StreamTaskInput =
  | { readonly sourceIndex: number; readonly kind: 'rows'; readonly rows: readonly Row[] }
  | { readonly sourceIndex: number; readonly kind: 'files'; readonly files: readonly string[] }

/** What a task sends back. */
export interface TaskResult {
  readonly rows: readonly Row[]
  /** With `sinkWrite`: the data files written (rows are then empty). */
  readonly files?: readonly PlacedFile[]
  /** With a Delta `sinkWrite`: the add actions of the data files written. */
  readonly deltaFiles?: readonly DeltaAddFile[]
  /** With a Delta `sinkWrite` that rewrites files (`DeltaFilesSpec.rewrite`): the live files it replaced (to remove in the commit). */
  readonly deltaRemovedFiles?: readonly DeltaAddFile[]
  readonly numOutputRows?: number
  /** Rows read from each streaming source in this task, by source index (Spark's per-source numInputRows). */
  readonly numInputRowsBySource: Readonly<Record<number, number>>
  readonly eventTime: readonly EventTimeStats[]
  readonly stateOperators: readonly { readonly operatorId: number; readonly metrics: StateOperatorMetrics }[]
  /**
   * Set by the coordinator's scheduler (never on the wire): the attempts of this
   * result's tasks that were superseded (lost or failed, then retried). Their results
   * were ignored; the sink's phase two deletes their files after the commit (an
   * executor killed mid-task cannot delete them itself).
   */
  readonly supersededAttempts?: readonly SupersededAttempt[]
}

/** An attempt of a task whose result does not count: a later attempt of the same task replaced it. */
export interface SupersededAttempt {
  readonly taskId: number
  readonly attempt: number
  /** With a sink write: the job id its data file names carry (`<jobId>-t<task>-a<attempt>`, see {@link attemptFilesJobId}). */
  readonly filesJobId?: string
}

/**
 * The job id in the data file names one attempt of a sink task writes, from its
 * task's `sinkWrite.jobId` (`<jobId>-t<task>`, stamped by the scheduler):
 * `<jobId>-t<task>-a<attempt>`, so attempts never write the same file and every file
 * names its task and attempt. The executor's `attemptJobId` is the same.
 */
export function attemptFilesJobId(taskJobId: string, attempt: number): string {
  return `${taskJobId}-a${attempt}`
}
