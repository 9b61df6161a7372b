/**
 * Tasks and task results as bytes (`docs/wire-format.md`): a frame of
 *
 *     magic line   "sluice-task/1\n" or "sluice-task-result/1\n" (ASCII)
 *     u32 BE       length of the JSON that follows
 *     JSON         a sluice-plan-json/1 envelope (payload "task" / "task-result")
 *     Avro         row batches (`createRowCodec`'s wire layout, one Avro array each)
 *
 * A task's JSON is the task with each `rows` input of a streaming batch replaced by
 * `{"sourceIndex", "kind": "avro", "byteLength"}`: its rows follow the JSON, in input
 * order, encoded with the schema of the plan's StreamInput of that source. A result's
 * JSON is everything but its rows, plus `rowsByteLength`; the rows follow, encoded
 * with the plan's output schema (the caller passes it: the coordinator knows its task).
 */
import { Buffer } from 'node:buffer'
import { createRowCodec, type RowCodec } from '../data/avro-row-codec.js'
import type { EvalContext } from '../eval/types.js'
import { InvalidPlanError } from '../errors/invalid-plan-error.js'
import { physicalChildren, type PhysicalPlan } from '../plan/physical-plan.js'
import type { DeltaAddFile, DeltaFilesSpec } from '../task/delta-files.js'
import type { EventTimeStats, OperatorWatermark, StateOperatorMetrics } from '../task/operator-metrics.js'
import type { SinkWriteSpec, StreamingTaskSpec, StreamTaskInput, Task, TaskResult } from '../task/task.js'
import type { PlacedFile } from '../task/written-file.js'
import type { StructType } from '../types/data-type.js'
import {
  anyValue, arrayOf, boolean, integer, kindUnion, nullable, number, objectOf, oneOf, optional, recordOf, required, string,
  type Decoder, type FieldsOf,
} from './json-decoders.js'
import { ROOT_PATH } from './json-path.js'
import { physicalPlan, structType } from './plan-decoders.js'
import { decodePlanJson, encodePlanJson } from './plan-json.js'
import { toTaggedJson } from './tagged-json.js'

/** The first bytes of an encoded task: the frame's format and version. */
export const TASK_ENCODING = 'sluice-task/1'
/** The first bytes of an encoded task result. */
export const TASK_RESULT_ENCODING = 'sluice-task-result/1'

/** A streaming input whose rows follow the JSON as an Avro batch of `byteLength` bytes. */
interface AvroInput { readonly sourceIndex: number; readonly kind: 'avro'; readonly byteLength: number }
type WireInput = Exclude<StreamTaskInput, { kind: 'rows' }> | AvroInput
type WireStreaming = Omit<StreamingTaskSpec, 'inputs'> & { readonly inputs: readonly WireInput[] }
type WireTask = Omit<Task, 'streaming'> & { readonly streaming?: WireStreaming }
// supersededAttempts is the coordinator's own bookkeeping: it never crosses the wire.
type WireTaskResult = Omit<TaskResult, 'rows' | 'supersededAttempts'> & { readonly rowsByteLength: number }

/** `task` as bytes: JSON metadata and plan, then each streaming input's rows as Avro. */
export function encodeTask(task: Task): Uint8Array {
  const batches: Buffer[] = []
  const { streaming, ...common } = task
  let wire: WireTask = common
  if (streaming) {
    const schemas = streamInputSchemas(task.plan)
    const inputs = streaming.inputs.map((input): WireInput => {
      if (input.kind !== 'rows') return input
      const schema = schemas.get(input.sourceIndex)
      if (!schema) throw new InvalidPlanError(`rows for source ${input.sourceIndex}, which has no StreamInput in the plan`, ROOT_PATH)
      const bytes = rowCodec(schema).encode(input.rows)
      batches.push(bytes)
      return { sourceIndex: input.sourceIndex, kind: 'avro', byteLength: bytes.length }
    })
    wire = { ...common, streaming: { ...streaming, inputs } }
  }
  return frame(TASK_ENCODING, encodePlanJson('task', toTaggedJson(wire)), batches)
}

