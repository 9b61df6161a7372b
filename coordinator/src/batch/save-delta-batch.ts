import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import type { DeltaFilesSpec, StructType, TaskResult } from '@sluice/shared'
import { checkNotAppendOnly, commitDeltaWrite, compileReplaceWhere, deltaFilesSpec, planDeltaWrite, type DeltaWritePlan } from '@sluice/storage'
import { contiguous } from '../scheduler/split-task.js'
import type { WriteSpec } from './write-spec.js'
import { deltaWriteOptions } from './delta-write-options.js'
import { deltaSessionWrite, type DeltaSessionConf } from './delta-session-conf.js'
import type { SinkWriteOf } from './run-write-tasks.js'
import { deleteSupersededFiles } from '../streaming/sinks/delete-superseded-files.js'

/**
 * `df.write.format("delta").save(path)` as Delta's WriteIntoDelta, in two phases.
 * The coordinator plans the write from the table's log (mode, schema merge or
 * overwrite, partitioning, idempotent txn; see `planDeltaWrite`); the tasks write the
 * Parquet files and return their add actions; the coordinator commits them as one
 * version (`commitDeltaWrite`). Overwrite removes every live file; with
 * `replaceWhere`, the tasks check their rows against the predicate and rewrite the
 * table's files holding a matching row (the files spread over the tasks), returning
 * the files they replaced; after the commit, files of superseded attempts are deleted.
 * The writer options win over the session confs.
 */
export async function saveDeltaBatch(
  spec: WriteSpec, schema: StructType, timeZone: string, sessionConf: DeltaSessionConf, runTasks: (sinkWrite: SinkWriteOf) => Promise<TaskResult>,
): Promise<void> {
  const options = deltaWriteOptions(spec)
  const session = deltaSessionWrite(sessionConf, options)
  const plan = await planDeltaWrite(resolve(spec.path), {
    schema, mode: spec.mode === 'errorifexists' ? 'error' : spec.mode, partitionBy: spec.partitionBy, timeZone, ...session.options, ...options,
  })
  if (!plan.skipped) await writeAndCommit(plan, spec, timeZone, runTasks)
  session.afterWrite()
}

async function writeAndCommit(plan: DeltaWritePlan, spec: WriteSpec, timeZone: string, runTasks: (sinkWrite: SinkWriteOf) => Promise<TaskResult>): Promise<void> {
  const overwrite = plan.options.mode === 'overwrite'
  const replaceWhere = overwrite && plan.options.replaceWhere !== undefined ? { predicate: plan.options.replaceWhere, timeZone } : undefined
  // A predicate that does not parse or resolve fails before any file is written.
  if (replaceWhere) compileReplaceWhere(replaceWhere.predicate, plan.schema, timeZone)
  const liveFiles = plan.snapshot?.files ?? []
  const overwritten = overwrite && !replaceWhere ? liveFiles : []
  if (overwritten.length > 0) checkNotAppendOnly(plan)
  const files: DeltaFilesSpec = { ...deltaFilesSpec(plan), ...(replaceWhere ? { replaceWhere } : {}) }
  const jobId = randomUUID()
  let rewrites: (typeof liveFiles)[] = []
  const result = await runTasks((taskIndex, taskCount) => {
    if (replaceWhere && taskIndex === 0) rewrites = contiguous(liveFiles, taskCount)
    const rewrite = rewrites[taskIndex] ?? []
    return {
      format: 'delta', path: plan.tablePath, partitionBy: spec.partitionBy, options: spec.options, timeZone, jobId,
      delta: rewrite.length > 0 ? { ...files, rewrite } : files,
    }
  })
  const removes = replaceWhere ? result.deltaRemovedFiles ?? [] : overwritten
  const added = result.deltaFiles ?? []
  const numOutputRows = result.numOutputRows ?? 0
  // Nothing to add or remove on a table that stays as it is: no version (as writeDeltaBatch).
  const empty = numOutputRows === 0 && removes.length === 0 && !plan.metadata && plan.options.commitEmpty !== true && !plan.options.txn
  if (!empty) await commitDeltaWrite(plan, added, removes, numOutputRows, replaceWhere?.predicate)
  // After the commit (readers follow the log): files of attempts lost with their executor.
  await deleteSupersededFiles(plan.tablePath, result.supersededAttempts)
}
