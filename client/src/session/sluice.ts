import { AnalysisError, Plan, SessionConfig, fromPublicRow, inferSchemaOfPublicRows, parseDDL, parseQuery, type LogicalPlan, type StructType } from '@sluice/shared'
import type { StreamingQueryListener, TableInfo } from '@sluice/coordinator'
import { DataFrame } from '../dataframe/data-frame.js'
import { DataFrameReader } from '../dataframe/data-frame-reader.js'
import { DataStreamReader } from '../streaming/data-stream-reader.js'
import { StreamingQuery } from '../streaming/streaming-query.js'
import { display, type DisplayOptions } from '../streaming/display.js'
import { EmbeddedBackend } from './embedded-backend.js'
import type { QueryHandle, SessionBackend } from './session-backend.js'
import { RemoteBackend } from '../remote/remote-backend.js'

/** `spark.conf`: get/set/unset session settings by Spark's keys. */
export class RuntimeConfig {
  constructor(private readonly backend: SessionBackend) {}
  get(key: string, defaultValue?: string): string | undefined { return this.backend.getConf(key) ?? defaultValue }
  set(key: string, value: string | number | boolean): void { this.backend.setConf(key, value) }
  unset(key: string): void { this.backend.unsetConf(key) }
}

/** `spark.catalog`: the session's temporary views and memory tables. */
export class Catalog {
  constructor(private readonly backend: SessionBackend) {}
  listTables(): Promise<TableInfo[]> { return this.backend.listTables() }
  async tableExists(name: string): Promise<boolean> { return (await this.listTables()).some((t) => t.name.toLowerCase() === name.toLowerCase()) }
  dropTempView(name: string): boolean { return this.backend.dropTempView(name) }
}

/** `spark.streams` (Spark's StreamingQueryManager). */
export class StreamingQueryManagerApi {
  readonly #wrappers = new WeakMap<QueryHandle, StreamingQuery>()
  constructor(private readonly backend: SessionBackend) {}

  /** The active queries of this session. */
  get active(): StreamingQuery[] {
    return this.backend.streams.active.map((q) => this.wrap(q))
  }

  get(id: string): StreamingQuery | null {
    const q = this.backend.streams.get(id)
    return q ? this.wrap(q) : null
  }

  awaitAnyTermination(timeoutMs?: number): Promise<boolean> { return this.backend.streams.awaitAnyTermination(timeoutMs) }
  resetTerminated(): void { this.backend.streams.resetTerminated() }
  addListener(listener: StreamingQueryListener): void { this.backend.streams.addListener(listener) }
  removeListener(listener: StreamingQueryListener): void { this.backend.streams.removeListener(listener) }

  private wrap(handle: QueryHandle): StreamingQuery {
    let q = this.#wrappers.get(handle)
    if (!q) {
      q = new StreamingQuery(handle, async () => '')
      this.#wrappers.set(handle, q)
    }
    return q
  }
}

/**
 * The entry point, as PySpark's SparkSession: `await Sluice.builder().appName("x").getOrCreate()`.
 * Embedded by default (everything in this process, no servers).
 */
export class Sluice {
  readonly conf: RuntimeConfig
  readonly catalog: Catalog
  readonly streams: StreamingQueryManagerApi
  static #active: Sluice | undefined

  private constructor(readonly backend: SessionBackend, readonly appName: string) {
    this.conf = new RuntimeConfig(backend)
    this.catalog = new Catalog(backend)
    this.streams = new StreamingQueryManagerApi(backend)
  }

  static builder(): SluiceBuilder {
    return new SluiceBuilder()
  }

  /** @internal */
  static create(backend: SessionBackend, appName: string): Sluice {
    const session = new Sluice(backend, appName)
    Sluice.#active = session
    return session
  }

  static get active(): Sluice | undefined {
    return Sluice.#active
  }

  get read(): DataFrameReader { return new DataFrameReader(this.backend) }
  get readStream(): DataStreamReader { return new DataStreamReader(this.backend) }

  /** A DataFrame of a SQL query over temporary views and memory tables. */
  sql(query: string): DataFrame {
    return new DataFrame(this.backend, parseQuery(query, { timeZone: this.backend.timeZone() }))
  }

  table(name: string): DataFrame {
    return new DataFrame(this.backend, Plan.tableRef(name))
  }

