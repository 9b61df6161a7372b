import { join, resolve } from 'node:path'
import { AnalysisError, Plan, rowToObject, type Clock, type Row } from '@sluice/shared'
import {
  booleanOption, parseTrigger, runForeachWriter, type ClientBatchCallback, type ForeachWriter, type OutputMode,
  type StreamingQueryRequest, type TriggerOptions, type TriggerSpec,
} from '@sluice/coordinator'
import type { DataFrame } from '../dataframe/data-frame.js'
import type { OptionValue } from '../dataframe/data-frame-reader.js'
import { showString } from '../dataframe/show-string.js'
import { StreamingQuery } from './streaming-query.js'

/** `trigger(...)` as PySpark spells it. */
export type Trigger =
  | { readonly processingTime: string | number }
  | { readonly once: true }
  | { readonly availableNow: true }
  | { readonly continuous: string | number }

/**
 * `df.writeStream` (PySpark's DataStreamWriter): sink format and options, output
 * mode, trigger, query name, checkpoint location, then `start(path)` or
 * `toTable(name)`. `foreach` and `foreachBatch` callbacks run in this process (the
 * client side of the boundary): a function cannot be shipped to an executor.
 */
export class DataStreamWriter {
  #format = 'parquet'
  #outputMode: OutputMode = 'append'
  #trigger: TriggerSpec = { kind: 'default' }
  #queryName: string | undefined
  #partitionBy: string[] = []
  readonly #options: Record<string, string> = {}
  #foreach: ForeachWriter<Record<string, unknown>> | undefined
  #foreachBatch: ((df: DataFrame, batchId: number) => unknown) | undefined
  #clock: Clock | undefined

  constructor(private readonly dataFrame: DataFrame) {}

  format(source: string): this { this.#format = source.toLowerCase(); return this }
  option(key: string, value: OptionValue): this { this.#options[key.toLowerCase()] = String(value); return this }
  options(options: Readonly<Record<string, OptionValue>>): this {
    for (const [k, v] of Object.entries(options)) this.option(k, v)
    return this
  }

  /** 'append' (default), 'complete' or 'update'. */
  outputMode(mode: string): this {
    const normalized = mode.toLowerCase()
    if (normalized !== 'append' && normalized !== 'complete' && normalized !== 'update') {
      throw new AnalysisError('STREAMING_OUTPUT_MODE.INVALID', `Invalid streaming output mode: ${mode}. Accepted output modes are 'append', 'complete', 'update'.`, { outputMode: mode })
    }
    this.#outputMode = normalized
    return this
  }

  /** `{processingTime: "2 minutes"}`, `{once: true}`, `{availableNow: true}`; `{continuous: ...}` is not supported yet. */
  trigger(trigger: Trigger): this {
    const parsed = parseTrigger(trigger as TriggerOptions)
    this.#trigger = parsed.type === 'Once' ? { kind: 'once' }
      : parsed.type === 'AvailableNow' ? { kind: 'availableNow' }
      // processingTime 0 is Spark's default trigger: a batch as soon as the last ends, polling while idle.
      : parsed.intervalMs === 0 ? { kind: 'default' } : { kind: 'processingTime', intervalMs: parsed.intervalMs }
    return this
  }

  queryName(name: string): this { this.#queryName = name; return this }

  /** @internal Tests drive triggers with a ManualClock (Spark's StreamTest `StartStream(clock)`). */
  withClock(clock: Clock): this { this.#clock = clock; return this }

  partitionBy(...columns: (string | readonly string[])[]): this {
    this.#partitionBy = columns.flatMap((c) => (typeof c === 'string' ? [c] : [...c]))
    return this
  }

  /** A ForeachWriter: `{ open(partitionId, epochId), process(row), close(error) }`; rows are plain objects. */
  foreach(writer: ForeachWriter<Record<string, unknown>> | ((row: Record<string, unknown>) => void)): this {
    this.#foreach = typeof writer === 'function' ? { process: writer } : writer
    this.#format = 'foreach'
    return this
  }

  /** `fn(batchDF, batchId)` for every micro-batch; runs in this process. */
  foreachBatch(fn: (df: DataFrame, batchId: number) => unknown): this {
    this.#foreachBatch = fn
    this.#format = 'foreachbatch'
    return this
  }

  /** Starts the query; `path` is the output folder of file and Delta sinks. */
  async start(path?: string): Promise<StreamingQuery> {
    const backend = this.dataFrame.backend
    const target = path ?? this.#options['path']
    const options = { ...this.#options }
    // Paths cross to where the query runs (maybe another process): resolved here, against this process's folder.
    if (options['checkpointlocation'] !== undefined) options['checkpointlocation'] = resolve(options['checkpointlocation'])
    const request: StreamingQueryRequest = {
      plan: this.dataFrame.plan,
      sink: { format: this.#format, ...(target !== undefined ? { path: resolve(target) } : {}), options, partitionBy: this.#partitionBy },
      outputMode: this.#outputMode,
      trigger: this.#trigger,
      ...(this.#queryName !== undefined ? { name: this.#queryName } : {}),
    }
    const callback = this.clientCallback()
    const execution = await backend.startStream(request, { ...(callback ? { callback } : {}), ...(this.#clock ? { clock: this.#clock } : {}) })
    return new StreamingQuery(execution, () => backend.explain(this.dataFrame.plan, false))
  }

  /** Starts the query writing to a table of the session's warehouse folder, readable as `spark.read.table(name)`. */
  async toTable(tableName: string): Promise<StreamingQuery> {
    const warehouse = this.dataFrame.backend.getConf('spark.sql.warehouse.dir') ?? 'spark-warehouse'
    const path = join(warehouse, tableName)
    const query = await this.start(path)
    this.dataFrame.backend.createOrReplaceTempView(tableName, Plan.relation({ format: this.#format, paths: [resolve(path)], options: {}, streaming: false }))
    return query
  }

  /** The user's code of a foreach, foreachBatch or console sink, run in this process for each batch. */
  private clientCallback(): ClientBatchCallback | undefined {
    switch (this.#format) {
      case 'foreach': {
        const writer = this.#foreach!
        return (schema, rows, batchId) => runForeachWriter(writer, rows.map((row: Row) => rowToObject(row, schema)), batchId)
      }
      case 'foreachbatch': {
        const fn = this.#foreachBatch!
        const dataFrame = this.dataFrame
        return async (schema, rows, batchId) => { await fn(dataFrame.withPlan(Plan.localRelation(schema, rows)), batchId) }
      }
      case 'console': {
        const numRows = Number(this.#options['numrows'] ?? 20)
        // Spark's ConsoleWrite: options.getBoolean("truncate", true).
        const truncate = booleanOption(this.#options, 'truncate', true) ? 20 : 0
        const timeZone = this.dataFrame.backend.timeZone()
        return async (schema, rows, batchId) => {
          const rule = '-------------------------------------------'
          process.stdout.write(`${rule}\nBatch: ${batchId}\n${rule}\n${showString(schema, rows, numRows, truncate, false, timeZone)}\n`)
        }
      }
      default:
        return undefined
    }
  }
}
