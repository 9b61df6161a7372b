import { physicalChildren, type PhysicalPlan, type Row, type StreamInputExec } from '@sluice/shared'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { executePlan, fromArray } from './execute-plan.js'
import { readBatchSource } from './read-batch-source.js'
import { readStreamFiles } from './read-stream-files.js'
import {
  abortable, decodeDeltaPath, maxRecordsPerFileOption, openDataFilesWriter, rewriteDeltaFiles, throwIfAborted, writeDeltaFiles, type DeltaAddFile, type PlacedFile,
} from '@sluice/storage'
import type { OperatorStateStore, StateOperatorMetrics, TaskContext } from './task-context.js'
import type { Task, TaskResult } from './task.js'

/** Rows per data file a sink task writes before starting the next file, unless `maxRecordsPerFile` says. */
const FILE_ROWS = 100_000

/** Opens the state stores of a task's stateful operators and commits or aborts them together. */
export interface TaskStateStores {
  store(operatorId: number): OperatorStateStore
  commit(): Promise<void>
  abort(): void
  memoryUsedBytes(operatorId: number): number
}

export interface RunTaskOptions {
  /** Opens state stores at version batchId (reading batchId − 1); required for stateful streaming plans. */
  openStateStores?: (task: Task) => Promise<TaskStateStores>
  /**
   * Aborts the task: it stops reading, deletes the data files it wrote, aborts its
   * state stores and rejects with an AbortError (see `task-abort.ts`). Once its state
   * is committed a task is no longer aborted: it returns its result.
   */
  signal?: AbortSignal
  /**
   * Told the absolute paths of the data files a sink task wrote, right before it
   * returns: whoever must deliver the result can delete them if it cannot.
   */
  onFilesWritten?: (paths: readonly string[]) => void
}

/**
 * Runs one task to completion: reads its inputs, runs its operators, and for a
 * stateful micro-batch commits the new state version only after every operator
 * has finished (an error aborts it, so a retry starts from the same version).
 * A failed or aborted task deletes the data files it wrote; file names carry the
 * task's attempt, so two attempts of a task never write the same file.
 */