  /** A DataFrame from plain objects (or arrays with a schema), as `spark.createDataFrame(data, schema)`. */
  createDataFrame(data: readonly (Record<string, unknown> | readonly unknown[])[], schema?: string | StructType | readonly string[]): DataFrame {
    let struct: StructType
    if (schema === undefined || Array.isArray(schema)) {
      const names = schema as readonly string[] | undefined
      const objects = data.map((d) => (Array.isArray(d) ? Object.fromEntries(d.map((v, i) => [names?.[i] ?? `_${i + 1}`, v])) : d as Record<string, unknown>))
      struct = inferSchemaOfPublicRows(objects)
      return new DataFrame(this.backend, Plan.localRelation(struct, objects.map((o) => fromPublicRow(o, struct))))
    }
    struct = typeof schema === 'string' ? parseDDL(schema) : schema as StructType
    return new DataFrame(this.backend, Plan.localRelation(struct, data.map((d) => fromPublicRow(d, struct))))
  }

  /** Ids from `start` (inclusive) to `end` (exclusive), as `spark.range`; column `id BIGINT`. */
  range(start: number, end?: number, step = 1): DataFrame {
    const [from, to] = end === undefined ? [0, start] : [start, end]
    if (step === 0) throw new AnalysisError('INVALID_PARAMETER_VALUE', 'The step of range must not be 0.')
    const rows: unknown[][] = []
    for (let i = from; step > 0 ? i < to : i > to; i += step) rows.push([BigInt(i)])
    return new DataFrame(this.backend, Plan.localRelation({ kind: 'struct', fields: [{ name: 'id', dataType: { kind: 'long' }, nullable: false, metadata: {} }] }, rows))
  }

  /**
   * Starts a memory-sink query over `df` (complete mode for aggregations, append
   * otherwise), registered as a temporary table `streamName`, and redraws it in the
   * terminal when stdout is a TTY (the notebook's `display`).
   */
  display(df: DataFrame, options: DisplayOptions = {}): Promise<StreamingQuery> {
    return display(this, df, options)
  }

  /**
   * Releases the session. Embedded: stops every active query and the engine. Remote:
   * closes the session on the coordinator; its queries keep running there (as Spark
   * Connect's) unless stopped first.
   */
  async stop(): Promise<void> {
    if (Sluice.#active === this) Sluice.#active = undefined
    await this.backend.close()
  }

  /** @internal */
  dataFrame(plan: LogicalPlan): DataFrame {
    return new DataFrame(this.backend, plan)
  }
}

/** `Sluice.builder()`: appName, master, config, remote, then `getOrCreate()`. */
export class SluiceBuilder {
  #appName = 'sluice'
  readonly #config: Record<string, string | number | boolean> = {}
  #remote: string | undefined
  #master = false

  appName(name: string): this { this.#appName = name; return this }
  /** `local`, `local[N]`, `local[*]`: embedded, with N executor threads (all cores for `*`). */
  master(master: string): this {
    this.#master = true
    const threads = /^local\[(\d+|\*)\]$/.exec(master.trim())?.[1]
    if (threads !== undefined) this.#config['spark.sluice.executor.threads'] = threads === '*' ? 0 : Number(threads)
    else if (master.trim() === 'local') this.#config['spark.sluice.executor.threads'] = 1
    return this
  }
  config(key: string, value: string | number | boolean): this { this.#config[key] = value; return this }
  /**
   * A cluster coordinator: `grpc://host:port`, several as `grpc://h1:p1,h2:p2` (the
   * first that answers), or `grpcs://…` for TLS. Without `remote()` or `master()`, the
   * `SLUICE_REMOTE` environment variable names one (as PySpark's `SPARK_REMOTE`).
   */
  remote(url: string): this { this.#remote = url; return this }

  async getOrCreate(): Promise<Sluice> {
    const remote = this.#remote ?? (this.#master ? undefined : nonEmpty(process.env['SLUICE_REMOTE']))
    const existing = Sluice.active
    if (existing && (remote === undefined ? !(existing.backend instanceof RemoteBackend) : existing.backend instanceof RemoteBackend && existing.backend.url === remote)) {
      for (const [k, v] of Object.entries(this.#config)) existing.conf.set(k, v)
      return existing
    }
    const backend = remote !== undefined
      ? await RemoteBackend.connect({ url: remote, conf: this.#config, appName: this.#appName })
      : new EmbeddedBackend(new SessionConfig(this.#config))
    return Sluice.create(backend, this.#appName)
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}
