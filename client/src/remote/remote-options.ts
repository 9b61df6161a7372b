import { readFileSync } from 'node:fs'
import { AnalysisError } from '@sluice/shared'
import { parseRemoteUrl } from './remote-url.js'
import type { RpcOptions } from './sluice-rpc.js'

/** The builder confs that configure the connection itself (never sent to the coordinator). */
export const REMOTE_CONF_PREFIX = 'spark.sluice.remote.'

export const REMOTE_CONF = Object.freeze({
  /** Bearer token (else the `SLUICE_TOKEN` environment variable). */
  token: 'spark.sluice.remote.token',
  /** A file holding the token (its first line). */
  tokenFile: 'spark.sluice.remote.tokenFile',
  /** PEM file of the CA that signed the coordinator's certificate (grpcs). */
  tlsCa: 'spark.sluice.remote.tlsCa',
  /** PEM files of a client certificate and key (mutual TLS). */
  tlsCert: 'spark.sluice.remote.tlsCert',
  tlsKey: 'spark.sluice.remote.tlsKey',
  /** Largest message sent or received, bytes (default 64 MiB). */
  maxMessageBytes: 'spark.sluice.remote.maxMessageBytes',
  /** How long one address may take to answer before the next is tried, ms (default 10000). */
  connectTimeoutMs: 'spark.sluice.remote.connectTimeoutMs',
})

/**
 * The connection options of `url` from the builder's confs and the environment:
 * token from the conf, the token file, or `SLUICE_TOKEN`; TLS files read now (a
 * missing file fails here, naming it).
 */
export function rpcOptionsOf(url: string, conf: Readonly<Record<string, string | number | boolean>>, env: NodeJS.ProcessEnv = process.env): RpcOptions {
  const get = (key: string): string | undefined => (conf[key] === undefined ? undefined : String(conf[key]))
  const tokenFile = get(REMOTE_CONF.tokenFile)
  const token = get(REMOTE_CONF.token) ?? (tokenFile !== undefined ? readTokenFile(tokenFile) : undefined) ?? nonEmpty(env['SLUICE_TOKEN'])
  const ca = get(REMOTE_CONF.tlsCa)
  const cert = get(REMOTE_CONF.tlsCert)
  const key = get(REMOTE_CONF.tlsKey)
  const maxMessageBytes = get(REMOTE_CONF.maxMessageBytes)
  const connectTimeoutMs = get(REMOTE_CONF.connectTimeoutMs)
  return {
    url: parseRemoteUrl(url),
    ...(token !== undefined ? { token } : {}),
    ...(ca !== undefined ? { tlsCa: readPem(ca, REMOTE_CONF.tlsCa) } : {}),
    ...(cert !== undefined ? { tlsCert: readPem(cert, REMOTE_CONF.tlsCert) } : {}),
    ...(key !== undefined ? { tlsKey: readPem(key, REMOTE_CONF.tlsKey) } : {}),
    ...(maxMessageBytes !== undefined ? { maxMessageBytes: positive(maxMessageBytes, REMOTE_CONF.maxMessageBytes) } : {}),
    ...(connectTimeoutMs !== undefined ? { connectTimeoutMs: positive(connectTimeoutMs, REMOTE_CONF.connectTimeoutMs) } : {}),
  }
}

/** The token in a token file: its first line, trimmed. */
export function readTokenFile(path: string): string {
  let text: string
  try { text = readFileSync(path, 'utf8') } catch (error) {
    throw new AnalysisError('REMOTE_TOKEN_FILE_UNREADABLE', `Cannot read the token file '${path}': ${(error as Error).message}`, { path })
  }
  const token = text.split(/\r?\n/)[0]!.trim()
  if (token === '') throw new AnalysisError('REMOTE_TOKEN_FILE_EMPTY', `The token file '${path}' is empty.`, { path })
  return token
}

function readPem(path: string, key: string): Buffer {
  try { return readFileSync(path) } catch (error) {
    throw new AnalysisError('REMOTE_TLS_FILE_UNREADABLE', `Cannot read ${key} '${path}': ${(error as Error).message}`, { path, key })
  }
}

function positive(text: string, key: string): number {
  const n = Number(text)
  if (!Number.isFinite(n) || n <= 0) throw new AnalysisError('INVALID_CONF_VALUE', `${key} must be a positive number, not '${text}'.`, { key, value: text })
  return n
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}
