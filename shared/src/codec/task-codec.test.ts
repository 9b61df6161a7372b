import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { Expr } from '../expr/expr.js'
import type { PhysicalPlan } from '../plan/physical-plan.js'
import type { Task, TaskResult } from '../task/task.js'
import { BinaryType, DecimalType, DoubleType, LongType, MapType, StringType, StructField, StructType, TimestampType } from '../types/data-type.js'
import { createRowCodec } from '../data/avro-row-codec.js'
import { decodeTask, decodeTaskResult, encodeTask, encodeTaskResult, TASK_ENCODING, TASK_RESULT_ENCODING } from './task-codec.js'

const EVENTS = StructType([
  StructField('id', LongType), StructField('price', DecimalType(38, 6)), StructField('score', DoubleType),
  StructField('at', TimestampType), StructField('payload', BinaryType), StructField('tags', MapType(StringType, StringType)),
])
const FILES = StructType([StructField('line', StringType)])
const OUT = StructType([StructField('id', LongType), StructField('n', LongType, false)])

const source = (format: string) => Object.freeze({ format, paths: Object.freeze([`/data/${format}`]), options: Object.freeze({ maxfilespertrigger: '1' }), streaming: true })
const memoryInput: PhysicalPlan = Object.freeze({ kind: 'StreamInput', schema: EVENTS, sourceIndex: 0, source: source('memory') })
const fileInput: PhysicalPlan = Object.freeze({ kind: 'StreamInput', schema: FILES, sourceIndex: 1, source: source('text'), requiredColumns: Object.freeze([0]) })
const plan: PhysicalPlan = Object.freeze({
  kind: 'Project', schema: OUT,
  input: Object.freeze({ kind: 'Union', schema: EVENTS, inputs: Object.freeze([memoryInput, fileInput]) }),
  exprs: Object.freeze([Expr.ref(0, 'id', LongType, true), Expr.alias(Expr.literal(2n ** 62n, LongType), 'n')]),
})

const EVENT_ROWS = [
  [9007199254740993n, -(10n ** 30n), Number.NaN, 1_700_000_000_000_001, new Uint8Array([1, 2, 3]), new Map([['k', 'v'], ['z', null]])],
  [-1n, 0n, -0, 0, new Uint8Array([]), new Map()],
  [null, null, Number.POSITIVE_INFINITY, null, null, null],
]

const task: Task = {
  queryId: 'q-1', runId: 'r-1', batchId: 7, taskId: 2, attempt: 1, epoch: 1_765_000_000_000, plan,
  evalContext: { ansi: true, timeZone: 'Europe/Paris', caseSensitive: false, currentTimestampMicros: 1_765_000_000_000_000, arrayExistsFollowsThreeValuedLogic: true },
  streaming: {
    outputMode: 'append', watermarkMicros: 5, operatorWatermarks: { 3: { lateEventsMicros: 1, evictionMicros: 2 } }, isNoDataBatch: false,
    stateLocation: '/ckpt/state', minDeltasForSnapshot: 10, minBatchesToRetain: 100,
    inputs: [{ sourceIndex: 0, kind: 'rows', rows: EVENT_ROWS }, { sourceIndex: 1, kind: 'files', files: ['/data/text/a.txt', '/data/text/b c.txt'] }],
  },
  sinkWrite: {
    format: 'delta', path: '/out', partitionBy: ['id'], options: { mergeschema: 'true' }, timeZone: 'UTC', jobId: 'job-1',
    delta: { tablePath: '/out', inputSchema: OUT, tableSchema: OUT, sources: [0, -1], partitionBy: [], maxRecordsPerFile: 0, dataChange: true },
  },
}

