import { AnalysisError, GrpcStatus, SessionConfig, schemaFromJson, schemaToJson, type LogicalPlan, type Row, type StructType } from '@sluice/shared'
import { SessionCatalog, type StreamingQueryRequest, type TableInfo, type TriggerSpec, type WriteSpec } from '@sluice/coordinator'
import type { PlanEnvelope, Trigger } from '@sluice/proto'
import type { QueryHandle, SessionBackend, StartStreamOptions } from '../session/session-backend.js'
import { absolutePath, withAbsolutePaths } from './absolute-paths.js'
import { OrderedSends } from './ordered-sends.js'
import { REMOTE_CONF_PREFIX, rpcOptionsOf } from './remote-options.js'
import { RemoteStreams } from './remote-streams.js'
import { collectRowBatches } from './row-batches.js'
import { SinkCallbackChannel } from './sink-callback-channel.js'
import { SluiceRpc } from './sluice-rpc.js'
import { PLAN_JSON_ENCODING, encodeAvroContainer, encodeLogicalPlan } from './wire-codecs.js'

/** Session confs whose values are paths: made absolute here before they are sent. */
const PATH_CONFS: ReadonlySet<string> = new Set(['spark.sql.streaming.checkpointLocation', 'spark.sql.warehouse.dir'])

export interface RemoteConnectOptions {
  /** `grpc://host:port[,host:port…]` or `grpcs://…`. */
  readonly url: string
  /** The builder's confs: `spark.sluice.remote.*` configure the connection, the rest the session. */
  readonly conf?: Readonly<Record<string, string | number | boolean>>
  readonly appName?: string
  readonly env?: NodeJS.ProcessEnv
  /** How long `processAllAvailable`, `stop` and `awaitTermination` wait for their event to reach the listeners, ms. */
  readonly eventWaitMs?: number
}

/**
 * A session on a Sluice coordinator over SluiceService (Spark Connect's shape):
 * plans go as `sluice-plan-json/1`, rows come back as Avro read with the Spark
 * schema (BIGINT stays bigint), errors come back as the server's typed SluiceError.
 * Confs and views are mirrored here so the synchronous API stays synchronous; what it
 * changes is sent in order, and every asynchronous call waits for it first. Paths
 * are made absolute against this process's working directory: the cluster shares
 * the filesystem, not the folder.
 */
export class RemoteBackend implements SessionBackend {
  readonly streams: RemoteStreams
  #conf: SessionConfig
  /** Counts the conf and view changes sent, so a conf snapshot taken meanwhile is not applied over newer ones. */
  #changes = 0
  /** MemoryStream blocks whose send has not gone out yet: later ones join it. */
  #openBlocks: { streamId: string; schema: StructType; rows?: () => Promise<readonly Row[]> }[] | undefined
  readonly #catalog = new SessionCatalog()
  readonly #sends = new OrderedSends()
  readonly #callbacks: SinkCallbackChannel
  #closed = false

  private constructor(
    /** The URL this session was opened with (`Sluice.builder().remote(url)`). */
    readonly url: string,
    private readonly rpc: SluiceRpc,
    readonly sessionId: string,
    readonly serverVersion: string,
    conf: Readonly<Record<string, string>>,
    eventWaitMs: number | undefined,
  ) {
    this.#conf = new SessionConfig(conf)
    this.streams = new RemoteStreams(rpc, sessionId, {
      beforeQueryCall: () => this.#sends.flush(),
      numRecentProgressUpdates: () => this.#conf.getNumber('spark.sql.streaming.numRecentProgressUpdates'),
      ...(eventWaitMs !== undefined ? { eventWaitMs } : {}),
    })
    this.#callbacks = new SinkCallbackChannel(rpc, sessionId)
  }

  /** Opens a session on the first address of `url` that answers, with the builder's confs; reads back the session's confs. */
  static async connect(options: RemoteConnectOptions): Promise<RemoteBackend> {
    const builderConf = options.conf ?? {}
    const rpcOptions = rpcOptionsOf(options.url, builderConf, options.env ?? process.env)
    const sessionConf: Record<string, string> = {}
    for (const [key, value] of Object.entries(builderConf)) if (!key.startsWith(REMOTE_CONF_PREFIX)) sessionConf[key] = wireConfValue(key, value)
    const { rpc, result } = await SluiceRpc.connect(rpcOptions, (r) =>
      r.unary('createSession', { conf: sessionConf, appName: options.appName ?? 'sluice' }, { deadline: r.connectDeadline }))
    try {
      const { values } = await rpc.unary('config', { sessionId: result.sessionId, operation: 'OPERATION_GET', keys: [] })
      return new RemoteBackend(options.url, rpc, result.sessionId, result.serverVersion, { ...sessionConf, ...values }, options.eventWaitMs)
    } catch (error) {
      rpc.close()
      throw error
    }
  }

