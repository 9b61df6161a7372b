import { parseArgs } from 'node:util'
import { GrpcStatus, SluiceError } from '@sluice/shared'
import { DEFAULT_MAX_MESSAGE_BYTES } from './coordinator-server.js'

/** The flags of `sluice coordinator`. */
export interface CoordinatorArgs {
  readonly host: string
  readonly port: number
  /** Roots of the paths requests may name; empty: the working folder. */
  readonly allowedPaths: readonly string[]
  readonly tokenFile?: string
  readonly tlsCert?: string
  readonly tlsKey?: string
  /** With it: clients and executors must present a certificate it signed (mutual TLS). */
  readonly tlsCa?: string
  readonly maxMessageBytes: number
  /** `--conf key=value`: session defaults, and the cluster's spark.task.maxFailures, heartbeat and timeout. */
  readonly conf: Readonly<Record<string, string>>
  /** Serve a non-loopback host without a token (refused otherwise). */
  readonly allowNoToken: boolean
}

/** A bad command line (exit code 2). */
export class CoordinatorUsageError extends SluiceError {
  readonly exitCode = 2
  constructor(message: string) {
    super({ errorClass: 'INVALID_COMMAND_LINE', message: `${message}\n${COORDINATOR_USAGE}`, domain: 'user', grpcStatus: GrpcStatus.INVALID_ARGUMENT })
  }
}

export const COORDINATOR_USAGE = 'Usage: sluice coordinator [--port 15002] [--host 127.0.0.1] [--allowed-path DIR]… [--token-file F] ' +
  '[--tls-cert F --tls-key F [--tls-ca F]] [--max-message-bytes N] [--conf key=value]… [--allow-no-token]'

/** Parses the flags (node:util parseArgs, strict); throws CoordinatorUsageError naming what is wrong. */
export function parseCoordinatorArgs(argv: readonly string[]): CoordinatorArgs {
  let values
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'port': { type: 'string', default: '15002' },
        'host': { type: 'string', default: '127.0.0.1' },
        'allowed-path': { type: 'string', multiple: true, default: [] },
        'token-file': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'tls-ca': { type: 'string' },
        'max-message-bytes': { type: 'string', default: String(DEFAULT_MAX_MESSAGE_BYTES) },
        'conf': { type: 'string', multiple: true, default: [] },
        'allow-no-token': { type: 'boolean', default: false },
      },
    }))
  } catch (error) {
    throw new CoordinatorUsageError((error as Error).message)
  }
  const port = integerFlag('--port', values.port, 0, 65535)
  const maxMessageBytes = integerFlag('--max-message-bytes', values['max-message-bytes'], 1, 2 ** 31 - 1)
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw new CoordinatorUsageError('--tls-cert and --tls-key go together.')
  if (values['tls-ca'] !== undefined && values['tls-cert'] === undefined) throw new CoordinatorUsageError('--tls-ca needs --tls-cert and --tls-key.')
  const conf: Record<string, string> = {}
  for (const entry of values.conf) {
    const at = entry.indexOf('=')
    if (at <= 0) throw new CoordinatorUsageError(`--conf takes key=value, got ${JSON.stringify(entry)}.`)
    conf[entry.slice(0, at).trim()] = entry.slice(at + 1).trim()
  }
  const args: CoordinatorArgs = {
    host: values.host, port, allowedPaths: values['allowed-path'], maxMessageBytes, conf, allowNoToken: values['allow-no-token'],
    ...(values['token-file'] !== undefined ? { tokenFile: values['token-file'] } : {}),
    ...(values['tls-cert'] !== undefined ? { tlsCert: values['tls-cert'] } : {}),
    ...(values['tls-key'] !== undefined ? { tlsKey: values['tls-key'] } : {}),
    ...(values['tls-ca'] !== undefined ? { tlsCa: values['tls-ca'] } : {}),
  }
  if (!isLoopback(args.host) && args.tokenFile === undefined && !args.allowNoToken) {
    throw new CoordinatorUsageError(`--host ${args.host} is not a loopback address: give --token-file (clients and executors then need the token), or --allow-no-token to serve it open.`)
  }
  return args
}

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host)
}

function integerFlag(name: string, text: string, min: number, max: number): number {
  const value = Number(text)
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) throw new CoordinatorUsageError(`${name} takes an integer from ${min} to ${max}, got ${JSON.stringify(text)}.`)
  return value
}
