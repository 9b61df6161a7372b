/**
 * The `sluice` command's dispatcher: `sluice <command> [args…]`. `coordinator` and
 * `executor` start the cluster's processes (`coordinatorMain` of @sluice/coordinator,
 * `executorMain` of @sluice/executor); `sql`, `queries`, `progress` and `stop` are the
 * client's commands (`run(argv)` of `./commands/<name>.ts`). Each command's module is
 * loaded only when that command runs, so `sluice sql` does not load the engine.
 */

/** What a command's entry function may answer: an exit code, or nothing for success. */
export type CommandEntry = (argv: string[]) => Promise<number | void> | number | void

/** Exit codes of `sluice`, as `--help` lists them. */
export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2

export interface CommandSpec {
  readonly summary: string
  readonly usage: string
  /** Loads the command's module; the entry is its export named `entry`. */
  readonly load: () => Promise<unknown>
  readonly entry: string
  /** Where the entry should come from, for the "not available" message. */
  readonly source: string
}

/** The commands of `sluice`, by name. */
export const SLUICE_COMMANDS: Readonly<Record<string, CommandSpec>> = {
  coordinator: {
    summary: 'start a coordinator: the gRPC server of clients and executors',
    usage: '[--port 15002] [--host 127.0.0.1] [--allowed-path DIR]… [--token-file F] [--tls-cert F --tls-key F [--tls-ca F]] [--max-message-bytes N] [--conf key=value]…',
    load: () => import('@sluice/coordinator'), entry: 'coordinatorMain', source: '@sluice/coordinator',
  },
  executor: {
    summary: 'start an executor that registers with a coordinator (retrying until it answers)',
    usage: '--coordinator HOST:PORT [--slots N] [--port P] [--host H] [--token-file F] [--tls-…] [--conf key=value]…',
    load: () => import('@sluice/executor'), entry: 'executorMain', source: '@sluice/executor',
  },
  sql: commandModule('sql', '"QUERY"', 'run a SQL query on a coordinator and print the rows'),
  queries: commandModule('queries', '[--all]', 'list the streaming queries of a coordinator'),
  progress: commandModule('progress', '[ID] [--follow]', 'print streaming queries\' progress (--follow: as it happens)'),
  stop: commandModule('stop', 'ID', 'stop a streaming query'),
}

function commandModule(name: string, usage: string, summary: string): CommandSpec {
  return { summary, usage, load: () => import(`./commands/${name}.js`), entry: 'run', source: `client/src/cli/commands/${name}.ts` }
}

/** The text of `sluice --help`. */
export function helpText(): string {
  const width = Math.max(...Object.keys(SLUICE_COMMANDS).map((name) => name.length))
  const lines = ['Usage: sluice <command> [options]', '', 'Commands:']
  for (const [name, spec] of Object.entries(SLUICE_COMMANDS)) {
    lines.push(`  ${name.padEnd(width)}  ${spec.summary}`)
    if (spec.usage) lines.push(`  ${' '.repeat(width)}    ${name} ${spec.usage}`)
  }
  lines.push(
    `  ${'help'.padEnd(width)}  this text (also --help, -h); 'sluice <command> --help' for a command's own options`,
    '',
    'sql, queries, progress and stop talk to a coordinator: --remote grpc://host:port (or SLUICE_REMOTE;',
    'default grpc://127.0.0.1:15002), --token-file F (or SLUICE_TOKEN).',
    '',
    'Exit codes:',
    `  ${EXIT_OK}  success`,
    `  ${EXIT_FAILED}  the command failed (its error is printed on stderr)`,
    `  ${EXIT_USAGE}  usage error: unknown command, bad arguments, or a command not available in this build`,
  )
  return lines.join('\n') + '\n'
}

/** Where `main` writes; tests pass their own. */
export interface CliOutput {
  out(text: string): void
  err(text: string): void
}

const PROCESS_OUTPUT: CliOutput = {
  out: (text) => { process.stdout.write(text) },
  err: (text) => { process.stderr.write(text) },
}

/**
 * Runs `sluice <argv>` and answers its exit code. Long-running commands (coordinator,
 * executor) may resolve while their servers keep the process alive: callers set
 * `process.exitCode`, never `process.exit()`.
 */
export async function main(argv: readonly string[], output: CliOutput = PROCESS_OUTPUT, commands: Readonly<Record<string, CommandSpec>> = SLUICE_COMMANDS): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined) {
    output.err(helpText())
    return EXIT_USAGE
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    output.out(helpText())
    return EXIT_OK
  }
  const spec = Object.hasOwn(commands, name) ? commands[name] : undefined
  if (!spec) {
    output.err(`sluice: unknown command '${name}' (sluice --help lists the commands)\n`)
    return EXIT_USAGE
  }
  try {
    const entry = await loadEntry(spec)
    if (!entry) {
      output.err(`sluice ${name}: not available in this build (${spec.source} has no export ${spec.entry})\n`)
      return EXIT_USAGE
    }
    const code = await entry(rest)
    return typeof code === 'number' ? code : EXIT_OK
  } catch (error) {
    output.err(`sluice ${name}: ${describe(error)}\n`)
    return EXIT_FAILED
  }
}

/** The command's entry function, or undefined when its module or export is missing. */
async function loadEntry(spec: CommandSpec): Promise<CommandEntry | undefined> {
  let module: unknown
  try {
    module = await spec.load()
  } catch (error) {
    if (isMissingModule(error, spec)) return undefined
    throw error
  }
  const entry = (module as Record<string, unknown>)[spec.entry]
  return typeof entry === 'function' ? (entry as CommandEntry) : undefined
}

/** Only the command's own module missing counts as "not available"; a broken import inside it is a real error. */
function isMissingModule(error: unknown, spec: CommandSpec): boolean {
  const code = (error as { code?: unknown } | null)?.code
  if (code !== 'ERR_MODULE_NOT_FOUND') return false
  const message = error instanceof Error ? error.message : ''
  const own = spec.source.startsWith('client/') ? spec.source.replace(/^client\/src\/|\.ts$/g, '') : spec.source
  return message.includes(own)
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const errorClass = (error as { errorClass?: unknown }).errorClass
    return typeof errorClass === 'string' && !error.message.startsWith(`[${errorClass}]`) ? `[${errorClass}] ${error.message}` : error.message
  }
  return String(error)
}