  /** The coordinator address this session talks to (`host:port`). */
  get address(): string { return this.rpc.address }

  async schemaOf(plan: LogicalPlan): Promise<StructType> {
    await this.ready()
    const answer = await this.rpc.unary('analyzePlan', { sessionId: this.sessionId, plan: envelope(plan), kind: 'KIND_SCHEMA' })
    return schemaFromJson(answer.schemaJson)
  }

  async collect(plan: LogicalPlan): Promise<{ schema: StructType; rows: Row[] }> {
    await this.ready()
    const { schema, rows } = await collectRowBatches(this.rpc.stream('executePlan', { sessionId: this.sessionId, plan: envelope(plan) }))
    return { schema: schema ?? await this.schemaOf(plan), rows }
  }

  async explain(plan: LogicalPlan, extended: boolean): Promise<string> {
    await this.ready()
    const answer = await this.rpc.unary('analyzePlan', { sessionId: this.sessionId, plan: envelope(plan), kind: extended ? 'KIND_EXPLAIN_EXTENDED' : 'KIND_EXPLAIN' })
    return answer.explain
  }

  async save(plan: LogicalPlan, spec: WriteSpec): Promise<void> {
    await this.ready()
    await this.rpc.unary('writePlan', {
      sessionId: this.sessionId, plan: envelope(plan),
      write: { format: spec.format, path: absolutePath(spec.path), mode: spec.mode, partitionBy: [...spec.partitionBy], options: { ...spec.options } },
    })
    // A write may change the session's confs (Delta's txnVersion autoReset unsets one).
    await this.syncConf()
  }

