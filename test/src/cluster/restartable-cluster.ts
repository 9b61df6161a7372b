import { freePort } from './free-port.js'
import { SLUICE_BIN } from './local-cluster.js'
import { startProcess, type ManagedProcess } from './managed-process.js'

export interface RestartableClusterOptions {
  readonly executors: number
  readonly slotsPerExecutor?: number
  /** Extra coordinator flags, the same at every start. */
  readonly coordinatorArgs?: readonly string[]
  /** Cluster confs for both sides, as `--conf key=value`. */
  readonly conf?: Readonly<Record<string, string>>
  /** A name prefix for process logs. */
  readonly name?: string
}

/**
 * A coordinator on a fixed loopback port (so it can come back at the same address)
 * and executor processes that know only that address.
 */
export interface RestartableCluster {
  /** `127.0.0.1:PORT`, the same across restarts. */
  readonly address: string
  /** `grpc://127.0.0.1:PORT`. */
  readonly url: string
  /** The coordinator process of the current start. */
  readonly coordinator: ManagedProcess
  readonly executors: readonly ManagedProcess[]
  /** SIGKILLs the coordinator's process group and waits until it is gone. */
  killCoordinator(): Promise<void>
  /**
   * Starts the coordinator again on the same port (after `killCoordinator`) and waits
   * until every executor has registered with it again (each retries by itself).
   */
  restartCoordinator(): Promise<void>
  stop(): Promise<void>
}

const LISTENING_COORDINATOR = /sluice coordinator listening on (\S+:\d+)/
const LISTENING_EXECUTOR = /sluice executor (\S+) listening on (\S+:\d+)/
const REGISTERED = /registered with coordinator /g

/** Starts `sluice coordinator --port P` (P free now) and `executors` × `sluice executor --coordinator 127.0.0.1:P`. */
export async function startRestartableCluster(options: RestartableClusterOptions): Promise<RestartableCluster> {
  const prefix = options.name ?? 'restartable'
  const confArgs = Object.entries(options.conf ?? {}).flatMap(([k, v]) => ['--conf', `${k}=${v}`])
  const port = await freePort()
  const address = `127.0.0.1:${port}`
  let starts = 0
  const startCoordinator = async (): Promise<ManagedProcess> => {
    const process_ = startProcess(`${prefix}-coordinator-${starts++}`, process.execPath, [
      SLUICE_BIN, 'coordinator', '--host', '127.0.0.1', '--port', String(port), '--allowed-path', '/', ...confArgs, ...(options.coordinatorArgs ?? []),
    ])
    await process_.waitFor(LISTENING_COORDINATOR, 30_000)
    return process_
  }
  let coordinator = await startCoordinator()
  const executors = Array.from({ length: options.executors }, (_, i) => startProcess(`${prefix}-executor-${i}`, process.execPath, [
    SLUICE_BIN, 'executor', '--coordinator', address, '--port', '0', '--slots', String(options.slotsPerExecutor ?? 1), ...confArgs,
  ]))
  try {
    await Promise.all(executors.map(async (e) => {
      await e.waitFor(LISTENING_EXECUTOR, 30_000)
      await registrations(e, 1)
    }))
  } catch (error) {
    await Promise.all([...executors, coordinator].map((p) => p.kill()))
    throw error
  }
  return {
    address,
    url: `grpc://${address}`,
    get coordinator() { return coordinator },
    executors,
    async killCoordinator() {
      await coordinator.kill()
    },
    async restartCoordinator() {
      // Counted before the start: a registration line printed from here on is one with the new coordinator.
      const before = executors.map(registrationCount)
      coordinator = await startCoordinator()
      await Promise.all(executors.map((e, i) => registrations(e, before[i]! + 1)))
    },
    async stop() {
      await Promise.all([...executors, coordinator].map((p) => p.kill()))
    },
  }
}

const registrationCount = (executor: ManagedProcess): number => executor.output().match(REGISTERED)?.length ?? 0

/** Waits until `executor` has printed `count` registration lines in all. */
async function registrations(executor: ManagedProcess, count: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (registrationCount(executor) < count) {
    if (!executor.isRunning()) throw new Error(`${executor.name} exited before registering\n${executor.tail()}`)
    if (Date.now() > deadline) throw new Error(`${executor.name} did not register with the coordinator within ${timeoutMs} ms\n${executor.tail()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
