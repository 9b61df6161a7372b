import { showString } from '../../dataframe/show-string.js'
import { CONNECTION_OPTIONS, CONNECTION_USAGE, EXIT_OK, PROCESS_IO, UsageError, connectFor, connectionOf, parseCommandLine, runCommand, type CommandIo } from './command-line.js'
import { rate, summaryOf } from './query-summary.js'

const USAGE = `${CONNECTION_USAGE} [--all]`
const COLUMNS = ['id', 'name', 'status', 'batch', 'input rows/s', 'processed rows/s'] as const

/**
 * `sluice queries`: the coordinator's streaming queries of every session, as a table
 * (id, name, status, latest batch, input and processed rows/s of the latest
 * progress); `--all` also lists terminated queries the coordinator remembers.
 */
export function run(argv: string[]): Promise<number> {
  return runQueries(argv, PROCESS_IO)
}

export function runQueries(argv: readonly string[], io: CommandIo): Promise<number> {
  return runCommand('queries', USAGE, io, async () => {
    const { values, positionals } = parseCommandLine(argv, { ...CONNECTION_OPTIONS, all: { type: 'boolean', default: false } })
    if (values.help) { io.out(`Usage: sluice queries ${USAGE}\n`); return EXIT_OK }
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`)
    const connection = connectionOf(values, io.env)
    const { rpc, result } = await connectFor(connection, (r) => r.unary('listQueries', { sessionId: '', includeTerminated: values.all === true }, { deadline: r.connectDeadline }))
    rpc.close()
    if (result.queries.length === 0) {
      io.out(values.all ? 'No streaming queries.\n' : 'No active streaming queries.\n')
      return EXIT_OK
    }
    const rows = result.queries.map(summaryOf).map((q) => [q.id, q.name || null, q.state, q.batchId === null ? null : String(q.batchId), rate(q.inputRowsPerSecond), rate(q.processedRowsPerSecond)])
    const schema = { kind: 'struct' as const, fields: COLUMNS.map((name) => ({ name, dataType: { kind: 'string' as const }, nullable: true, metadata: {} })) }
    io.out(showString(schema, rows, rows.length, 0, false, 'UTC'))
    return EXIT_OK
  })
}
