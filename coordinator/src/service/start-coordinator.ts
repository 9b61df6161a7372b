import { readFile } from 'node:fs/promises'
import { ServerCredentials, credentials, type ChannelCredentials } from '@grpc/grpc-js'
import { parseTimeStringMs } from '@sluice/shared'
import { createClusterRuntime, type ClusterRuntime } from '../cluster/index.js'
import { QueryEngine } from '../session/query-engine.js'
import { CoordinatorSessions } from '../sessions/coordinator-sessions.js'
import type { CoordinatorArgs } from './coordinator-args.js'
import { startCoordinatorServer, type CoordinatorServer } from './coordinator-server.js'

/** The cluster confs' defaults (Sluice's: 1 s heartbeats, an executor lost after 10 s of silence). */
export const CLUSTER_CONF_DEFAULTS = Object.freeze({
  'spark.task.maxFailures': '4',
  'spark.executor.heartbeatInterval': '1s',
  'spark.network.timeout': '10s',
})

/**
 * The message limit between the coordinator and its executors (tasks and their
 * results), as the executor's own default: larger than a client request's
 * (`--max-message-bytes`, 4 MiB by default), since a task's result rows cross in
 * one message. A larger `--max-message-bytes` raises it too.
 */
export const EXECUTOR_MESSAGE_BYTES = 64 * 1024 * 1024

/** A running coordinator process's parts. */
export interface RunningCoordinator {
  readonly server: CoordinatorServer
  readonly runtime: ClusterRuntime
  readonly sessions: CoordinatorSessions
  /** Stops queries cleanly, then the server, then the cluster runtime (executor channels). */
  stop(): Promise<void>
}

/**
 * Starts a coordinator from its flags: the cluster runtime (executor registry and
 * scheduler, epoch = now), sessions whose engines run on that scheduler, and the gRPC
 * server (SluiceService, ClusterService, health, reflection) with the token, TLS and
 * message limits the flags say.
 */
export async function startCoordinator(args: CoordinatorArgs, options: { readonly log?: (line: string) => void } = {}): Promise<RunningCoordinator> {
  const token = args.tokenFile === undefined ? undefined : await readToken(args.tokenFile)
  const tls = args.tlsCert === undefined ? undefined : {
    cert: await readFile(args.tlsCert),
    key: await readFile(args.tlsKey!),
    ca: args.tlsCa === undefined ? null : await readFile(args.tlsCa),
  }
  const conf = { ...CLUSTER_CONF_DEFAULTS, ...args.conf }
  const channelCredentials: ChannelCredentials = tls === undefined ? credentials.createInsecure() : credentials.createSsl(tls.ca, tls.key, tls.cert)
  const runtime = createClusterRuntime({
    epoch: Date.now(),
    heartbeatIntervalMs: parseTimeStringMs(conf['spark.executor.heartbeatInterval']),
    executorTimeoutMs: secondsByDefault(conf['spark.network.timeout']),
    maxTaskFailures: Number(conf['spark.task.maxFailures']),
    channelCredentials,
    maxMessageBytes: Math.max(args.maxMessageBytes, EXECUTOR_MESSAGE_BYTES),
    ...(token !== undefined ? { token } : {}),
    ...(options.log ? { log: options.log } : {}),
  })
  const sessions = new CoordinatorSessions({ defaults: args.conf, newEngine: (sessionConf) => new QueryEngine(sessionConf, { scheduler: runtime.scheduler }) })
  let server: CoordinatorServer
  try {
    server = await startCoordinatorServer({
      sessions, host: args.host, port: args.port, allowedPaths: args.allowedPaths, maxMessageBytes: args.maxMessageBytes,
      services: [runtime.clusterService],
      ...(token !== undefined ? { token } : {}),
      ...(tls !== undefined ? {
        credentials: ServerCredentials.createSsl(tls.ca, [{ cert_chain: tls.cert, private_key: tls.key }], tls.ca !== null),
      } : {}),
    })
  } catch (error) {
    await runtime.close()
    throw error
  }
  return {
    server, runtime, sessions,
    async stop() {
      await server.close()
      await runtime.close()
    },
  }
}

async function readToken(file: string): Promise<string> {
  const token = (await readFile(file, 'utf8')).trim()
  if (token === '') throw new Error(`The token file ${file} is empty.`)
  return token
}

/** spark.network.timeout: a bare number is seconds (Spark's getTimeAsSeconds), else a time string. */
function secondsByDefault(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) * 1000 : parseTimeStringMs(text)
}
