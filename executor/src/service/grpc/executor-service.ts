import { rm } from 'node:fs/promises'
import type { ExecutorServiceHandlers, LaunchTaskResponse } from '@sluice/proto'
import { GrpcStatus, SluiceError } from '@sluice/shared'
import type { ExecutorPool } from '../executor-pool.js'
import type { EpochFence } from '../epoch-fence.js'
import type { RunningTasks } from '../running-tasks.js'
import { grpcErrorStatus } from './grpc-error.js'

/** What the ExecutorService handlers work with. */
export interface ExecutorServiceContext {
  readonly executorId: string
  readonly pool: ExecutorPool
  readonly fence: EpochFence
  readonly running: RunningTasks
  /** Called when a task brings a newer epoch than any seen (the executor aborts older tasks). */
  readonly onNewerEpoch?: (epoch: bigint) => void
  /** The executor's log (one line per task start and end, as Spark's executor logs them). */
  readonly log?: (line: string) => void
}

/**
 * The ExecutorService: LaunchTask hands the task bytes to a slot (it decodes
 * nothing) and answers the result bytes when the task ends; CancelTask aborts a
 * task. A task of a stale epoch is refused (FAILED_PRECONDITION, STALE_EPOCH). A
 * LaunchTask call its caller cancels aborts the task, which deletes the files it
 * wrote; had it already finished, its files are deleted here, since no one will
 * ever list them. Either way the log says `Discarded <task>` (else `Finished` or `Failed`).
 */
export function executorServiceHandlers(context: ExecutorServiceContext): ExecutorServiceHandlers {
  const { executorId, pool, fence, running } = context
  return {
    LaunchTask(call, callback) {
      const started = performance.now()
      const descriptor = call.request.descriptor
      let accepted: ReturnType<RunningTasks['add']>
      try {
        if (!descriptor) throw missingDescriptor('LaunchTask')
        fence.check(descriptor.epoch)
        if (fence.observe(descriptor.epoch)) context.onNewerEpoch?.(fence.newest)
        accepted = running.add(descriptor)
      } catch (error) {
        callback(grpcErrorStatus(error))
        return
      }
      const { task, done } = accepted
      const name = taskName(descriptor!)
      const log = context.log ?? (() => undefined)
      log(`Running ${name}`)
      const onCancelled = (): void => task.controller.abort(new DOMException('The LaunchTask call was cancelled by its caller.', 'AbortError'))
      call.on('cancelled', onCancelled)
      if (call.cancelled) onCancelled()
      pool.runEncoded(call.request.task, { signal: task.controller.signal, affinity: descriptor!.queryId }).then(
        async (outcome) => {
          const durationMs = Math.round(performance.now() - started)
          if (call.cancelled) {
            await Promise.all(outcome.writtenPaths.map((path) => rm(path, { force: true })))
            log(`Discarded ${name} (its call was cancelled): deleted ${outcome.writtenPaths.length} file(s)`)
            return
          }
          const response: LaunchTaskResponse = { result: outcome.result, durationMs: String(durationMs), executorId }
          log(`Finished ${name} in ${durationMs} ms`)
          callback(null, response)
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error)
          // A task ends with an error after deleting what it wrote; when its caller cancelled the call it is a discard, not a failure.
          if (call.cancelled) log(`Discarded ${name} (its call was cancelled before it finished: ${message}): the files it had written are deleted`)
          else log(`Failed ${name}: ${message}`)
          callback(grpcErrorStatus(error))
        },
      ).catch((error: unknown) => callback(grpcErrorStatus(error))).finally(() => {
        call.removeListener('cancelled', onCancelled)
        done()
      })
    },

    CancelTask(call, callback) {
      const descriptor = call.request.descriptor
      if (!descriptor) {
        callback(grpcErrorStatus(missingDescriptor('CancelTask')))
        return
      }
      callback(null, { wasRunning: running.cancel(descriptor, 'The coordinator cancelled the task.') })
    },
  }
}

/** Spark's executor log names a task `task 0.1 in stage 3.0`; Sluice's: its index.attempt, query and batch. */
function taskName(descriptor: { queryId: string; batchId: string; taskId: number; attempt: number; epoch: string }): string {
  return `task ${descriptor.taskId}.${descriptor.attempt} of query ${descriptor.queryId} batch ${descriptor.batchId} (epoch ${descriptor.epoch})`
}

function missingDescriptor(method: string): SluiceError {
  return new SluiceError({
    errorClass: 'INVALID_TASK_REQUEST', message: `A ${method} request needs a task descriptor.`,
    domain: 'internal', grpcStatus: GrpcStatus.INVALID_ARGUMENT,
  })
}
