import type { ServerCredentials } from '@grpc/grpc-js'
import { CoordinatorSessions, QueryEngine, startCoordinatorServer, type CoordinatorServer } from '@sluice/coordinator'
import { DEFAULT_STATE_STORE_CONF, StateStoreProviderCache, inProcessExecutor, stateStoreOpener } from '@sluice/executor'

/** A coordinator's SluiceService in this process, on a free loopback port, running its work in-process (no executors). */
export interface InProcessCoordinator {
  readonly server: CoordinatorServer
  readonly sessions: CoordinatorSessions
  /** `grpc://127.0.0.1:<port>`. */
  readonly url: string
  close(): Promise<void>
}

/** Starts one for a test; `close()` stops its queries and the server. */
export async function startInProcessCoordinator(options: { allowedPaths?: readonly string[]; token?: string; credentials?: ServerCredentials; host?: string } = {}): Promise<InProcessCoordinator> {
  const stores = new StateStoreProviderCache({ ...DEFAULT_STATE_STORE_CONF })
  const sessions = new CoordinatorSessions({ newEngine: (conf) => new QueryEngine(conf, { inProcessExecutor: inProcessExecutor({ openStateStores: stateStoreOpener(stores) }) }) })
  const server = await startCoordinatorServer({
    sessions, host: options.host ?? '127.0.0.1', port: 0, allowedPaths: options.allowedPaths ?? ['/'],
    ...(options.token !== undefined ? { token: options.token } : {}),
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
  })
  return { server, sessions, url: `${options.credentials ? 'grpcs' : 'grpc'}://${options.host ?? '127.0.0.1'}:${server.port}`, close: () => server.close(1_000) }
}
