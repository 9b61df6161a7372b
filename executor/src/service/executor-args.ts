import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { parseArgs } from 'node:util'
import { GrpcStatus, SluiceError, parseTimeStringMs } from '@sluice/shared'
import { DEFAULT_STATE_STORE_CONF } from '../state/index.js'
import { DEFAULT_EXECUTOR_MAX_MESSAGE_BYTES, type ExecutorOptions } from './start-executor.js'

/** The usage line of `sluice executor`. */
export const EXECUTOR_USAGE = 'usage: sluice executor --coordinator HOST:PORT[,HOST:PORT...] [--slots N] [--port P] [--host H] '
  + '[--token-file F] [--tls-cert F --tls-key F [--tls-ca F]] [--max-message-bytes N] [--conf key=value]...'

/** A `sluice executor` command line that cannot be run; the message says which flag and why. */
export class InvalidExecutorArgumentError extends SluiceError {
  constructor(message: string) {
    super({ errorClass: 'INVALID_COMMAND_LINE', message: `${message}\n${EXECUTOR_USAGE}`, domain: 'user', grpcStatus: GrpcStatus.INVALID_ARGUMENT })
  }
}

/**
 * Parses `sluice executor` flags into ExecutorOptions. Defaults: `--slots` the
 * machine's cores, `--port 0` (a free port), `--host 127.0.0.1`, `--max-message-bytes`
 * 64 MiB; `--conf spark.executor.heartbeatInterval` (Spark's time string, default 1s),
 * `--conf spark.sluice.checkpoint.fsync=true` fsyncs state files.
 */
export function parseExecutorArgs(argv: readonly string[]): ExecutorOptions {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    throw new InvalidExecutorArgumentError(error instanceof Error ? error.message : String(error))
  }
  const values = parsed.values
  if (values.coordinator === undefined) throw new InvalidExecutorArgumentError('--coordinator HOST:PORT is required.')
  const coordinators = values.coordinator.split(',').map((address) => address.trim()).filter((address) => address !== '')
  for (const address of coordinators) {
    if (!/^(\[[^\]]+\]|[^:\s]+):\d+$/.test(address)) throw new InvalidExecutorArgumentError(`--coordinator: '${address}' is not HOST:PORT.`)
  }
  if (coordinators.length === 0) throw new InvalidExecutorArgumentError('--coordinator names no HOST:PORT.')
  const conf = parseConf(values.conf ?? [])
  const heartbeat = conf.get('spark.executor.heartbeatInterval')
  const heartbeatIntervalMs = heartbeat === undefined ? 1_000 : parseTimeStringMs(heartbeat)
  if (!(heartbeatIntervalMs > 0)) throw new InvalidExecutorArgumentError(`spark.executor.heartbeatInterval must be positive, not '${heartbeat}'.`)
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) {
    throw new InvalidExecutorArgumentError('--tls-cert and --tls-key go together.')
  }
  if (values['tls-ca'] !== undefined && values['tls-cert'] === undefined) {
    throw new InvalidExecutorArgumentError('--tls-ca needs --tls-cert and --tls-key (mutual TLS).')
  }
  return {
    coordinators,
    slots: values.slots === undefined ? availableParallelism() : positiveInteger('--slots', values.slots),
    host: values.host ?? '127.0.0.1',
    port: values.port === undefined ? 0 : portNumber(values.port),
    ...(values['token-file'] !== undefined ? { token: readToken(values['token-file']) } : {}),
    tls: {
      ...(values['tls-cert'] !== undefined ? { certFile: values['tls-cert'] } : {}),
      ...(values['tls-key'] !== undefined ? { keyFile: values['tls-key'] } : {}),
      ...(values['tls-ca'] !== undefined ? { caFile: values['tls-ca'] } : {}),
    },
    maxMessageBytes: values['max-message-bytes'] === undefined
      ? DEFAULT_EXECUTOR_MAX_MESSAGE_BYTES
      : positiveInteger('--max-message-bytes', values['max-message-bytes']),
    heartbeatIntervalMs,
    stateStore: { ...DEFAULT_STATE_STORE_CONF, fsync: conf.get('spark.sluice.checkpoint.fsync')?.toLowerCase() === 'true' },
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      coordinator: { type: 'string' },
      slots: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'token-file': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-ca': { type: 'string' },
      'max-message-bytes': { type: 'string' },
      conf: { type: 'string', multiple: true },
    },
  })
}

function parseConf(entries: readonly string[]): Map<string, string> {
  const conf = new Map<string, string>()
  for (const entry of entries) {
    const equals = entry.indexOf('=')
    if (equals <= 0) throw new InvalidExecutorArgumentError(`--conf '${entry}' is not key=value.`)
    conf.set(entry.slice(0, equals).trim(), entry.slice(equals + 1).trim())
  }
  return conf
}

function positiveInteger(flag: string, text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < 1) throw new InvalidExecutorArgumentError(`${flag} must be a positive integer, not '${text}'.`)
  return value
}

function portNumber(text: string): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0 || value > 65_535) throw new InvalidExecutorArgumentError(`--port must be 0..65535, not '${text}'.`)
  return value
}

function readToken(file: string): string {
  let token: string
  try {
    token = readFileSync(file, 'utf8').trim()
  } catch (error) {
    throw new InvalidExecutorArgumentError(`--token-file ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (token === '') throw new InvalidExecutorArgumentError(`--token-file ${file} is empty.`)
  return token
}
