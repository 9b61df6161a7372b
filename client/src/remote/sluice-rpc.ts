import { Metadata, credentials, status as grpcStatus, type CallOptions, type ChannelCredentials, type ClientDuplexStream, type ClientReadableStream } from '@grpc/grpc-js'
import { loadSluiceProtos } from '@sluice/proto'
import type {
  AddMemoryStreamDataRequest, AddMemoryStreamDataResponse__Output, AnalyzePlanRequest, AnalyzePlanResponse__Output, AwaitTerminationRequest, AwaitTerminationResponse__Output,
  CloseSessionRequest, CloseSessionResponse__Output, ConfigRequest, ConfigResponse__Output, CreateSessionRequest,
  CreateSessionResponse__Output, ExecutePlanRequest, ExecuteSqlRequest, GetQueryRequest, ListQueriesRequest,
  ListQueriesResponse__Output, ListTablesRequest, ListTablesResponse__Output, ManageViewRequest, ManageViewResponse__Output,
  ProcessAllAvailableRequest, QueryEvent__Output, QueryInfo__Output, RowBatch__Output, SinkCallbackAck, SinkCallbackBatch__Output,
  SluiceServiceClient, StartQueryRequest, StopQueryRequest, WatchEventsRequest, WritePlanRequest, WritePlanResponse__Output,
} from '@sluice/proto'
import { remoteCallError } from './remote-error.js'
import type { RemoteUrl } from './remote-url.js'

/** The unary methods of SluiceService: request and response types. */
export interface UnaryMethods {
  createSession: [CreateSessionRequest, CreateSessionResponse__Output]
  closeSession: [CloseSessionRequest, CloseSessionResponse__Output]
  analyzePlan: [AnalyzePlanRequest, AnalyzePlanResponse__Output]
  writePlan: [WritePlanRequest, WritePlanResponse__Output]
  config: [ConfigRequest, ConfigResponse__Output]
  manageView: [ManageViewRequest, ManageViewResponse__Output]
  listTables: [ListTablesRequest, ListTablesResponse__Output]
  startQuery: [StartQueryRequest, QueryInfo__Output]
  listQueries: [ListQueriesRequest, ListQueriesResponse__Output]
  getQuery: [GetQueryRequest, QueryInfo__Output]
  stopQuery: [StopQueryRequest, QueryInfo__Output]
  awaitTermination: [AwaitTerminationRequest, AwaitTerminationResponse__Output]
  processAllAvailable: [ProcessAllAvailableRequest, QueryInfo__Output]
  addMemoryStreamData: [AddMemoryStreamDataRequest, AddMemoryStreamDataResponse__Output]
}

/** The server-streaming methods of SluiceService. */
export interface StreamMethods {
  executeSql: [ExecuteSqlRequest, RowBatch__Output]
  executePlan: [ExecutePlanRequest, RowBatch__Output]
  watchEvents: [WatchEventsRequest, QueryEvent__Output]
}

/** How to reach a coordinator. */
export interface RpcOptions {
  readonly url: RemoteUrl
  /** Sent as `authorization: Bearer <token>` on every call. */
  readonly token?: string
  /** PEM: the CA that signed the coordinator's certificate (grpcs; the system's CAs otherwise). */
  readonly tlsCa?: Buffer
  /** PEM client certificate and key, for mutual TLS. */
  readonly tlsCert?: Buffer
  readonly tlsKey?: Buffer
  /** Send and receive limit of one message, bytes. */
  readonly maxMessageBytes?: number
  /** How long to wait for an address to answer before trying the next, ms. */
  readonly connectTimeoutMs?: number
}

export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000

/**
 * A SluiceService client over one channel: promise-returning unary calls, async
 * iterables for server streams, and every failure as a typed SluiceError (rebuilt
 * from the server's `sluice-error-info` trailer). `connect` tries the addresses in
 * order and sticks to the first that answers.
 */
export class SluiceRpc {
  readonly #client: SluiceServiceClient
  #closed = false

  private constructor(client: SluiceServiceClient, readonly address: string, private readonly options: RpcOptions) {
    this.#client = client
  }

