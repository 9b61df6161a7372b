import { setTimeout as sleep } from 'node:timers/promises'
import { type ChannelCredentials, type ChannelOptions, type Interceptor, type ServiceError } from '@grpc/grpc-js'
import { loadSluiceProtos, type ClusterServiceClient, type RegisterExecutorRequest, type TaskDescriptor } from '@sluice/proto'

/** How an executor reaches its coordinator(s) and what it tells them. */
export interface CoordinatorLinkOptions {
  /** `host:port` of each coordinator; registration tries them in turn. */
  readonly addresses: readonly string[]
  readonly registration: Required<Pick<RegisterExecutorRequest, 'executorId' | 'address' | 'slots' | 'host' | 'pid'>>
  readonly credentials: ChannelCredentials
  readonly channelOptions?: ChannelOptions
  readonly interceptors?: readonly Interceptor[]
  /** spark.executor.heartbeatInterval when set explicitly; else the coordinator's, else 1 s. */
  readonly heartbeatIntervalMs?: number
  /** The tasks accepted now, sent with each heartbeat. */
  readonly running: () => readonly TaskDescriptor[]
  /** Every coordinator epoch received (registration and heartbeats). */
  readonly onEpoch: (epoch: string) => void
  /** Called after each successful registration, with the coordinator's address. */
  readonly onRegistered?: (address: string) => void
  /** One line per event worth a log line (registration, retries, lost coordinator). */
  readonly log?: (line: string) => void
  /** Registration retry backoff: first delay and cap, ms (jittered ±20 %). */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number }
  /** Deadline of each registration or heartbeat call, ms. */
  readonly callTimeoutMs?: number
}

const DEFAULT_HEARTBEAT_MS = 1_000
const DEFAULT_BACKOFF = { initialMs: 100, maxMs: 5_000 }
const DEFAULT_CALL_TIMEOUT_MS = 5_000

/**
 * An executor's membership: registers with a coordinator (retrying with backoff,
 * forever, over every address: the executor may start before any coordinator), then
 * heartbeats every interval with its running tasks. A heartbeat answered
 * `registered: false` (the coordinator restarted, or declared this executor lost)
 * makes it register again; a heartbeat that fails moves to the next address.
 */
export class CoordinatorLink {
  readonly #options: CoordinatorLinkOptions
  readonly #clients: ClusterServiceClient[]
  readonly #stop = new AbortController()
  #current = 0
  #heartbeatMs: number
  #loop: Promise<void> | undefined
  #registrations = 0

  constructor(options: CoordinatorLinkOptions) {
    if (options.addresses.length === 0) throw new Error('an executor needs at least one coordinator address')
    this.#options = options
    this.#heartbeatMs = options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_MS
    const { ClusterService } = loadSluiceProtos()
    const channelOptions: ChannelOptions = {
      // grpc-js backs off reconnecting up to 2 minutes by default; a coordinator that
      // comes up must be found within a heartbeat or two.
      'grpc.initial_reconnect_backoff_ms': 100,
      'grpc.max_reconnect_backoff_ms': 1_000,
      ...options.channelOptions,
      ...(options.interceptors?.length ? { interceptors: [...options.interceptors] } : {}),
    }
    this.#clients = options.addresses.map((address) => new ClusterService(address, options.credentials, channelOptions))
  }

  /** How many times it has registered so far. */
  get registrations(): number {
    return this.#registrations
  }

  /** Starts registering and heartbeating in the background. */
  start(): void {
    this.#loop ??= this.#run().catch((error: unknown) => {
      if (!this.#stop.signal.aborted) this.#options.log?.(`coordinator link stopped: ${describe(error)}`)
    })
  }

  /** Stops heartbeating and closes the channels. */
  async close(): Promise<void> {
    this.#stop.abort()
    await this.#loop
    for (const client of this.#clients) client.close()
  }

  async #run(): Promise<void> {
    const signal = this.#stop.signal
    while (!signal.aborted) {
      await this.#register()
      await this.#heartbeatUntilUnregistered()
    }
  }

  /** Registers with the first coordinator that answers, trying each in turn, backing off after each failed round. */
  async #register(): Promise<void> {
    const signal = this.#stop.signal
    const backoff = this.#options.backoff ?? DEFAULT_BACKOFF
    let delay = backoff.initialMs
    for (let round = 0; ; round++) {
      for (let i = 0; i < this.#clients.length; i++) {
        const index = (this.#current + i) % this.#clients.length
        const address = this.#options.addresses[index]!
        try {
          const response = await this.#call<{ epoch: string; heartbeatIntervalMs: string }>(index, 'RegisterExecutor', this.#options.registration)
          this.#current = index
          this.#registrations++
          this.#options.onEpoch(response.epoch)
          const suggested = Number(response.heartbeatIntervalMs)
          if (this.#options.heartbeatIntervalMs === undefined && suggested > 0) this.#heartbeatMs = suggested
          this.#options.log?.(`registered with coordinator ${address} (epoch ${response.epoch})`)
          this.#options.onRegistered?.(address)
          return
        } catch (error) {
          if (signal.aborted) throw error
          if (round === 0 || round % 20 === 0) this.#options.log?.(`no coordinator answers at ${address} yet (${describe(error)}); retrying`)
        }
      }
      await sleep(jitter(delay), undefined, { signal })
      delay = Math.min(backoff.maxMs, delay * 2)
    }
  }

  async #heartbeatUntilUnregistered(): Promise<void> {
    const signal = this.#stop.signal
    for (;;) {
      await sleep(this.#heartbeatMs, undefined, { signal })
      try {
        const response = await this.#call<{ registered: boolean; epoch: string }>(this.#current, 'Heartbeat', {
          executorId: this.#options.registration.executorId,
          running: [...this.#options.running()],
        })
        if (response.epoch !== '0') this.#options.onEpoch(response.epoch)
        if (!response.registered) {
          this.#options.log?.(`coordinator ${this.#options.addresses[this.#current]} does not know this executor; registering again`)
          return
        }
      } catch (error) {
        if (signal.aborted) throw error
        const failed = this.#options.addresses[this.#current]
        this.#current = (this.#current + 1) % this.#clients.length
        this.#options.log?.(`heartbeat to ${failed} failed (${describe(error)})`)
      }
    }
  }

  #call<T>(index: number, method: 'RegisterExecutor' | 'Heartbeat', request: object): Promise<T> {
    const client = this.#clients[index]!
    const signal = this.#stop.signal
    const options = { deadline: Date.now() + (this.#options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS) }
    return new Promise<T>((resolve, reject) => {
      const onStop = (): void => call.cancel()
      const callback = (error: ServiceError | null, response?: unknown): void => {
        signal.removeEventListener('abort', onStop)
        if (error) reject(error)
        else resolve(response as T)
      }
      const call = method === 'RegisterExecutor'
        ? client.RegisterExecutor(request, options, callback)
        : client.Heartbeat(request, options, callback)
      signal.addEventListener('abort', onStop, { once: true })
    })
  }
}

function jitter(ms: number): number {
  return Math.round(ms * (0.8 + Math.random() * 0.4))
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
