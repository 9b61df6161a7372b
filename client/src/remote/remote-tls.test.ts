import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ServerCredentials } from '@grpc/grpc-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Plan } from '@sluice/shared'
import { RemoteBackend } from './remote-backend.js'
import { startInProcessCoordinator, type InProcessCoordinator } from './testing/in-process-coordinator.js'

// grpcs:// with the builder's TLS confs, against the coordinator's server with certificates
// made here by openssl (self-signed, SAN localhost).

let dir: string
const pem = (name: string) => join(dir, name)

function selfSigned(name: string): void {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-keyout', pem(`${name}-key.pem`), '-out', pem(`${name}.pem`), '-subj', `/CN=${name}`, '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' })
}

let tls: InProcessCoordinator
let mutual: InProcessCoordinator
const one = Plan.localRelation({ kind: 'struct', fields: [{ name: 'x', dataType: { kind: 'long' }, nullable: false, metadata: {} }] }, [[42n]])

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-tls-'))
  selfSigned('server')
  selfSigned('client')
  const serverPair = [{ cert_chain: readFileSync(pem('server.pem')), private_key: readFileSync(pem('server-key.pem')) }]
  tls = await startInProcessCoordinator({ host: 'localhost', credentials: ServerCredentials.createSsl(null, serverPair, false) })
  mutual = await startInProcessCoordinator({ host: 'localhost', credentials: ServerCredentials.createSsl(readFileSync(pem('client.pem')), serverPair, true) })
})

afterAll(async () => {
  await tls?.close()
  await mutual?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('remote session over TLS', () => {
  it('should connect with spark.sluice.remote.tlsCa naming the coordinator\'s CA', async () => {
    const backend = await RemoteBackend.connect({ url: tls.url, conf: { 'spark.sluice.remote.tlsCa': pem('server.pem') } })
    expect((await backend.collect(one)).rows).toEqual([[42n]])
    await backend.close()
  })

  it('should refuse a coordinator whose certificate no trusted CA signed', async () => {
    const refused = await RemoteBackend.connect({ url: tls.url, conf: { 'spark.sluice.remote.tlsCa': pem('client.pem'), 'spark.sluice.remote.connectTimeoutMs': 2000 } }).catch((e: unknown) => e)
    expect(refused).toMatchObject({ errorClass: 'UNAVAILABLE' })
  })

  it('should present the client certificate for mutual TLS, and be refused without one', async () => {
    const conf = { 'spark.sluice.remote.tlsCa': pem('server.pem'), 'spark.sluice.remote.tlsCert': pem('client.pem'), 'spark.sluice.remote.tlsKey': pem('client-key.pem') }
    const backend = await RemoteBackend.connect({ url: mutual.url, conf })
    expect((await backend.collect(one)).rows).toEqual([[42n]])
    await backend.close()
    const refused = await RemoteBackend.connect({ url: mutual.url, conf: { 'spark.sluice.remote.tlsCa': pem('server.pem'), 'spark.sluice.remote.connectTimeoutMs': 2000 } }).catch((e: unknown) => e)
    expect(refused).toMatchObject({ errorClass: 'UNAVAILABLE' })
  })

  it('should name a TLS file it cannot read', async () => {
    await expect(RemoteBackend.connect({ url: tls.url, conf: { 'spark.sluice.remote.tlsCa': pem('missing.pem') } }))
      .rejects.toMatchObject({ errorClass: 'REMOTE_TLS_FILE_UNREADABLE' })
  })
})
