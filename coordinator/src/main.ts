import { parseCoordinatorArgs } from './service/coordinator-args.js'
import { startCoordinator } from './service/start-coordinator.js'

/**
 * `sluice coordinator …`: starts the coordinator process (flags: `parseCoordinatorArgs`),
 * prints exactly `sluice coordinator listening on HOST:PORT` once it serves, and on
 * SIGTERM or SIGINT stops its streaming queries cleanly (each batch in flight ends
 * uncommitted, to be re-run on restart), stops the server and exits 0.
 *
 * @example
 * await coordinatorMain(['--port', '0', '--allowed-path', '/data'])
 */
export async function coordinatorMain(argv: string[]): Promise<void> {
  const args = parseCoordinatorArgs(argv)
  const coordinator = await startCoordinator(args, { log: (line) => process.stderr.write(`[coordinator] ${line}\n`) })
  const { host, port } = coordinator.server
  process.stdout.write(`sluice coordinator listening on ${host.includes(':') ? `[${host}]` : host}:${port}\n`)
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.stderr.write(`[coordinator] ${signal}: stopping queries and the server\n`)
      coordinator.stop().then(
        () => { resolve(); process.exit(0) },
        (error: unknown) => { process.stderr.write(`[coordinator] stop failed: ${String(error)}\n`); process.exit(1) },
      )
    }
    process.once('SIGTERM', onSignal)
    process.once('SIGINT', onSignal)
  })
}
