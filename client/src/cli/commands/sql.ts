import type { Row, StructType } from '@sluice/shared'
import { showString } from '../../dataframe/show-string.js'
import { collectRowBatches } from '../../remote/row-batches.js'
import { CONNECTION_OPTIONS, CONNECTION_USAGE, EXIT_OK, PROCESS_IO, UsageError, connectFor, connectionOf, parseCommandLine, runCommand, type CommandIo } from './command-line.js'

const USAGE = `"QUERY" ${CONNECTION_USAGE} [--conf key=value]… [--format table|json]`

/**
 * `sluice sql "SELECT …"`: runs one SQL statement on the coordinator (ExecuteSql, in a
 * fresh session with the `--conf` settings) and prints every row: a table as `show()`
 * draws it (values not truncated), or `--format json`, one JSON object per line as
 * Spark's JSON writer spells values (nulls kept).
 */
export function run(argv: string[]): Promise<number> {
  return runSql(argv, PROCESS_IO)
}

export function runSql(argv: readonly string[], io: CommandIo): Promise<number> {
  return runCommand('sql', USAGE, io, async () => {
    const { values, positionals } = parseCommandLine(argv, {
      ...CONNECTION_OPTIONS,
      conf: { type: 'string', multiple: true },
      format: { type: 'string', default: 'table' },
    })
    if (values.help) { io.out(`Usage: sluice sql ${USAGE}\n`); return EXIT_OK }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'a query is required' : `one query expected, got ${positionals.length} arguments (quote the query)`)
    const format = values.format
    if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, not '${format}'`)
    const conf = confOf(values.conf ?? [])
    const connection = connectionOf(values, io.env)
    const { rpc, result } = await connectFor(connection, (r) => collectRowBatches(r.stream('executeSql', { sql: positionals[0]!, conf, sessionId: '' })))
    rpc.close()
    const schema: StructType = result.schema ?? { kind: 'struct', fields: [] }
    const timeZone = conf['spark.sql.session.timeZone'] ?? 'UTC'
    io.out(format === 'json' ? await jsonLines(schema, result.rows, timeZone) : tableOf(schema, result.rows, timeZone))
    return EXIT_OK
  })
}

/** `--conf key=value` pairs; the value may itself contain `=`. */
export function confOf(pairs: readonly string[]): Record<string, string> {
  const conf: Record<string, string> = {}
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    if (at <= 0) throw new UsageError(`--conf expects key=value, got '${pair}'`)
    conf[pair.slice(0, at).trim()] = pair.slice(at + 1)
  }
  return conf
}

function tableOf(schema: StructType, rows: readonly Row[], timeZone: string): string {
  // A statement without a result (no columns) has no table to draw.
  if (schema.fields.length === 0) return 'OK\n'
  // show()'s layout (cells right-aligned) without its 20-character cut.
  const table = showString(schema, rows, rows.length, Number.MAX_SAFE_INTEGER, false, timeZone)
  return `${table}${table.endsWith('\n') ? '' : '\n'}(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})\n`
}

async function jsonLines(schema: StructType, rows: readonly Row[], timeZone: string): Promise<string> {
  // The executor's JSON writer is Spark's spelling of every type; loaded only for --format json.
  const { rowsToJsonLines } = await import('@sluice/executor')
  return rowsToJsonLines(schema, rows, { timezone: timeZone, ignorenullfields: 'false' })
}
