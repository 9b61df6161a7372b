import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { randomUUID } from 'node:crypto'
import { AnalysisError, Plan, parseTimeStringMs, rowToObject, type Clock, type Row, type StructType } from '@sluice/shared'
import {
  ConsoleSink, DeltaStreamingSink, FileStreamSink, ForeachBatchSink, ForeachSink, MemorySink, parseTrigger, type TriggerOptions,
  type ForeachWriter, type OutputMode, type StreamingSink, type TriggerSpec,
} from '@sluice/coordinator'
import type { DataFrame } from '../dataframe/data-frame.js'
import type { OptionValue } from '../dataframe/data-frame-reader.js'
import { showString } from '../dataframe/show-string.js'
import { StreamingQuery } from './streaming-query.js'
import { booleanOption } from './boolean-option.js'

/** `trigger(...)` as PySpark spells it. */
export type Trigger =
  | { readonly processingTime: string | number }
  | { readonly once: true }
  | { readonly availableNow: true }
  | { readonly continuous: string | number }

const FILE_SINKS = new Set(['json', 'csv', 'parquet', 'avro', 'text', 'orc'])
// Spark's DataStreamWriter.SOURCES_ALLOW_ONE_TIME_QUERY: sinks that may run on a temporary checkpoint.
const TEMP_CHECKPOINT_SINKS = new Set(['memory', 'console', 'noop', 'foreach', 'foreachbatch'])

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
    const sink = this.createSink(target)
    const checkpoint = this.checkpointLocation()
    const memory = sink instanceof MemorySink ? sink : undefined
    const name = this.#queryName
    const execution = await backend.streams.start({
      plan: this.dataFrame.plan,
      outputMode: this.#outputMode,
      trigger: this.#trigger,
      ...(name !== undefined ? { name } : {}),
      checkpointLocation: checkpoint.location,
      temporaryCheckpoint: checkpoint.temporary,
      sink,
      ...(this.#clock ? { clock: this.#clock } : {}),
      ...(memory ? { onSchema: (schema: StructType) => { memory.schema = schema; backend.engine.catalog.registerTable(name!, schema, () => memory.rows()) } } : {}),
    })
    return new StreamingQuery(execution, () => backend.explain(this.dataFrame.plan, false))
  }

  /** Starts the query writing to a table of the session's warehouse folder, readable as `spark.read.table(name)`. */
  async toTable(tableName: string): Promise<StreamingQuery> {
    const warehouse = this.dataFrame.backend.getConf('spark.sql.warehouse.dir') ?? 'spark-warehouse'
    const path = join(warehouse, tableName)
    if (this.#format === 'parquet' && this.#options['format'] === undefined) this.#format = 'parquet'
    const query = await this.start(path)
    this.dataFrame.backend.createOrReplaceTempView(tableName, Plan.relation({ format: this.#format, paths: [resolve(path)], options: {}, streaming: false }))
    return query
  }

  private createSink(path: string | undefined): StreamingSink {
    const backend = this.dataFrame.backend
    const timeZone = backend.timeZone()
    switch (this.#format) {
      case 'memory':
        if (this.#queryName === undefined) throw new AnalysisError('MEMORY_SINK_NEEDS_QUERY_NAME', 'queryName must be specified for memory sink: the result table is registered under that name.')
        return new MemorySink({ kind: 'struct', fields: [] })
      case 'console': {
        const numRows = Number(this.#options['numrows'] ?? 20)
        // Spark's ConsoleWrite: options.getBoolean("truncate", true).
        const truncate = booleanOption(this.#options, 'truncate', true) ? 20 : 0
        return new ConsoleSink((schema, rows, n, t) => showString(schema, rows, n, t, false, timeZone), numRows, truncate)
      }
      case 'foreach': return new ForeachSink(this.#foreach!, (row: Row, schema: StructType) => rowToObject(row, schema))
      case 'foreachbatch': {
        const fn = this.#foreachBatch!
        const dataFrame = this.dataFrame
        return new ForeachBatchSink(async (schema, rows, batchId) => { await fn(dataFrame.withPlan(Plan.localRelation(schema, rows)), batchId) })
      }
      case 'delta':
        if (this.#outputMode === 'update') {
          // DeltaDataSource.createSink: the Delta sink appends or replaces the table, it cannot update rows.
          throw new AnalysisError('DELTA_UNSUPPORTED_OUTPUT_MODE', 'Data source org.apache.spark.sql.delta.sources.DeltaDataSource does not support Update output mode', {
            dataSource: 'org.apache.spark.sql.delta.sources.DeltaDataSource', mode: 'Update',
          })
        }
        if (path === undefined) throw pathRequired('delta')
        return new DeltaStreamingSink(path, this.#partitionBy, this.#options)
      default:
        if (!FILE_SINKS.has(this.#format)) {
          throw new AnalysisError('UNSUPPORTED_DATA_SOURCE_FOR_STREAMING', `Data source ${this.#format} does not support streamed writing. Supported: memory, console, foreach, foreachBatch, delta, ${[...FILE_SINKS].join(', ')}.`)
        }
        if (path === undefined) throw pathRequired(this.#format)
        if (this.#outputMode !== 'append') {
          throw new AnalysisError('STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE', `Invalid streaming output mode: ${this.#outputMode}. Data source ${this.#format} does not support ${this.#outputMode} output mode: file sinks only append.`, { outputMode: this.#outputMode })
        }
        return new FileStreamSink(path, this.#format, this.#partitionBy, this.#options, timeZone, Number(backend.getConf('spark.sql.streaming.fileSink.log.compactInterval') ?? 10), {
          deleteExpiredLog: (backend.getConf('spark.sql.streaming.fileSink.log.deletion') ?? 'true').toLowerCase() === 'true',
          cleanupDelayMs: parseTimeStringMs(backend.getConf('spark.sql.streaming.fileSink.log.cleanupDelay') ?? '10m'),
          minBatchesToRetain: Number(backend.getConf('spark.sql.streaming.minBatchesToRetain') ?? 100),
        })
    }
  }

  private checkpointLocation(): { location: string; temporary: boolean } {
    const explicit = this.#options['checkpointlocation']
    if (explicit !== undefined) return { location: resolve(explicit), temporary: false }
    const root = this.dataFrame.backend.getConf('spark.sql.streaming.checkpointLocation')
    if (root) return { location: resolve(root, this.#queryName ?? randomUUID()), temporary: false }
    if (TEMP_CHECKPOINT_SINKS.has(this.#format)) return { location: mkdtempSync(join(tmpdir(), 'sluice-checkpoint-')), temporary: true }
    throw new AnalysisError('CHECKPOINT_LOCATION_NOT_SPECIFIED', 'checkpointLocation must be specified either through option("checkpointLocation", ...) or SparkSession.conf.set("spark.sql.streaming.checkpointLocation", ...).')
  }
}

function pathRequired(format: string): AnalysisError {
  return new AnalysisError('PATH_NOT_SPECIFIED', `'path' is not specified for the ${format} sink: pass it to start(path).`)
}