/** The task of `encodeTask`'s bytes; throws `InvalidPlanError` (naming the JSON path) or MALFORMED_AVRO_MESSAGE. */
export function decodeTask(bytes: Uint8Array): Task {
  const { json, rest } = unframe(TASK_ENCODING, bytes)
  const wire = decodePlanJson(json, 'task', wireTask)
  if (!wire.streaming) {
    if (rest.length !== 0) throw new InvalidPlanError(`${rest.length} bytes after a task without row inputs`, ROOT_PATH)
    return wire as Task
  }
  const schemas = streamInputSchemas(wire.plan)
  let offset = 0
  const inputs = wire.streaming.inputs.map((input, i): StreamTaskInput => {
    if (input.kind !== 'avro') return input
    const schema = schemas.get(input.sourceIndex)
    const at = `$.streaming.inputs[${i}]`
    if (!schema) throw new InvalidPlanError(`rows for source ${input.sourceIndex}, which has no StreamInput in the plan`, at)
    if (offset + input.byteLength > rest.length) throw new InvalidPlanError(`the rows' ${input.byteLength} bytes go past the end of the task`, at)
    const rows = rowCodec(schema).decode(rest.subarray(offset, offset + input.byteLength))
    offset += input.byteLength
    return { sourceIndex: input.sourceIndex, kind: 'rows', rows }
  })
  if (offset !== rest.length) throw new InvalidPlanError(`${rest.length - offset} bytes after the task's row inputs`, ROOT_PATH)
  return { ...wire, streaming: { ...wire.streaming, inputs } }
}

/** `result` as bytes: JSON metadata, then its rows (of `schema`, the task plan's output) as Avro. */
export function encodeTaskResult(result: TaskResult, schema: StructType): Uint8Array {
  const { rows, ...metadata } = result
  const batch = rowCodec(schema).encode(rows)
  const wire: WireTaskResult = { ...metadata, rowsByteLength: batch.length }
  return frame(TASK_RESULT_ENCODING, encodePlanJson('task-result', toTaggedJson(wire)), [batch])
}

/** The result of `encodeTaskResult`'s bytes, rows of `schema`. */
export function decodeTaskResult(bytes: Uint8Array, schema: StructType): TaskResult {
  const { json, rest } = unframe(TASK_RESULT_ENCODING, bytes)
  const { rowsByteLength, ...metadata } = decodePlanJson(json, 'task-result', wireTaskResult)
  if (rowsByteLength !== rest.length) throw new InvalidPlanError(`rowsByteLength is ${rowsByteLength} but ${rest.length} bytes of rows follow`, '$.rowsByteLength')
  return { rows: rowCodec(schema).decode(rest), ...metadata }
}

// ---- frames ----

const ascii = (text: string): Buffer => Buffer.from(`${text}\n`, 'latin1')
const MAGIC: Readonly<Record<string, Buffer>> = { [TASK_ENCODING]: ascii(TASK_ENCODING), [TASK_RESULT_ENCODING]: ascii(TASK_RESULT_ENCODING) }

function frame(encoding: string, json: Uint8Array, batches: readonly Uint8Array[]): Uint8Array {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(json.length)
  return Buffer.concat([MAGIC[encoding]!, length, json, ...batches])
}

function unframe(encoding: string, bytes: Uint8Array): { json: Uint8Array; rest: Uint8Array } {
  const magic = MAGIC[encoding]!
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (buffer.length < magic.length + 4 || !buffer.subarray(0, magic.length).equals(magic)) {
    const line = buffer.subarray(0, Math.min(buffer.length, 40)).toString('latin1').split('\n')[0]!
    throw new InvalidPlanError(`expected the ${encoding} format, found bytes starting ${JSON.stringify(line)}`, ROOT_PATH)
  }
  const length = buffer.readUInt32BE(magic.length)
  const start = magic.length + 4
  if (start + length > buffer.length) throw new InvalidPlanError(`the JSON part's ${length} bytes go past the end of the ${encoding} frame`, ROOT_PATH)
  return { json: buffer.subarray(start, start + length), rest: buffer.subarray(start + length) }
}

// ---- row codecs ----

const CODECS = new Map<string, RowCodec>()
const MAX_CACHED_CODECS = 64

/** A cached row codec per schema (building one compiles code). */
function rowCodec(schema: StructType): RowCodec {
  const key = JSON.stringify(schema)
  let codec = CODECS.get(key)
  if (!codec) {
    codec = createRowCodec(schema)
    if (CODECS.size >= MAX_CACHED_CODECS) CODECS.delete(CODECS.keys().next().value!)
    CODECS.set(key, codec)
  }
  return codec
}

function streamInputSchemas(plan: PhysicalPlan, out = new Map<number, StructType>()): Map<number, StructType> {
  if (plan.kind === 'StreamInput') out.set(plan.sourceIndex, plan.schema)
  for (const child of physicalChildren(plan)) streamInputSchemas(child, out)
  return out
}

// ---- decoders of the task's and result's members (not frozen: only plans are) ----

const strings = arrayOf(string, false)

const evalContext = objectOf<EvalContext>('an eval context', {
  ansi: required(boolean), timeZone: required(string), caseSensitive: required(boolean), currentTimestampMicros: required(number),
  arrayExistsFollowsThreeValuedLogic: optional(boolean), allowNullComparisonResultInArraySort: optional(boolean),
}, false)

