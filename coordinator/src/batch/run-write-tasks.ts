import type { SinkWriteSpec, Task, TaskResult } from '@sluice/shared'
import type { TaskScheduler } from '../scheduler/task-scheduler.js'
import { splitBatchTask } from '../scheduler/split-task.js'
import { mergeTaskResults } from '../scheduler/merge-task-results.js'

/** The sink write of task `taskIndex` of `taskCount` (phase one of a batch write). */
export type SinkWriteOf = (taskIndex: number, taskCount: number) => SinkWriteSpec

/**
 * Phase one of a batch write, on the executors: the query's task split as any
 * stateless batch plan (by the files of its scan), each task writing its rows as
 * data files per `sinkWrite`, run through the scheduler. The result is the tasks'
 * as one: written files and Delta add (and remove) actions in task order, output
 * rows summed. A failed job's files are deleted by the scheduler; nothing is visible
 * before the caller's phase two.
 */
export async function runWriteTasks(scheduler: TaskScheduler, task: Task, sinkWrite: SinkWriteOf, signal?: AbortSignal): Promise<TaskResult> {
  const tasks = await splitBatchTask(task, scheduler.availableSlots())
  const writing = tasks.map((t, i) => ({ ...t, sinkWrite: sinkWrite(i, tasks.length) }))
  return mergeTaskResults(await scheduler.runTasks(writing, signal ? { signal } : {}))
}
