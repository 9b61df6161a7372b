import { AnalysisError } from '@sluice/shared'

/** A parsed remote address: `grpc://host:port[,host:port…]` or `grpcs://…` (TLS). */
export interface RemoteUrl {
  readonly tls: boolean
  /** `host:port` targets in the order given (IPv6 hosts in brackets). */
  readonly addresses: readonly string[]
}

/** The port of a coordinator when the URL names none (Spark Connect's 15002). */
export const DEFAULT_REMOTE_PORT = 15002

/**
 * Parses a remote URL. Throws INVALID_REMOTE_URL naming what is wrong: another
 * scheme, an empty host list, a bad port, or a path after the hosts.
 */
export function parseRemoteUrl(url: string): RemoteUrl {
  const match = /^(grpcs?):\/\/([^/?#]*)\/?$/i.exec(url.trim())
  if (!match) throw invalid(url, 'expected grpc://host:port or grpcs://host:port (several as host:port,host:port)')
  const tls = match[1]!.toLowerCase() === 'grpcs'
  const hosts = match[2]!.split(',').map((h) => h.trim()).filter((h) => h !== '')
  if (hosts.length === 0) throw invalid(url, 'no host')
  return { tls, addresses: hosts.map((h) => hostPort(url, h)) }
}

function hostPort(url: string, text: string): string {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d+))?$/.exec(text)
  if (!m) throw invalid(url, `bad address '${text}'`)
  const port = m[2] === undefined ? DEFAULT_REMOTE_PORT : Number(m[2])
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid(url, `bad port in '${text}'`)
  return `${m[1]}:${port}`
}

function invalid(url: string, why: string): AnalysisError {
  return new AnalysisError('INVALID_REMOTE_URL', `Invalid remote URL '${url}': ${why}.`, { url })
}
