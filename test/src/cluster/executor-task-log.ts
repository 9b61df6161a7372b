import type { ManagedProcess } from './managed-process.js'

/** What an executor logged about one task attempt (executor/src/service/grpc/executor-service.ts). */
export type TaskLogKind = 'Running' | 'Finished' | 'Failed' | 'Discarded'

/** One parsed task line of an executor's log. */
export interface TaskLogLine {
  /** The name of the process that logged it. */
  readonly executor: string
  readonly kind: TaskLogKind
  readonly queryId: string
  readonly batchId: number
  readonly taskId: number
  readonly attempt: number
  /** What follows the task's name (`in 12 ms`, `: <error>`, `(its call was cancelled): deleted 2 file(s)`). */
  readonly rest: string
}

const TASK_LINE = /^\[[^\]\n]*\] (Running|Finished|Failed|Discarded) task (\d+)\.(\d+) of query (\S+) batch (\d+) \(epoch \d+\)(.*)$/gm

/** The task lines `executor` has printed so far, in order. */
export function taskLines(executor: ManagedProcess): TaskLogLine[] {
  return [...executor.output().matchAll(TASK_LINE)].map((m) => ({
    executor: executor.name, kind: m[1] as TaskLogKind, taskId: Number(m[2]), attempt: Number(m[3]),
    queryId: m[4]!, batchId: Number(m[5]), rest: m[6]!.trim(),
  }))
}

/** The task lines of every process in `executors`, process by process. */
export function allTaskLines(executors: readonly ManagedProcess[]): TaskLogLine[] {
  return executors.flatMap(taskLines)
}

/** `batch/task.attempt`: one attempt of one task. */
export function attemptKey(line: { readonly batchId: number; readonly taskId: number; readonly attempt: number }): string {
  return `${line.batchId}/${line.taskId}.${line.attempt}`
}

/** Polls `condition` every `everyMs` until it holds (a value other than undefined or false); rejects naming `what` after `timeoutMs`. */
export async function until<T>(what: string, condition: () => T | undefined | false, timeoutMs = 60_000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = condition()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(everyMs)
  }
}

/** The attempts `executor` has logged as started and not (yet) as ended. */
export function attemptsInFlight(executor: ManagedProcess): TaskLogLine[] {
  const lines = taskLines(executor)
  const ended = new Set(lines.filter((l) => l.kind !== 'Running').map(attemptKey))
  return lines.filter((l) => l.kind === 'Running' && !ended.has(attemptKey(l)))
}

/** How long the finished attempts took, as the executors logged it (`Finished … in N ms`), sorted. */
export function taskDurationsMs(lines: readonly TaskLogLine[]): number[] {
  return lines.flatMap((l) => {
    const m = l.kind === 'Finished' ? /^in (\d+) ms$/.exec(l.rest) : null
    return m ? [Number(m[1])] : []
  }).sort((a, b) => a - b)
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
