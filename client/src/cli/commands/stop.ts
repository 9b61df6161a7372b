import { CONNECTION_OPTIONS, CONNECTION_USAGE, EXIT_OK, PROCESS_IO, UsageError, connectFor, connectionOf, parseCommandLine, runCommand, type CommandIo } from './command-line.js'

const USAGE = `ID ${CONNECTION_USAGE}`

/** `sluice stop ID`: stops a streaming query (StopQuery); it can restart later from its checkpoint. */
export function run(argv: string[]): Promise<number> {
  return runStop(argv, PROCESS_IO)
}

export function runStop(argv: readonly string[], io: CommandIo): Promise<number> {
  return runCommand('stop', USAGE, io, async () => {
    const { values, positionals } = parseCommandLine(argv, CONNECTION_OPTIONS)
    if (values.help) { io.out(`Usage: sluice stop ${USAGE}\n`); return EXIT_OK }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'the id of the query to stop is required' : 'one query id expected')
    const connection = connectionOf(values, io.env)
    const { rpc, result } = await connectFor(connection, (r) => r.unary('stopQuery', { queryId: positionals[0]! }))
    rpc.close()
    const failed = result.exception && result.exception.errorClass !== '' ? ` (it had failed: [${result.exception.errorClass}] ${result.exception.message})` : ''
    io.out(`Stopped query ${result.id}${result.name ? ` (${result.name})` : ''}${failed}.\n`)
    return EXIT_OK
  })
}
