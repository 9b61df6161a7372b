import {
  Server, ServerCredentials, type ServiceDefinition, type UntypedServiceImplementation,
} from '@grpc/grpc-js'
import { ReflectionService } from '@grpc/reflection'
import { HealthImplementation } from 'grpc-health-check'
import { loadSluiceProtos, sluicePackageDefinition } from '@sluice/proto'
import type { CoordinatorSessions } from '../sessions/coordinator-sessions.js'
import { AllowedPaths } from './security/allowed-paths.js'
import { bearerTokenInterceptor } from './security/auth-interceptor.js'
import { SERVER_VERSION } from './server-version.js'
import { sluiceServiceHandlers } from './sluice-service.js'

/** The receive and send limit of every call unless configured (grpc-js receives 4 MiB and sends unlimited by default). */
export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024

/** The service names the health service reports SERVING once the coordinator accepts jobs. */
export const HEALTH_SERVICES = ['', 'sluice.v1.SluiceService'] as const

/** The Sluice services server reflection lists. */
export const REFLECTED_SERVICES = ['sluice.v1.SluiceService', 'sluice.v1.ClusterService'] as const

export interface CoordinatorServerOptions {
  readonly sessions: CoordinatorSessions
  /** Roots of the paths requests may name; default: the working folder. */
  readonly allowedPaths?: readonly string[]
  /** Default 127.0.0.1. */
  readonly host?: string
  /** Default 15002; 0 picks a free port. */
  readonly port?: number
  /** Default insecure (plaintext). */
  readonly credentials?: ServerCredentials
  /** When set, every SluiceService and ClusterService call needs `authorization: Bearer <token>`. */
  readonly token?: string
  /** The receive limit (a larger request answers RESOURCE_EXHAUSTED) and the send limit. */
  readonly maxMessageBytes?: number
  /** Services served on the same port (the scheduler's ClusterService). */
  readonly services?: readonly { readonly definition: ServiceDefinition; readonly implementation: UntypedServiceImplementation }[]
}

export interface CoordinatorServer {
  readonly host: string
  readonly port: number
  readonly health: HealthImplementation
  /**
   * Stops serving: health NOT_SERVING, then every streaming query stopped (each ends
   * its batch in flight uncommitted), long streams ended, then the server (calls in
   * flight get `graceMs` to finish).
   */
  close(graceMs?: number): Promise<void>
}

/**
 * Starts the coordinator's gRPC server: SluiceService over `sessions`, the extra
 * services (ClusterService), standard health (`grpc.health.v1.Health`) and server
 * reflection, behind the bearer-token interceptor when a token is set, with the
 * message limits set on both directions.
 */
export async function startCoordinatorServer(options: CoordinatorServerOptions): Promise<CoordinatorServer> {
  const host = options.host ?? '127.0.0.1'
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES
  const shutdown = new AbortController()
  const allowedPaths = await AllowedPaths.create(options.allowedPaths ?? [])
  const server = new Server({
    'grpc.max_receive_message_length': maxMessageBytes,
    'grpc.max_send_message_length': maxMessageBytes,
    interceptors: options.token !== undefined ? [bearerTokenInterceptor(options.token)] : [],
  })
  const context = { sessions: options.sessions, allowedPaths, serverVersion: SERVER_VERSION, maxMessageBytes, shutdown: shutdown.signal }
  server.addService(loadSluiceProtos().SluiceService.service, sluiceServiceHandlers(context))
  for (const service of options.services ?? []) server.addService(service.definition, service.implementation)
  const health = new HealthImplementation(Object.fromEntries(HEALTH_SERVICES.map((name) => [name, 'NOT_SERVING'])))
  health.addToServer(server)
  // Reflection lists what this port serves (cluster.proto also defines ExecutorService, served by executors).
  new ReflectionService(sluicePackageDefinition(), { services: [...REFLECTED_SERVICES] }).addToServer(server)

  const port = await new Promise<number>((resolve, reject) => {
    const address = `${host.includes(':') ? `[${host}]` : host}:${options.port ?? 15002}`
    server.bindAsync(address, options.credentials ?? ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)))
  })
  for (const name of HEALTH_SERVICES) health.setStatus(name, 'SERVING')

  let closing: Promise<void> | undefined
  return {
    host, port, health,
    close(graceMs = 5000) {
      closing ??= (async () => {
        for (const name of HEALTH_SERVICES) health.setStatus(name, 'NOT_SERVING')
        const stopped = options.sessions.closeAll()
        // A query waiting on a client's sink callback stops once the client answers; past the grace, its stream is cut.
        const timedOut = await Promise.race([stopped.then(() => false), delay(graceMs).then(() => true)])
        shutdown.abort()
        if (timedOut) await stopped
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => { server.forceShutdown(); resolve() }, graceMs)
          server.tryShutdown(() => { clearTimeout(timer); resolve() })
        })
      })()
      return closing
    },
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