  /**
   * Connects to the first address whose `probe` call succeeds (an address that is
   * unavailable or does not answer within connectTimeoutMs is skipped); any other
   * failure (a wrong token, say) is the answer and is thrown.
   */
  static async connect<T>(options: RpcOptions, probe: (rpc: SluiceRpc) => Promise<T>): Promise<{ rpc: SluiceRpc; result: T }> {
    const { SluiceService } = loadSluiceProtos()
    const channelCredentials = channelCredentialsOf(options)
    const limit = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES
    const failures: unknown[] = []
    for (const address of options.url.addresses) {
      const client = new SluiceService(address, channelCredentials, {
        'grpc.max_receive_message_length': limit,
        'grpc.max_send_message_length': limit,
      }) as unknown as SluiceServiceClient
      const rpc = new SluiceRpc(client, address, options)
      try {
        const result = await probe(rpc)
        return { rpc, result }
      } catch (error) {
        rpc.close()
        const code = (error as { grpcStatus?: number }).grpcStatus
        if (code !== grpcStatus.UNAVAILABLE && code !== grpcStatus.DEADLINE_EXCEEDED) throw error
        failures.push(error)
      }
    }
    if (failures.length === 1) throw failures[0]
    throw remoteCallError({ code: grpcStatus.UNAVAILABLE, details: `no address answered (${options.url.addresses.join(', ')}): ${failures.map((e) => (e as Error).message).join('; ')}` }, 'connect')
  }

  /** A deadline for the probe of `connect`. */
  get connectDeadline(): Date {
    return new Date(Date.now() + (this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS))
  }

  unary<M extends keyof UnaryMethods>(method: M, request: UnaryMethods[M][0], options: { deadline?: Date } = {}): Promise<UnaryMethods[M][1]> {
    return new Promise((resolve, reject) => {
      const callOptions: CallOptions = options.deadline ? { deadline: options.deadline } : {}
      const fn = this.#client[method] as unknown as (req: unknown, md: Metadata, opts: CallOptions, cb: (error: unknown, response?: unknown) => void) => unknown
      fn.call(this.#client, request, this.metadata(), callOptions, (error, response) => {
        if (error) reject(remoteCallError(error, method))
        else resolve(response as UnaryMethods[M][1])
      })
    })
  }

  /** A server stream as an async iterable; breaking out of the loop cancels the call. */
  stream<M extends keyof StreamMethods>(method: M, request: StreamMethods[M][0], options: { deadline?: Date } = {}): CallStream<StreamMethods[M][1]> {
    const fn = this.#client[method] as unknown as (req: unknown, md: Metadata, opts: CallOptions) => ClientReadableStream<StreamMethods[M][1]>
    const call = fn.call(this.#client, request, this.metadata(), options.deadline ? { deadline: options.deadline } : {})
    return new CallStream(call, method)
  }

  /** The SinkCallbacks bidi stream (raw: its caller owns the protocol). */
  sinkCallbacks(): ClientDuplexStream<SinkCallbackAck, SinkCallbackBatch__Output> {
    return this.#client.sinkCallbacks(this.metadata())
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#client.close()
  }

  private metadata(): Metadata {
    const metadata = new Metadata()
    if (this.options.token) metadata.set('authorization', `Bearer ${this.options.token}`)
    return metadata
  }
}

/** A server stream's messages, in order; errors arrive as typed SluiceErrors. */
export class CallStream<T> implements AsyncIterable<T> {
  #cancelledByUs = false
  /** Resolves once the server sent its response headers (or the call ended): for WatchEvents, the watch is in place. */
  readonly headersReceived: Promise<void>

  constructor(private readonly call: ClientReadableStream<T>, private readonly what: string) {
    this.headersReceived = new Promise((resolve) => {
      call.once('metadata', () => resolve())
      call.once('status', () => resolve())
      call.once('error', () => resolve())
    })
  }

  /** Ends the call; an iteration in progress then ends without an error. */
  cancel(): void {
    this.#cancelledByUs = true
    this.call.cancel()
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let ended = false
    try {
      for await (const message of this.call) yield message as T
      ended = true
    } catch (error) {
      ended = true
      if ((error as { code?: number }).code === grpcStatus.CANCELLED && this.#cancelledByUs) return
      throw remoteCallError(error, this.what)
    } finally {
      if (!ended) { this.#cancelledByUs = true; this.call.cancel() }
    }
  }
}

function channelCredentialsOf(options: RpcOptions): ChannelCredentials {
  if (!options.url.tls) return credentials.createInsecure()
  return credentials.createSsl(options.tlsCa ?? null, options.tlsKey ?? null, options.tlsCert ?? null)
}
