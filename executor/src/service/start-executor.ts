import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { Server } from '@grpc/grpc-js'
import { loadSluiceProtos } from '@sluice/proto'
import type { StateStoreConf } from '../state/index.js'
import { EpochFence } from './epoch-fence.js'
import { ExecutorPool } from './executor-pool.js'
import { RunningTasks } from './running-tasks.js'
import { bearerTokenCallInterceptor, bearerTokenInterceptor } from './grpc/bearer-token.js'
import { CoordinatorLink } from './grpc/coordinator-link.js'
import { executorServiceHandlers } from './grpc/executor-service.js'
import { channelCredentials, serverCredentials, type TlsFiles } from './grpc/tls-credentials.js'

/** Default send and receive limit of an executor's messages (tasks carry rows): 64 MiB. */
export const DEFAULT_EXECUTOR_MAX_MESSAGE_BYTES = 64 * 1024 * 1024

/** An executor's settings (the `sluice executor` flags, parsed). */
export interface ExecutorOptions {
  /** `host:port` of each coordinator. */
  readonly coordinators: readonly string[]
  /** Tasks run at once: one worker thread each. */
  readonly slots: number
  /** Where its ExecutorService listens; port 0 picks a free one. */
  readonly host: string
  readonly port: number
  /** With a token, every call in and out carries `authorization: Bearer <token>`. */
  readonly token?: string
  readonly tls?: TlsFiles
  /** Send and receive limit of every message, both ways. */
  readonly maxMessageBytes?: number
  /** spark.executor.heartbeatInterval when given; else the coordinator's suggestion, else 1 s. */
  readonly heartbeatIntervalMs?: number
  readonly stateStore?: StateStoreConf
  readonly executorId?: string
  /** Registration retry backoff (ms). */
  readonly registrationBackoff?: { readonly initialMs: number; readonly maxMs: number }
  readonly log?: (line: string) => void
}

/** A running executor. */
export interface StartedExecutor {
  readonly executorId: string
  /** The host and bound port it listens on. */
  readonly host: string
  readonly port: number
  /** What it tells coordinators to call it at. */
  readonly address: string
  readonly fence: EpochFence
  readonly running: RunningTasks
  readonly pool: ExecutorPool
  readonly link: CoordinatorLink
  /**
   * Stops taking tasks, aborts the running ones (each deletes its files) and waits
   * for them up to `graceMs`, then stops the server, the heartbeats and the workers.
   */
  stop(graceMs?: number): Promise<void>
}

/**
 * Starts an executor: its worker slots, its ExecutorService on `host:port`, and its
 * link to the coordinators (registration and heartbeats, in the background: it
 * serves before any coordinator answers). Epochs from the coordinators and from
 * tasks advance its fence; a newer epoch aborts the tasks of older ones.
 */
export async function startExecutor(options: ExecutorOptions): Promise<StartedExecutor> {
  const executorId = options.executorId ?? randomUUID()
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_EXECUTOR_MAX_MESSAGE_BYTES
  const limits = { 'grpc.max_receive_message_length': maxMessageBytes, 'grpc.max_send_message_length': maxMessageBytes }
  const log = options.log ?? (() => undefined)
  const fence = new EpochFence()
  const running = new RunningTasks()
  const pool = new ExecutorPool(options.slots, options.stateStore ? { stateStore: options.stateStore } : {})
  const onNewerEpoch = (epoch: bigint): void => {
    const aborted = running.abortOlderThan(epoch, `A coordinator of a newer epoch (${epoch}) has taken over.`)
    if (aborted > 0) log(`aborted ${aborted} task(s) of epochs older than ${epoch}`)
  }

  const server = new Server({ ...limits, ...(options.token !== undefined ? { interceptors: [bearerTokenInterceptor(options.token)] } : {}) })
  server.addService(loadSluiceProtos().ExecutorService.service, executorServiceHandlers({ executorId, pool, fence, running, onNewerEpoch, log }))
  const port = await bind(server, options.host, options.port, serverCredentials(options.tls ?? {}))
  const advertisedHost = isWildcard(options.host) ? hostname() : options.host
  const address = hostPort(advertisedHost, port)

  const link = new CoordinatorLink({
    addresses: options.coordinators,
    registration: { executorId, address, slots: options.slots, host: advertisedHost, pid: process.pid },
    credentials: channelCredentials(options.tls ?? {}),
    channelOptions: limits,
    ...(options.token !== undefined ? { interceptors: [bearerTokenCallInterceptor(options.token)] } : {}),
    ...(options.heartbeatIntervalMs !== undefined ? { heartbeatIntervalMs: options.heartbeatIntervalMs } : {}),
    ...(options.registrationBackoff ? { backoff: options.registrationBackoff } : {}),
    running: () => running.descriptors(),
    onEpoch: (epoch) => { if (fence.observe(epoch)) onNewerEpoch(fence.newest) },
    log,
  })
  link.start()

  let stopping: Promise<void> | undefined
  const stop = (graceMs = 10_000): Promise<void> => {
    stopping ??= (async () => {
      running.close()
      running.abortAll('The executor is shutting down.')
      await Promise.race([running.whenIdle(), new Promise((resolve) => setTimeout(resolve, graceMs).unref())])
      // Calls still open past the grace period (a task that ignores its abort) are cut.
      if (running.size > 0) server.forceShutdown()
      else await new Promise<void>((resolve) => server.tryShutdown(() => resolve()))
      await link.close()
      await pool.close()
    })()
    return stopping
  }
  return { executorId, host: options.host, port, address, fence, running, pool, link, stop }
}

function bind(server: Server, host: string, port: number, credentials: ReturnType<typeof serverCredentials>): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(hostPort(host, port), credentials, (error, bound) => (error ? reject(error) : resolve(bound)))
  })
}

/** `host:port`, with an IPv6 host in brackets. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]'
}
