import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Server, ServerCredentials, credentials, status } from '@grpc/grpc-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSluiceProtos, type ExecutorServiceClient } from '@sluice/proto'
import { decodeTaskResult, encodeTask, type Task } from '@sluice/shared'
import { startExecutor, type StartedExecutor } from './start-executor.js'
import { TEST_EVAL_CONTEXT, callError, cancelTask, descriptorOf, doubledAboveThresholdPlan, launchTask, waitFor, writeReadings } from './executor-test-support.js'

/** `openssl` on the PATH (the test makes its own CA and certificates with it). */
const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

let dir: string
const closers: (() => unknown)[] = []

/** A CA and one certificate it signs for 127.0.0.1 / localhost, good for servers and clients. */
function makeCertificates(folder: string): { ca: string; cert: string; key: string; otherCa: string } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: folder, stdio: 'pipe' })
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  run('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=sluice-test-ca')
  run('req', '-x509', ...ec, '-keyout', 'other-ca.key', '-out', 'other-ca.crt', '-days', '1', '-subj', '/CN=another-ca')
  run('req', ...ec, '-keyout', 'node.key', '-out', 'node.csr', '-subj', '/CN=localhost')
  writeFileSync(join(folder, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n')
  run('x509', '-req', '-in', 'node.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'node.crt', '-days', '1', '-extfile', 'ext.cnf')
  return { ca: join(folder, 'ca.crt'), cert: join(folder, 'node.crt'), key: join(folder, 'node.key'), otherCa: join(folder, 'other-ca.crt') }
}

describe.skipIf(!hasOpenssl)('executor with mutual TLS', () => {
  let files: ReturnType<typeof makeCertificates>
  let executor: StartedExecutor
  let registrations = 0

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-executor-tls-'))
    files = makeCertificates(dir)
    // A coordinator that requires client certificates signed by the CA.
    const coordinator = new Server()
    coordinator.addService(loadSluiceProtos().ClusterService.service, {
      RegisterExecutor: (_call: unknown, callback: (error: null, value: object) => void) => { registrations++; callback(null, { epoch: 9 }) },
      Heartbeat: (_call: unknown, callback: (error: null, value: object) => void) => callback(null, { registered: true, epoch: 9 }),
    })
    const tls = ServerCredentials.createSsl(readFileSync(files.ca), [{ cert_chain: readFileSync(files.cert), private_key: readFileSync(files.key) }], true)
    const port = await new Promise<number>((resolve, reject) => coordinator.bindAsync('127.0.0.1:0', tls, (e, p) => (e ? reject(e) : resolve(p))))
    closers.push(() => coordinator.forceShutdown())
    executor = await startExecutor({
      coordinators: [`127.0.0.1:${port}`], slots: 1, host: '127.0.0.1', port: 0, heartbeatIntervalMs: 100,
      tls: { certFile: files.cert, keyFile: files.key, caFile: files.ca },
    })
    closers.push(() => executor.stop(2_000))
  })
  afterAll(async () => {
    for (const close of closers.reverse()) await close()
    rmSync(dir, { recursive: true, force: true })
  })

  function client(options: { cert: boolean; ca?: string }): ExecutorServiceClient {
    const { ExecutorService } = loadSluiceProtos()
    const channel = credentials.createSsl(
      readFileSync(options.ca ?? files.ca),
      options.cert ? readFileSync(files.key) : null,
      options.cert ? readFileSync(files.cert) : null,
    )
    const made = new ExecutorService(`127.0.0.1:${executor.port}`, channel)
    closers.push(() => made.close())
    return made
  }

  it('should register with a coordinator that requires a client certificate (it calls over TLS with its own)', async () => {
    await waitFor('registration over mutual TLS', () => registrations > 0)
    await waitFor('the epoch', () => executor.fence.newest === 9n)
  })

  it('should serve a client presenting a certificate the CA signed, and refuse one without', async () => {
    const folder = join(dir, 'data')
    const expected = await writeReadings(folder, 1, 20)
    const task: Task = { queryId: 'q-tls', runId: 'r', batchId: 0, attempt: 0, epoch: 9, plan: doubledAboveThresholdPlan(folder, 20), evalContext: TEST_EVAL_CONTEXT }
    const response = await launchTask(client({ cert: true }), { descriptor: descriptorOf(task), task: encodeTask(task) }).response
    expect(decodeTaskResult(response.result, task.plan.schema).rows.length).toBe(expected.length)

    const refused = await callError(cancelTask(client({ cert: false }), { descriptor: descriptorOf(task) }))
    expect(refused.code).toBe(status.UNAVAILABLE)
    const untrusted = await callError(cancelTask(client({ cert: true, ca: files.otherCa }), { descriptor: descriptorOf(task) }))
    expect(untrusted.code).toBe(status.UNAVAILABLE)
  })
})
