import { parseExecutorArgs } from './service/executor-args.js'
import { hostPort, startExecutor } from './service/start-executor.js'

/**
 * `sluice executor …`: starts an executor process (flags: see `parseExecutorArgs`),
 * prints exactly `sluice executor <id> listening on HOST:PORT` once it serves, logs
 * to stderr, and on SIGTERM or SIGINT stops taking tasks, aborts the running ones
 * (their files are deleted) and exits 0. Resolves when it has stopped.
 *
 * @example
 * await executorMain(['--coordinator', '127.0.0.1:15002', '--slots', '2'])
 */
export async function executorMain(argv: string[]): Promise<void> {
  const options = parseExecutorArgs(argv)
  let tag = 'executor'
  const executor = await startExecutor({ ...options, log: (line) => process.stderr.write(`[${tag}] ${line}\n`) })
  tag = `executor ${executor.executorId.slice(0, 8)}`
  process.stdout.write(`sluice executor ${executor.executorId} listening on ${hostPort(executor.host, executor.port)}\n`)
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.stderr.write(`[${tag}] ${signal}: stopping\n`)
      executor.stop().then(
        () => { resolve(); process.exit(0) },
        (error: unknown) => { process.stderr.write(`[${tag}] stop failed: ${String(error)}\n`); process.exit(1) },
      )
    }
    process.once('SIGTERM', onSignal)
    process.once('SIGINT', onSignal)
  })
}
