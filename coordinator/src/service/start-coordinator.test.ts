import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Metadata, credentials, status, type ChannelCredentials } from '@grpc/grpc-js'
import { loadSluiceProtos, type CreateSessionResponse__Output, type SluiceServiceClient } from '@sluice/proto'
import { parseCoordinatorArgs } from './coordinator-args.js'
import { startCoordinator, type RunningCoordinator } from './start-coordinator.js'
import { failureOf, unaryCall } from './testing/service-harness.js'

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** A CA and a certificate it signed for `name` (127.0.0.1 and localhost as server names). */
function issue(dir: string, name: string): void {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' })
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`)
  execFileSync('sh', ['-c', `printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > ${name}.ext`], { cwd: dir })
  run('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '1', '-extfile', `${name}.ext`)
}

describe.skipIf(!hasOpenssl())('startCoordinator with mutual TLS and a token', () => {
  let dir: string
  let coordinator: RunningCoordinator
  const clients: SluiceServiceClient[] = []

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-coordinator-tls-'))
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=sluice-test-ca'], { cwd: dir, stdio: 'ignore' })
    issue(dir, 'server')
    issue(dir, 'client')
    await writeFile(join(dir, 'token'), 'tls-token\n')
    coordinator = await startCoordinator(parseCoordinatorArgs([
      '--port', '0', '--allowed-path', dir, '--token-file', join(dir, 'token'),
      '--tls-cert', join(dir, 'server.pem'), '--tls-key', join(dir, 'server.key'), '--tls-ca', join(dir, 'ca.pem'),
      '--conf', 'spark.task.maxFailures=2', '--conf', 'spark.network.timeout=30',
    ]))
  }, 60_000)
  afterAll(async () => {
    for (const client of clients) client.close()
    await coordinator?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  const clientWith = (channel: ChannelCredentials): SluiceServiceClient => {
    const client = new (loadSluiceProtos().SluiceService)(`127.0.0.1:${coordinator.server.port}`, channel)
    clients.push(client)
    return client
  }
  const bearer = (): Metadata => {
    const metadata = new Metadata()
    metadata.set('authorization', 'Bearer tls-token')
    return metadata
  }
  const file = (name: string) => readFile(join(dir, name))

  it('should serve a client presenting a certificate of the CA, with the token', async () => {
    const client = clientWith(credentials.createSsl(await file('ca.pem'), await file('client.key'), await file('client.pem')))
    const session = await unaryCall<CreateSessionResponse__Output>(client, 'CreateSession', {}, bearer())
    expect(session.sessionId).not.toBe('')
    expect(coordinator.sessions.get(session.sessionId).conf.get('spark.task.maxFailures')).toBe('2')
  })

  it('should refuse a client without a certificate, a plaintext client, and a certified client without the token', async () => {
    const noCertificate = clientWith(credentials.createSsl(await file('ca.pem')))
    expect((await failureOf(unaryCall(noCertificate, 'CreateSession', {}, bearer()))).code).toBe(status.UNAVAILABLE)
    const plaintext = clientWith(credentials.createInsecure())
    expect((await failureOf(unaryCall(plaintext, 'CreateSession', {}, bearer()))).code).toBe(status.UNAVAILABLE)
    const noToken = clientWith(credentials.createSsl(await file('ca.pem'), await file('client.key'), await file('client.pem')))
    expect((await failureOf(unaryCall(noToken, 'CreateSession', {}))).code).toBe(status.UNAUTHENTICATED)
  })
})
