import { CoordinatorSessions, QueryEngine, startCoordinatorServer, type CoordinatorServer } from '@sluice/coordinator'
import { DEFAULT_STATE_STORE_CONF, StateStoreProviderCache, stateStoreOpener } from '@sluice/executor'

/** A coordinator's SluiceService in this process, on a free loopback port, running its work in-process (no executors). */
export interface InProcessCoordinator {
  readonly server: CoordinatorServer
  readonly sessions: CoordinatorSessions
  /** `grpc://127.0.0.1:<port>`. */
  readonly url: string
  close(): Promise<void>
}

/** Starts one for a test; `close()` stops its queries and the server. */
export async function startInProcessCoordinator(options: { allowedPaths?: readonly string[]; token?: string } = {}): Promise<InProcessCoordinator> {
  const stores = new StateStoreProviderCache({ ...DEFAULT_STATE_STORE_CONF })
  const sessions = new CoordinatorSessions({ newEngine: (conf) => new QueryEngine(conf, { openStateStores: stateStoreOpener(stores) }) })
  const server = await startCoordinatorServer({
    sessions, host: '127.0.0.1', port: 0, allowedPaths: options.allowedPaths ?? ['/'],
    ...(options.token !== undefined ? { token: options.token } : {}),
  })
  return { server, sessions, url: `grpc://127.0.0.1:${server.port}`, close: () => server.close(1_000) }
}
