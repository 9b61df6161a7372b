import { deserialize, serialize } from 'node:v8'
import { runTask, type RunTaskOptions } from '../runtime/run-task.js'
import type { Task, TaskResult } from '../runtime/task.js'

/**
 * An executor in the coordinator's process (embedded mode). Tasks and results
 * cross as bytes — serialized on the way in and out, exactly as over gRPC — so
 * nothing that only works in one process (closures, shared objects) can creep in.
 */
export class LocalExecutor {
  constructor(private readonly options: RunTaskOptions = {}) {}

  /** Runs an encoded task and returns its encoded result. */
  async runEncoded(task: Uint8Array): Promise<Uint8Array> {
    const decoded = deserialize(task) as Task
    return serialize(await runTask(decoded, this.options))
  }

  /** Encodes `task`, runs it, decodes the result. */
  async run(task: Task): Promise<TaskResult> {
    return deserialize(await this.runEncoded(serialize(task))) as TaskResult
  }
}
