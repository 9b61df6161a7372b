import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { randomUUID } from 'node:crypto'
import { AnalysisError, type EvalContext, type LogicalPlan, type PlacedFile, type Task } from '@sluice/shared'
import { markSuccess, pathHasData } from '@sluice/storage'
import type { PlannedQuery } from '../planner/query-planner.js'
import type { TaskScheduler } from '../scheduler/task-scheduler.js'
import type { WriteSpec } from './write-spec.js'
import type { DeltaSessionConf } from './delta-session-conf.js'
import { runWriteTasks, type SinkWriteOf } from './run-write-tasks.js'
import { saveDeltaBatch } from './save-delta-batch.js'
import { deleteSupersededFiles } from '../streaming/sinks/delete-superseded-files.js'

/** What a batch write needs of its session's engine (`QueryEngine` is one). */
export interface BatchWriteEngine {
  readonly conf: DeltaSessionConf
  readonly scheduler: TaskScheduler
  evalContext(): EvalContext
  plan(plan: LogicalPlan, evalContext?: EvalContext): Promise<PlannedQuery>
}

/**
 * `df.write.save(path)`: the query runs as tasks on the executors, which write its
 * rows as data files (phase one, split like any stateless batch plan); the
 * coordinator then only makes them visible (phase two) and never reads them. Delta:
 * see `saveDeltaBatch`. Files: the tasks write into a hidden staging folder beside
 * the path, so a failed write leaves nothing partial behind; a new or overwritten path
 * appears by one folder rename, an append moves each finished file into place; then
 * `_SUCCESS`. Files of superseded attempts (an executor killed mid-task) are deleted
 * from the staging folder first: a plain folder has no manifest to leave them out. Modes as Spark's: error(ifexists) fails on a path with data, ignore
 * writes nothing there. `signal` aborts the job.
 */
export async function saveBatch(engine: BatchWriteEngine, plan: LogicalPlan, spec: WriteSpec, options: { readonly signal?: AbortSignal } = {}): Promise<void> {
  const evalContext = engine.evalContext()
  const planned = await engine.plan(plan, evalContext)
  const task: Task = { queryId: randomUUID(), runId: randomUUID(), batchId: 0, attempt: 0, plan: planned.plan, evalContext }
  const runTasks = (sinkWrite: SinkWriteOf) => runWriteTasks(engine.scheduler, task, sinkWrite, options.signal)
  if (spec.format === 'delta') return saveDeltaBatch(spec, planned.plan.schema, evalContext.timeZone, engine.conf, runTasks)
  const path = resolve(spec.path)
  const exists = await pathHasData(path)
  if (exists && (spec.mode === 'error' || spec.mode === 'errorifexists')) {
    throw new AnalysisError('PATH_ALREADY_EXISTS', `Path file:${path} already exists. Set mode as "overwrite" to overwrite the existing path.`, { outputPath: path })
  }
  if (exists && spec.mode === 'ignore') return
  const staging = join(dirname(path), `.${basename(path)}-staging-${randomUUID()}`)
  await mkdir(staging, { recursive: true })
  try {
    const jobId = randomUUID()
    const written = await runTasks((taskIndex) => ({
      format: spec.format, path: staging, partitionBy: spec.partitionBy, options: spec.options, timeZone: evalContext.timeZone, jobId,
      ...(taskIndex === 0 ? { writeEmptyFile: true } : {}),
    }))
    // The staging folder becomes the path as it is (no manifest): a superseded attempt's files go before.
    await deleteSupersededFiles(staging, written.supersededAttempts)
    await publish(staging, path, written.files ?? [], !exists || spec.mode === 'overwrite')
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}

/** Phase two of a file write: the staging folder replaces the path (`replace`), or its files move into it; then `_SUCCESS`. */
async function publish(staging: string, path: string, placed: readonly PlacedFile[], replace: boolean): Promise<void> {
  if (replace) {
    await markSuccess(staging)
    await replaceFolder(staging, path)
    return
  }
  for (const file of placed) {
    const target = join(path, file.relativePath)
    await mkdir(dirname(target), { recursive: true })
    await rename(file.path, target)
  }
  await markSuccess(path)
}

async function replaceFolder(staging: string, path: string): Promise<void> {
  let old: string | undefined
  try {
    await stat(path)
    old = join(dirname(path), `.${basename(path)}-old-${randomUUID()}`)
    await rename(path, old)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await mkdir(dirname(path), { recursive: true })
  await rename(staging, path)
  if (old) await rm(old, { recursive: true, force: true })
}
