import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startProcess, type ManagedProcess } from './managed-process.js'

/** The checkout's root (test/src/cluster → ../../..). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
/** The compiled `sluice` command (npm links it as `npx sluice`). */
export const SLUICE_BIN = join(REPO_ROOT, 'client', 'bin', 'sluice.js')

export interface ClusterOptions {
  readonly executors: number
  readonly slotsPerExecutor?: number
  /** Extra coordinator flags (`--token-file`, `--allowed-path`, `--conf k=v`, …). */
  readonly coordinatorArgs?: readonly string[]
  readonly executorArgs?: readonly string[]
  /** Cluster confs for both sides, as `--conf key=value`. */
  readonly conf?: Readonly<Record<string, string>>
  readonly env?: Readonly<Record<string, string>>
  /** A name prefix for process logs. */
  readonly name?: string
}

/** A coordinator and executors running as real processes on loopback. */
export interface LocalCluster {
  readonly coordinator: ManagedProcess
  /** `host:port` of the coordinator's gRPC server. */
  readonly address: string
  /** `grpc://host:port`, for `Sluice.builder().remote(...)`. */
  readonly url: string
  readonly executors: ManagedProcess[]
  /** Starts one more executor and waits until it has registered. */
  addExecutor(extraArgs?: readonly string[]): Promise<ManagedProcess>
  stop(): Promise<void>
}

const LISTENING_COORDINATOR = /sluice coordinator listening on (\S+:\d+)/
const LISTENING_EXECUTOR = /sluice executor (\S+) listening on (\S+:\d+)/
const REGISTERED_EXECUTOR = /registered with coordinator/i

/**
 * Starts `sluice coordinator --port 0` and `executors` × `sluice executor`, each in its
 * own process group, waiting until the coordinator listens and every executor has
 * registered. The ports are the OS's choice, read from the processes' ready lines.
 */
export async function startLocalCluster(options: ClusterOptions): Promise<LocalCluster> {
  const prefix = options.name ?? 'cluster'
  const confArgs = Object.entries(options.conf ?? {}).flatMap(([k, v]) => ['--conf', `${k}=${v}`])
  const coordinator = startProcess(`${prefix}-coordinator`, process.execPath, [
    SLUICE_BIN, 'coordinator', '--port', '0', '--allowed-path', '/', ...confArgs, ...(options.coordinatorArgs ?? []),
  ], { ...(options.env ? { env: options.env } : {}) })
  const address = (await coordinator.waitFor(LISTENING_COORDINATOR, 30_000))[1]!
  const executors: ManagedProcess[] = []
  let count = 0
  const addExecutor = async (extraArgs: readonly string[] = []): Promise<ManagedProcess> => {
    const executor = startProcess(`${prefix}-executor-${count++}`, process.execPath, [
      SLUICE_BIN, 'executor', '--coordinator', address, '--port', '0', '--slots', String(options.slotsPerExecutor ?? 1),
      ...confArgs, ...(options.executorArgs ?? []), ...extraArgs,
    ], { ...(options.env ? { env: options.env } : {}) })
    executors.push(executor)
    await executor.waitFor(LISTENING_EXECUTOR, 30_000)
    await executor.waitFor(REGISTERED_EXECUTOR, 30_000)
    return executor
  }
  await Promise.all(Array.from({ length: options.executors }, () => addExecutor()))
  return {
    coordinator, address, url: `grpc://${address}`, executors, addExecutor,
    async stop() {
      await Promise.all(executors.map((e) => e.kill()))
      await coordinator.kill()
    },
  }
}
