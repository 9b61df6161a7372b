/**
 * In-process coordinator for tests of the gRPC service: the server on a free
 * loopback port over sessions whose engines share one embedded in-process scheduler
 * (no executor process), and a raw grpc-js client of `loadSluiceProtos()`.
 */
import {
  credentials, type Client,
} from '@grpc/grpc-js'
import { SessionConfig } from '@sluice/shared'
import { loadSluiceProtos, type SluiceServiceClient } from '@sluice/proto'
import { QueryEngine } from '../../session/query-engine.js'
import { createInProcessScheduler } from '../../scheduler/in-process-scheduler.js'
import { CoordinatorSessions } from '../../sessions/coordinator-sessions.js'
import { startCoordinatorServer, type CoordinatorServerOptions, type CoordinatorServer } from '../coordinator-server.js'

export interface TestCoordinator {
  readonly server: CoordinatorServer
  readonly sessions: CoordinatorSessions
  readonly address: string
  readonly client: SluiceServiceClient
  /** Another client of the same server (its own channel). */
  newClient(): SluiceServiceClient
  close(): Promise<void>
}

export async function startTestCoordinator(
  options: Omit<CoordinatorServerOptions, 'sessions' | 'port' | 'host'> & { readonly sinkCallbackConnectTimeoutMs?: number } = {},
): Promise<TestCoordinator> {
  // The unit tests' in-process executor (vitest.unit-setup.ts installs it, with its own state stores).
  const scheduler = createInProcessScheduler({ threads: () => 1 })
  const sessions = new CoordinatorSessions({
    defaults: { 'spark.sluice.executor.threads': '1', 'spark.sql.shuffle.partitions': '2' },
    newEngine: (conf: SessionConfig) => new QueryEngine(conf, { scheduler }),
    sinkCallbackConnectTimeoutMs: options.sinkCallbackConnectTimeoutMs ?? 2000,
  })
  const server = await startCoordinatorServer({ ...options, sessions, host: '127.0.0.1', port: 0 })
  const address = `127.0.0.1:${server.port}`
  const clients: Client[] = []
  const newClient = (): SluiceServiceClient => {
    const client = new (loadSluiceProtos().SluiceService)(address, credentials.createInsecure())
    clients.push(client)
    return client
  }
  return {
    server, sessions, address, client: newClient(), newClient,
    async close() {
      for (const client of clients) client.close()
      await server.close(1000)
      await scheduler.close()
    },
  }
}

export * from './raw-grpc-client.js'
