import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Metadata, credentials, loadPackageDefinition, type Client, type GrpcObject, type ServiceClientConstructor } from '@grpc/grpc-js'
import { loadSync } from '@grpc/proto-loader'
import { startTestCoordinator, type TestCoordinator } from './testing/service-harness.js'

const require = createRequire(import.meta.url)
const LOADER = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true }

function serviceClient(protoFile: string, includeDir: string, servicePath: string, address: string): Client {
  const root = loadPackageDefinition(loadSync(protoFile, { ...LOADER, includeDirs: [includeDir] })) as GrpcObject
  const constructor = servicePath.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], root) as ServiceClientConstructor
  return new constructor(address, credentials.createInsecure())
}

describe('coordinator health and reflection', () => {
  let coordinator: TestCoordinator
  let health: Client
  let reflection: Client

  beforeAll(async () => {
    coordinator = await startTestCoordinator({ token: 'secret' })
    const healthProtos = join(dirname(require.resolve('grpc-health-check')), '..', '..', 'proto')
    health = serviceClient('health/v1/health.proto', healthProtos, 'grpc.health.v1.Health', coordinator.address)
    const reflectionProtos = join(dirname(require.resolve('@grpc/reflection')), '..', 'proto')
    reflection = serviceClient('grpc/reflection/v1/reflection.proto', reflectionProtos, 'grpc.reflection.v1.ServerReflection', coordinator.address)
  })
  afterAll(async () => {
    health.close()
    reflection.close()
    await coordinator.close()
  })

  const check = (service: string): Promise<{ status: string }> => new Promise((resolve, reject) => {
    (health as unknown as { Check: (r: object, m: Metadata, cb: (e: Error | null, v: { status: string }) => void) => void })
      .Check({ service }, new Metadata(), (error, value) => (error ? reject(error) : resolve(value)))
  })

  it('should report SERVING for the server and SluiceService, without a token, and NOT_FOUND for others', async () => {
    expect(await check('')).toEqual({ status: 'SERVING' })
    expect(await check('sluice.v1.SluiceService')).toEqual({ status: 'SERVING' })
    await expect(check('no.such.Service')).rejects.toMatchObject({ code: 5 })
  })

  it('should list sluice.v1.SluiceService through server reflection', async () => {
    const names = await new Promise<string[]>((resolve, reject) => {
      const call = (reflection as unknown as { ServerReflectionInfo: () => NodeJS.ReadWriteStream & { cancel(): void } }).ServerReflectionInfo()
      call.on('data', (response: { list_services_response?: { service: { name: string }[] } }) => {
        resolve(response.list_services_response?.service.map((s) => s.name) ?? [])
        call.end()
      })
      call.on('error', reject)
      call.write({ list_services: '*' } as never)
    })
    expect(names).toContain('sluice.v1.SluiceService')
    expect(names).toContain('sluice.v1.ClusterService')
    expect(names).not.toContain('sluice.v1.ExecutorService')
  })
})
