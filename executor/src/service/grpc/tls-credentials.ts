import { readFileSync } from 'node:fs'
import { ChannelCredentials, ServerCredentials, credentials } from '@grpc/grpc-js'

/** PEM files of `--tls-cert`, `--tls-key`, `--tls-ca`. */
export interface TlsFiles {
  readonly certFile?: string
  readonly keyFile?: string
  readonly caFile?: string
}

/** True when any TLS file is given (the process then serves and calls over TLS). */
export function usesTls(tls: TlsFiles): boolean {
  return tls.certFile !== undefined || tls.keyFile !== undefined || tls.caFile !== undefined
}

/**
 * Credentials a server listens with: insecure without TLS files; with a certificate
 * and key, TLS; with a CA as well, mutual TLS (clients must present a certificate the
 * CA signed: checkClientCertificate is true).
 */
export function serverCredentials(tls: TlsFiles): ServerCredentials {
  if (!usesTls(tls)) return ServerCredentials.createInsecure()
  if (tls.certFile === undefined || tls.keyFile === undefined) throw new Error('--tls-cert and --tls-key go together: a TLS server needs both')
  const ca = tls.caFile === undefined ? null : readFileSync(tls.caFile)
  return ServerCredentials.createSsl(ca, [{ cert_chain: readFileSync(tls.certFile), private_key: readFileSync(tls.keyFile) }], ca !== null)
}

/**
 * Credentials for calls to another Sluice process: insecure without TLS files; with
 * them, TLS that trusts the CA (else the system's roots) and presents this process's
 * certificate and key as its client certificate (mutual TLS).
 */
export function channelCredentials(tls: TlsFiles): ChannelCredentials {
  if (!usesTls(tls)) return credentials.createInsecure()
  const ca = tls.caFile === undefined ? null : readFileSync(tls.caFile)
  const key = tls.keyFile === undefined ? null : readFileSync(tls.keyFile)
  const cert = tls.certFile === undefined ? null : readFileSync(tls.certFile)
  return credentials.createSsl(ca, key, cert)
}