export async function runTask(task: Task, options: RunTaskOptions = {}): Promise<TaskResult> {
  const signal = options.signal
  throwIfAborted(signal)
  const eventTime: { watermarkId: number; max: number; min: number; sum: number; count: number }[] = []
  const stateMetrics = new Map<number, StateOperatorMetrics>()
  const numInputRowsBySource: Record<number, number> = {}
  const counted = async function* (sourceIndex: number, rows: AsyncIterable<Row[]>): AsyncIterable<Row[]> {
    for await (const batch of abortable(rows, signal)) { numInputRowsBySource[sourceIndex] = (numInputRowsBySource[sourceIndex] ?? 0) + batch.length; yield batch }
  }
  const streamInputs = new Map<number, () => AsyncIterable<Row[]>>()
  const streamNodes = findStreamInputs(task.plan)
  let stores: TaskStateStores | undefined
  if (task.streaming) {
    for (const input of task.streaming.inputs) {
      const node = streamNodes.get(input.sourceIndex)
      if (input.kind === 'rows') streamInputs.set(input.sourceIndex, () => counted(input.sourceIndex, fromArray(input.rows)))
      else if (node) streamInputs.set(input.sourceIndex, () => counted(input.sourceIndex, readStreamFiles(node, input.files)))
    }
    if (hasStatefulOperator(task.plan)) {
      if (!options.openStateStores) throw new Error('a stateful streaming task needs state stores')
      stores = await options.openStateStores(task)
    }
  }
  const streaming = task.streaming
  const context: TaskContext = {
    evalContext: task.evalContext,
    readSource: (source, schema, requiredColumns, pushedFilters) =>
      abortable(readBatchSource(source, schema, requiredColumns, pushedFilters, task.evalContext.timeZone), signal),
    ...(streaming ? {
      streaming: {
        batchId: task.batchId,
        outputMode: streaming.outputMode,
        watermarkMicros: streaming.watermarkMicros,
        watermarkFor: (operatorId: number) => streaming.operatorWatermarks?.[operatorId]
          ?? { lateEventsMicros: streaming.watermarkMicros, evictionMicros: streaming.watermarkMicros },
        isNoDataBatch: streaming.isNoDataBatch,
        inputs: streamInputs,
        stateStore: (operatorId: number) => stores!.store(operatorId),
        reportEventTime: (watermarkId, max, min, sum, count) => { eventTime.push({ watermarkId, max, min, sum, count }) },
        reportStateMetrics: (operatorId, metrics) => { stateMetrics.set(operatorId, metrics) },
      },
    } : {}),
  }
  let rows: Row[] = []
  const written: PlacedFile[] = []
  let writtenRows = 0
  let deltaFiles: DeltaAddFile[] | undefined
  let deltaRemovedFiles: DeltaAddFile[] | undefined
  // Every data file this task wrote, deleted if it fails or is aborted before it returns.
  let writtenPaths: string[] = []
  try {
    if (task.sinkWrite) {
      const spec = task.sinkWrite
      if (spec.delta) {
        // Delta's data files carry per-file statistics in their add actions: the task's rows are written at the end.
        const output = await collectRows(task.plan, context, signal)
        // Named by attempt as the file sink's: part-<n>-<jobId>-t<task>-a<attempt>-c000.snappy.parquet.
        const jobId = attemptJobId(spec.jobId, task.attempt)
        deltaFiles = await writeDeltaFiles(spec.delta, output, { jobId, ...(signal ? { signal } : {}) })
        writtenPaths = deltaFiles.map((add) => deltaAddFilePath(spec.delta!.tablePath, add))
        writtenRows = output.length
        if (spec.delta.rewrite) {
          // replaceWhere: this task's share of the table's files, each replaced by its rows the predicate does not match.
          const rewrite = await rewriteDeltaFiles(spec.delta, { jobId, firstPart: deltaFiles.length, ...(signal ? { signal } : {}) })
          deltaFiles.push(...rewrite.added)
          writtenPaths.push(...rewrite.added.map((add) => deltaAddFilePath(spec.delta!.tablePath, add)))
          deltaRemovedFiles = rewrite.removed
          writtenRows += rewrite.numRows
        }
      } else {
        // Sink phase one streams: batches are encoded as they come, a data file per FILE_ROWS rows.
        const files = openDataFilesWriter(spec.path, {
          format: spec.format, schema: task.plan.schema, partitionBy: spec.partitionBy, options: spec.options, timeZone: spec.timeZone,
          jobId: attemptJobId(spec.jobId, task.attempt), maxRecordsPerFile: maxRecordsPerFileOption(spec.options) || FILE_ROWS,
          ...(signal ? { signal } : {}),
        })
        try {
          for await (const batch of abortable(executePlan(task.plan, context), signal)) {
            await files.write(batch)
            writtenRows += batch.length
          }
          written.push(...await files.close({ writeEmptyFile: spec.writeEmptyFile === true }))
        } catch (error) {
          await files.abort()
          throw error
        }
        writtenPaths = written.map((file) => file.path)
      }
    } else {
      rows = await collectRows(task.plan, context, signal)
    }
    // The last point of no return: past it the state is committed and the result stands.
    throwIfAborted(signal)
    if (stores) {
      const started = performance.now()
      await stores.commit()
      const commitTimeMs = Math.round(performance.now() - started)
      for (const [operatorId, metrics] of stateMetrics) {
        metrics.commitTimeMs = commitTimeMs
        metrics.memoryUsedBytes = stores.memoryUsedBytes(operatorId)
      }
    }
  } catch (error) {
    stores?.abort()
    await removeFiles(writtenPaths)
    throw error
  }
  if (task.sinkWrite) options.onFilesWritten?.(writtenPaths)
  return {
    rows,
    ...(task.sinkWrite ? { files: written } : {}),
    ...(deltaFiles ? { deltaFiles } : {}),
    ...(deltaRemovedFiles ? { deltaRemovedFiles } : {}),
    numOutputRows: task.sinkWrite ? writtenRows : rows.length,
    numInputRowsBySource,
    eventTime,
    stateOperators: [...stateMetrics.entries()].map(([operatorId, metrics]) => ({ operatorId, metrics })),
  }
}

/** Runs a plan to completion and returns every row, stopping between batches once `signal` is aborted. */
async function collectRows(plan: PhysicalPlan, context: TaskContext, signal: AbortSignal | undefined): Promise<Row[]> {
  const rows: Row[] = []
  for await (const batch of abortable(executePlan(plan, context), signal)) for (const row of batch) rows.push(row)
  return rows
}

/**
 * The sink `jobId` of one attempt of a task, the middle of its data file names
 * (`part-00000-<jobId>-a<attempt>.c000.json`): attempts never write the same file.
 */
export function attemptJobId(jobId: string, attempt: number): string {
  return `${jobId}-a${attempt}`
}

function deltaAddFilePath(tablePath: string, add: DeltaAddFile): string {
  return join(tablePath, decodeDeltaPath(add.path))
}

async function removeFiles(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((path) => rm(path, { force: true })))
}

function findStreamInputs(plan: PhysicalPlan, out = new Map<number, StreamInputExec>()): Map<number, StreamInputExec> {
  if (plan.kind === 'StreamInput') out.set(plan.sourceIndex, plan)
  for (const child of physicalChildren(plan)) findStreamInputs(child, out)
  return out
}

export function hasStatefulOperator(plan: PhysicalPlan): boolean {
  return statefulOperatorIds(plan).length > 0
}

/** The operator ids of a plan's stateful operators. */
export function statefulOperatorIds(plan: PhysicalPlan, out: number[] = []): number[] {
  if ((plan.kind === 'HashAggregate' || plan.kind === 'Deduplicate' || plan.kind === 'StreamStreamJoin' || plan.kind === 'Limit') && plan.stateful) out.push(plan.stateful.operatorId)
  for (const child of physicalChildren(plan)) statefulOperatorIds(child, out)
  return out
}