  /** Reads the session's confs back from the coordinator, unless this client changed some meanwhile (its own are newer). */
  private async syncConf(): Promise<void> {
    const before = this.#changes
    const { values } = await this.rpc.unary('config', { sessionId: this.sessionId, operation: 'OPERATION_GET', keys: [] })
    if (this.#changes === before) this.#conf = new SessionConfig(values)
  }

  createOrReplaceTempView(name: string, plan: LogicalPlan): void {
    this.#catalog.createOrReplaceTempView(name, plan)
    this.send(() => this.rpc.unary('manageView', { sessionId: this.sessionId, operation: 'OPERATION_CREATE_OR_REPLACE', name, plan: envelope(plan) }))
  }

  createTempView(name: string, plan: LogicalPlan): void {
    this.#catalog.createTempView(name, plan)
    this.send(() => this.rpc.unary('manageView', { sessionId: this.sessionId, operation: 'OPERATION_CREATE', name, plan: envelope(plan) }))
  }

  dropTempView(name: string): boolean {
    const existed = this.#catalog.dropTempView(name)
    this.send(() => this.rpc.unary('manageView', { sessionId: this.sessionId, operation: 'OPERATION_DROP', name }))
    return existed
  }

  viewPlan(name: string): LogicalPlan | undefined {
    const entry = this.#catalog.lookup(name)
    return entry?.kind === 'view' ? entry.plan : undefined
  }

  async listTables(): Promise<TableInfo[]> {
    await this.ready()
    const { tables } = await this.rpc.unary('listTables', { sessionId: this.sessionId })
    return tables
      .map((t) => ({ name: t.name, catalog: null, namespace: [], description: null, tableType: 'TEMPORARY' as const, isTemporary: true }))
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  getConf(key: string): string | undefined { return this.#conf.get(key) }

  setConf(key: string, value: string | number | boolean): void {
    this.#conf.set(key, value)
    const set = { [key]: wireConfValue(key, value) }
    this.send(() => this.rpc.unary('config', { sessionId: this.sessionId, operation: 'OPERATION_SET', set }))
  }

  unsetConf(key: string): void {
    this.#conf.unset(key)
    this.send(() => this.rpc.unary('config', { sessionId: this.sessionId, operation: 'OPERATION_UNSET', keys: [key] }))
  }

  timeZone(): string { return this.#conf.get('spark.sql.session.timeZone') ?? 'UTC' }

  async startStream(request: StreamingQueryRequest, options: StartStreamOptions): Promise<QueryHandle> {
    if (options.clock) throw new AnalysisError('UNSUPPORTED_FEATURE.REMOTE_CLOCK', 'A manual clock drives embedded queries only; a remote query runs on the coordinator\'s clock.')
    await this.ready()
    const callbackId = options.callback ? await this.#callbacks.register(request.sink.format, options.callback) : ''
    const capacity = Math.max(1, this.#conf.getNumber('spark.sql.streaming.numRecentProgressUpdates') - 1)
    let query
    try {
      query = await this.streams.starting(() => this.rpc.unary('startQuery', {
        sessionId: this.sessionId,
        plan: envelope(request.plan),
        sources: [],
        sink: {
          format: request.sink.format,
          path: request.sink.path !== undefined ? absolutePath(request.sink.path) : '',
          options: { ...request.sink.options },
          partitionBy: [...request.sink.partitionBy],
          outputMode: request.outputMode,
          trigger: wireTrigger(request.trigger),
          queryName: request.name ?? '',
          checkpointLocation: request.sink.options['checkpointlocation'] !== undefined ? absolutePath(request.sink.options['checkpointlocation']) : '',
          callbackId,
        },
      }), capacity)
    } catch (error) {
      if (callbackId) this.#callbacks.unregister(callbackId)
      throw error
    }
    if (request.sink.format === 'memory' && request.name !== undefined) this.#catalog.registerTable(request.name, { kind: 'struct', fields: [] }, () => [])
    if (callbackId) void query.terminated.then(() => this.#callbacks.unregister(callbackId))
    return query
  }

  /**
   * @internal The testing kit's MemoryStream: creates the stream `streamId` on the
   * coordinator (no `rows`) or appends one block of rows to it, in order with the
   * session's other changes. Blocks given before the send goes out (the addData calls
   * of one tick) go in one call, which the coordinator applies in one step, so a
   * trigger never splits them (as in embedded mode). processAllAvailable waits for them.
   */
  sendMemoryStreamData(streamId: string, schema: StructType, rows?: () => Promise<readonly Row[]>): void {
    const block = { streamId, schema, ...(rows ? { rows } : {}) }
    if (this.#openBlocks) {
      this.#openBlocks.push(block)
      return
    }
    const blocks = [block]
    this.send(async () => {
      if (this.#openBlocks === blocks) this.#openBlocks = undefined
      await this.rpc.unary('addMemoryStreamData', {
        sessionId: this.sessionId,
        blocks: await Promise.all(blocks.map(async (b) => ({
          streamId: b.streamId, schemaJson: schemaToJson(b.schema),
          ...(b.rows ? { avro: encodeAvroContainer(b.schema, await b.rows()) } : { registerOnly: true }),
        }))),
      })
    })
    this.#openBlocks = blocks
  }

  /** Closes the session on the coordinator; its queries keep running there (as Spark Connect's). */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#sends.flush().catch(() => undefined)
    this.streams.close()
    this.#callbacks.close()
    try {
      await this.rpc.unary('closeSession', { sessionId: this.sessionId, stopQueries: false })
    } catch (error) {
      // A coordinator that is gone, or no longer knows the session, has nothing left to close.
      const status = (error as { grpcStatus?: number }).grpcStatus
      if (status !== GrpcStatus.UNAVAILABLE && status !== GrpcStatus.NOT_FOUND) throw error
    } finally {
      this.rpc.close()
    }
  }

  /** Before an asynchronous call: the session is open and every earlier conf/view change has been applied. */
  private async ready(): Promise<void> {
    if (this.#closed) throw new AnalysisError('SESSION_CLOSED', `The remote session ${this.sessionId} was stopped.`, { sessionId: this.sessionId })
    await this.#sends.flush()
  }

  private send(call: () => Promise<unknown>): void {
    this.#changes++
    // A later MemoryStream block must not overtake this change.
    this.#openBlocks = undefined
    if (this.#closed) throw new AnalysisError('SESSION_CLOSED', `The remote session ${this.sessionId} was stopped.`, { sessionId: this.sessionId })
    this.#sends.enqueue(call)
  }
}

/** A plan on the wire: Sluice's versioned JSON, paths absolute. */
function envelope(plan: LogicalPlan): PlanEnvelope {
  return { encoded: { encoding: PLAN_JSON_ENCODING, data: encodeLogicalPlan(withAbsolutePaths(plan)) } }
}

function wireConfValue(key: string, value: string | number | boolean): string {
  const text = String(value)
  return PATH_CONFS.has(key) && text !== '' ? absolutePath(text) : text
}

/** A trigger as `sluice.v1.Trigger` (processing time as a Spark duration string). */
export function wireTrigger(trigger: TriggerSpec): Trigger {
  switch (trigger.kind) {
    case 'default': return { default: true }
    case 'processingTime': return { processingTime: `${trigger.intervalMs} milliseconds` }
    case 'once': return { once: true }
    case 'availableNow': return { availableNow: true }
  }
}
