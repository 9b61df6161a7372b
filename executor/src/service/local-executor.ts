import { deserialize, serialize } from 'node:v8'
import { createRowCodec, physicalChildren, type PhysicalPlan, type Row, type RowCodec, type StructType } from '@sluice/shared'
import { runTask, type RunTaskOptions } from '../runtime/run-task.js'
import type { StreamTaskInput, Task, TaskResult } from '../runtime/task.js'

/** A task on the wire: the plan as structured data, input rows as Avro record batches. */
type EncodedInput = Exclude<StreamTaskInput, { kind: 'rows' }> | { readonly sourceIndex: number; readonly kind: 'avro'; readonly bytes: Uint8Array }

/**
 * An executor in the coordinator's process (embedded mode). Tasks and results
 * cross as bytes, exactly as over gRPC: the plan serialized, rows as Avro (avsc)
 * record batches. So nothing that only works in one process (closures, shared
 * objects, values Avro cannot carry) can creep in.
 */
export class LocalExecutor {
  readonly #codecs = new Map<string, RowCodec>()

  constructor(private readonly options: RunTaskOptions = {}) {}

  /** Encodes `task`, runs it, decodes the result. */
  async run(task: Task): Promise<TaskResult> {
    return this.runVia(task, (bytes) => this.runEncoded(bytes))
  }

  /** Encodes `task`, hands the bytes to `transport` (this executor, a worker thread, the network) and decodes its answer. */
  async runVia(task: Task, transport: (bytes: Uint8Array) => Promise<Uint8Array>): Promise<TaskResult> {
    const bytes = await transport(this.encodeTask(task))
    const result = deserialize(bytes) as Omit<TaskResult, 'rows'> & { rows: Uint8Array }
    return { ...result, rows: this.codec(task.plan.schema).decode(result.rows) }
  }

  /** Runs an encoded task and returns its encoded result (the executor's side of the wire). */
  async runEncoded(bytes: Uint8Array): Promise<Uint8Array> {
    const task = this.decodeTask(bytes)
    const result = await runTask(task, this.options)
    return serialize({ ...result, rows: this.codec(task.plan.schema).encode(result.rows) })
  }

  private encodeTask(task: Task): Uint8Array {
    if (!task.streaming) return serialize(task)
    const schemas = streamInputSchemas(task.plan)
    const inputs: EncodedInput[] = task.streaming.inputs.map((input) => input.kind === 'rows'
      ? { sourceIndex: input.sourceIndex, kind: 'avro', bytes: this.codec(schemas.get(input.sourceIndex)!).encode(input.rows) }
      : input)
    return serialize({ ...task, streaming: { ...task.streaming, inputs } })
  }

  private decodeTask(bytes: Uint8Array): Task {
    const task = deserialize(bytes) as Task
    if (!task.streaming) return task
    const schemas = streamInputSchemas(task.plan)
    const inputs = (task.streaming.inputs as readonly EncodedInput[]).map((input): StreamTaskInput => input.kind === 'avro'
      ? { sourceIndex: input.sourceIndex, kind: 'rows', rows: this.codec(schemas.get(input.sourceIndex)!).decode(input.bytes) as Row[] }
      : input)
    return { ...task, streaming: { ...task.streaming, inputs } }
  }

  private codec(schema: StructType): RowCodec {
    const key = JSON.stringify(schema)
    let codec = this.#codecs.get(key)
    if (!codec) {
      codec = createRowCodec(schema)
      this.#codecs.set(key, codec)
    }
    return codec
  }
}

function streamInputSchemas(plan: PhysicalPlan, out = new Map<number, StructType>()): Map<number, StructType> {
  if (plan.kind === 'StreamInput') out.set(plan.sourceIndex, plan.schema)
  for (const child of physicalChildren(plan)) streamInputSchemas(child, out)
  return out
}
