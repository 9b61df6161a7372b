import { parseArgs, type ParseArgsConfig } from 'node:util'
import { GrpcStatus, SluiceError } from '@sluice/shared'
import { readTokenFile } from '../../remote/remote-options.js'
import { parseRemoteUrl } from '../../remote/remote-url.js'
import { DEFAULT_CONNECT_TIMEOUT_MS, SluiceRpc, type RpcOptions } from '../../remote/sluice-rpc.js'

/** The coordinator a command talks to when neither `--remote` nor `SLUICE_REMOTE` names one. */
export const DEFAULT_REMOTE = 'grpc://127.0.0.1:15002'

export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2

/** Where a command reads its environment and writes; `run(argv)` uses the process's, tests their own. */
export interface CommandIo {
  out(text: string): void
  err(text: string): void
  readonly env: NodeJS.ProcessEnv
  /** Ends a long-running command (`progress --follow`); the process's SIGINT when absent. */
  readonly signal?: AbortSignal
}

export const PROCESS_IO: CommandIo = {
  out: (text) => { process.stdout.write(text) },
  err: (text) => { process.stderr.write(text) },
  env: process.env,
}

/** A command line that does not parse: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/** The options every user command takes: where the coordinator is and how to authenticate. */
export const CONNECTION_OPTIONS = {
  remote: { type: 'string' },
  'token-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options']

export const CONNECTION_USAGE = '[--remote grpc://host:port] [--token-file F]'

/** `parseArgs` with the command's options; unknown options and bad values are UsageErrors. */
export function parseCommandLine<O extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: O): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

/** The connection of a command: `--remote` or `SLUICE_REMOTE` (else the default), token from `--token-file` or `SLUICE_TOKEN`. */
export function connectionOf(values: { remote?: string | undefined; 'token-file'?: string | undefined }, env: NodeJS.ProcessEnv): RpcOptions & { readonly remote: string } {
  const remote = nonEmpty(values.remote) ?? nonEmpty(env['SLUICE_REMOTE']) ?? DEFAULT_REMOTE
  const tokenFile = values['token-file']
  const token = tokenFile !== undefined ? readTokenFile(tokenFile) : nonEmpty(env['SLUICE_TOKEN'])
  return { remote, url: parseRemoteUrl(remote), ...(token !== undefined ? { token } : {}) }
}

/** Connects and makes the command's first call (`probe`) on the first address that answers. */
export async function connectFor<T>(connection: RpcOptions & { readonly remote: string }, probe: (rpc: SluiceRpc) => Promise<T>): Promise<{ rpc: SluiceRpc; result: T }> {
  try {
    return await SluiceRpc.connect({ connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS, ...connection }, probe)
  } catch (error) {
    if (SluiceError.isInstance(error) && (error.grpcStatus === GrpcStatus.UNAVAILABLE || error.grpcStatus === GrpcStatus.DEADLINE_EXCEEDED)) {
      throw new SluiceError({ errorClass: error.errorClass, message: `cannot reach the coordinator at ${connection.remote} (set --remote or SLUICE_REMOTE): ${error.params['details'] ?? error.message}`, grpcStatus: error.grpcStatus, domain: 'external', cause: error })
    }
    throw error
  }
}

/**
 * Runs a command body with the exit codes of `sluice`: a UsageError prints the
 * message and usage (2), any other error its message (1), naming the command.
 */
export async function runCommand(name: string, usage: string, io: CommandIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body()
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`sluice ${name}: ${error.message}\nUsage: sluice ${name} ${usage}\n`)
      return EXIT_USAGE
    }
    io.err(`sluice ${name}: ${describe(error)}\n`)
    return EXIT_FAILED
  }
}

function describe(error: unknown): string {
  if (SluiceError.isInstance(error)) return error.message
  return error instanceof Error ? error.message : String(error)
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}
