import { decodeTask, decodeTaskResult, encodeTask, encodeTaskResult, type Task, type TaskResult } from '@sluice/shared'
import { runTask, type RunTaskOptions } from '../runtime/run-task.js'

/** Options of one encoded run. */
export interface RunEncodedTaskOptions {
  /** Aborts the task (it deletes what it wrote); passed to `runTask`. */
  readonly signal?: AbortSignal
}

/**
 * An executor behind a byte boundary. Tasks and results cross as the versioned
 * encoding of `shared/src/codec/task-codec.ts` (plan and metadata as
 * sluice-plan-json/1, rows as Avro), exactly as over gRPC, so nothing that only works
 * in one process (closures, shared objects, values the encoding cannot carry) can
 * creep in, and both sides may run different builds of the same encoding version.
 */
export class LocalExecutor {
  constructor(private readonly options: RunTaskOptions = {}) {}

  /** Encodes `task`, runs it here, decodes the result. */
  async run(task: Task): Promise<TaskResult> {
    return this.runVia(task, (bytes) => this.runEncoded(bytes))
  }

  /** Encodes `task`, hands the bytes to `transport` (this executor, a worker thread, the network) and decodes its answer. */
  async runVia(task: Task, transport: (bytes: Uint8Array) => Promise<Uint8Array>): Promise<TaskResult> {
    const bytes = await transport(encodeTask(task))
    return decodeTaskResult(bytes, task.plan.schema)
  }

  /** Runs an encoded task and returns its encoded result (the executor's side of the wire). */
  async runEncoded(bytes: Uint8Array, options: RunEncodedTaskOptions = {}): Promise<Uint8Array> {
    const task = decodeTask(bytes)
    const result = await runTask(task, options.signal ? { ...this.options, signal: options.signal } : this.options)
    return encodeTaskResult(result, task.plan.schema)
  }
}