describe('encodeTask / decodeTask', () => {
  it('round-trips a streaming task: plan and metadata as JSON, row inputs as Avro (exact bigint, decimals, NaN, -0, bytes, maps)', () => {
    const bytes = encodeTask(task)
    expect(Buffer.from(bytes.subarray(0, TASK_ENCODING.length + 1)).toString('latin1')).toBe(`${TASK_ENCODING}\n`)
    const back = decodeTask(bytes)
    expect(back).toStrictEqual(task)
    const rows = (back.streaming!.inputs[0] as { readonly rows: readonly unknown[][] }).rows
    expect(Object.is(rows[1]![2], -0)).toBe(true)
    expect(Object.isFrozen(back.plan)).toBe(true)
  })

  it('carries the rows as the Avro batch of the StreamInput schema, not as JSON', () => {
    const bytes = Buffer.from(encodeTask(task))
    const avro = createRowCodec(EVENTS).encode(EVENT_ROWS)
    expect(bytes.subarray(bytes.length - avro.length).equals(avro)).toBe(true)
    expect(bytes.toString('latin1')).not.toContain('9007199254740993')
  })

  it('round-trips a batch task without streaming or sink', () => {
    const { streaming: _s, sinkWrite: _w, taskId: _t, epoch: _e, ...batch } = task
    expect(decodeTask(encodeTask(batch))).toStrictEqual(batch)
  })

  it('refuses other formats, truncated frames and bad members with InvalidPlanError naming the path', () => {
    expect(() => decodeTask(new Uint8Array([0xff, 0x0f, 0x6f, 0x22]))).toThrow(/INVALID_PLAN.*expected the sluice-task\/1 format/)
    const bytes = encodeTask(task)
    expect(() => decodeTask(bytes.subarray(0, 40))).toThrow(/go past the end/)
    expect(() => decodeTask(bytes.subarray(0, bytes.length - 1))).toThrow(/go past the end of the task at \$\.streaming\.inputs\[0\]/)
    const json = JSON.parse(Buffer.from(encodeTask({ ...task, streaming: undefined } as Task)).subarray(TASK_ENCODING.length + 5).toString('utf8'))
    json.value.attempt = 'one'
    expect(() => decodeTask(reframe(json))).toThrow(/expected an integer, found a string at \$\.attempt/)
    delete json.value.attempt
    expect(() => decodeTask(reframe(json))).toThrow(/missing required field 'attempt' of a task at \$\.attempt/)
    json.value.attempt = 0
    json.value.plan.input.inputs[1].kind = 'StreamInputV2'
    expect(() => decodeTask(reframe(json))).toThrow(/unknown physical plan node kind 'StreamInputV2' at \$\.plan\.input\.inputs\[1\]\.kind/)
  })
})

describe('encodeTaskResult / decodeTaskResult', () => {
  const result: TaskResult = {
    rows: [[2n ** 63n - 1n, 4611686018427387904n], [null, 0n]],
    files: [{
      path: '/out/id=1/part-00000.parquet', relativePath: 'id=1/part-00000.parquet', size: 1234, numRows: 2, partitionValues: { id: '1', other: null }, modificationTime: 1_765_000_000_123,
      stats: { minValues: { id: -(2n ** 63n), payload: new Uint8Array([9]) }, maxValues: { id: 2n ** 63n - 1n, score: Number.NaN }, nullCount: { id: 0 } },
    }],
    deltaFiles: [{ path: 'id=1/part-00000.parquet', partitionValues: { id: '1' }, size: 1234, modificationTime: 1_765_000_000_000, dataChange: true, stats: '{"numRecords":2}', tags: null }],
    numOutputRows: 2,
    numInputRowsBySource: { 0: 3, 1: 0 },
    eventTime: [{ watermarkId: 0, max: 10, min: -5, sum: 5, count: 2 }],
    stateOperators: [{ operatorId: 0, metrics: {
      operatorName: 'stateStoreSave', numRowsTotal: 1, numRowsUpdated: 1, numRowsRemoved: 0, numRowsDroppedByWatermark: 0, memoryUsedBytes: 100,
      allUpdatesTimeMs: 1, allRemovalsTimeMs: 0, commitTimeMs: 2, numShufflePartitions: 200, numStateStoreInstances: 1,
    } }],
  }

  it('round-trips rows (as Avro of the output schema) and every metadata member', () => {
    const bytes = encodeTaskResult(result, OUT)
    expect(Buffer.from(bytes.subarray(0, TASK_RESULT_ENCODING.length + 1)).toString('latin1')).toBe(`${TASK_RESULT_ENCODING}\n`)
    const back = decodeTaskResult(bytes, OUT)
    expect(back).toStrictEqual(result)
    expect(Buffer.from(bytes).subarray(bytes.length - createRowCodec(OUT).encode(result.rows).length).equals(createRowCodec(OUT).encode(result.rows))).toBe(true)
  })

  it('round-trips a minimal result and refuses a result whose row bytes are cut', () => {
    const minimal: TaskResult = { rows: [], numInputRowsBySource: {}, eventTime: [], stateOperators: [] }
    expect(decodeTaskResult(encodeTaskResult(minimal, OUT), OUT)).toStrictEqual(minimal)
    const bytes = encodeTaskResult(result, OUT)
    expect(() => decodeTaskResult(bytes.subarray(0, bytes.length - 2), OUT)).toThrow(/INVALID_PLAN.*rowsByteLength/)
  })
})

/** A task frame around a (modified) JSON envelope, no row batches. */
function reframe(envelope: unknown): Uint8Array {
  const json = Buffer.from(JSON.stringify(envelope))
  const length = Buffer.alloc(4)
  length.writeUInt32BE(json.length)
  return Buffer.concat([Buffer.from(`${TASK_ENCODING}\n`, 'latin1'), length, json])
}