const operatorWatermark = objectOf<OperatorWatermark>('an operator watermark', {
  lateEventsMicros: required(number), evictionMicros: required(number),
}, false)

const wireInput: Decoder<WireInput> = kindUnion<WireInput>('streaming input', () => WIRE_INPUT_FIELDS, false)
const WIRE_INPUT_FIELDS: { readonly [K in WireInput['kind']]: FieldsOf<Extract<WireInput, { kind: K }>> } = {
  files: { sourceIndex: required(integer), files: required(strings) },
  avro: { sourceIndex: required(integer), byteLength: required(integer) },
}

const wireStreaming = objectOf<WireStreaming>('a streaming task spec', {
  outputMode: required(oneOf('append', 'update', 'complete')),
  watermarkMicros: required(number),
  operatorWatermarks: optional(recordOf(operatorWatermark, false)),
  isNoDataBatch: required(boolean),
  stateLocation: required(string),
  minDeltasForSnapshot: required(integer),
  minBatchesToRetain: required(integer),
  inputs: required(arrayOf(wireInput, false)),
}, false)

const partitionValues = recordOf(nullable(string), false)

const deltaAddFile = objectOf<DeltaAddFile>('a Delta add action', {
  path: required(string), partitionValues: required(partitionValues), size: required(number), modificationTime: required(number),
  dataChange: required(boolean), stats: optional(nullable(string)), tags: optional(nullable(recordOf(string, false))),
  deletionVector: optional(anyValue), baseRowId: optional(nullable(number)), defaultRowCommitVersion: optional(nullable(number)),
}, false)

const deltaFilesSpec = objectOf<DeltaFilesSpec>('a Delta files spec', {
  tablePath: required(string), inputSchema: required(structType), tableSchema: required(structType), sources: required(arrayOf(integer, false)),
  partitionBy: required(strings), maxRecordsPerFile: required(number), dataChange: required(boolean),
  replaceWhere: optional(objectOf<NonNullable<DeltaFilesSpec['replaceWhere']>>('a replaceWhere predicate', {
    predicate: required(string), timeZone: required(string),
  }, false)),
  rewrite: optional(arrayOf(deltaAddFile, false)),
}, false)

const sinkWrite = objectOf<SinkWriteSpec>('a sink write spec', {
  format: required(string), path: required(string), partitionBy: required(strings), options: required(recordOf(string, false)),
  timeZone: required(string), jobId: required(string), delta: optional(deltaFilesSpec), writeEmptyFile: optional(boolean),
}, false)

const wireTask = objectOf<WireTask>('a task', {
  queryId: required(string), runId: required(string), batchId: required(integer), taskId: optional(integer), attempt: required(integer),
  epoch: optional(number), plan: required(physicalPlan), evalContext: required(evalContext), streaming: optional(wireStreaming),
  sinkWrite: optional(sinkWrite),
}, false)

const placedFile = objectOf<PlacedFile>('a written file', {
  path: required(string), size: required(number), numRows: required(number),
  stats: optional(objectOf<NonNullable<PlacedFile['stats']>>('file statistics', {
    minValues: required(recordOf(anyValue, false)), maxValues: required(recordOf(anyValue, false)), nullCount: required(recordOf(number, false)),
  }, false)),
  relativePath: required(string), partitionValues: required(partitionValues), modificationTime: required(number),
}, false)

const eventTimeStats = objectOf<EventTimeStats>('event time statistics', {
  watermarkId: required(integer), max: required(number), min: required(number), sum: required(number), count: required(number),
}, false)

const stateOperatorMetrics = objectOf<StateOperatorMetrics>('state operator metrics', {
  operatorName: required(string), numRowsTotal: required(number), numRowsUpdated: required(number), numRowsRemoved: required(number),
  numRowsDroppedByWatermark: required(number), memoryUsedBytes: required(number), allUpdatesTimeMs: required(number),
  allRemovalsTimeMs: required(number), commitTimeMs: required(number), numShufflePartitions: required(number), numStateStoreInstances: required(number),
}, false)

const wireTaskResult = objectOf<WireTaskResult>('a task result', {
  files: optional(arrayOf(placedFile, false)),
  deltaFiles: optional(arrayOf(deltaAddFile, false)),
  deltaRemovedFiles: optional(arrayOf(deltaAddFile, false)),
  numOutputRows: optional(number),
  numInputRowsBySource: required(recordOf(number, false)),
  eventTime: required(arrayOf(eventTimeStats, false)),
  stateOperators: required(arrayOf(objectOf<TaskResult['stateOperators'][number]>('a state operator', {
    operatorId: required(integer), metrics: required(stateOperatorMetrics),
  }, false), false)),
  rowsByteLength: required(integer),
}, false)
