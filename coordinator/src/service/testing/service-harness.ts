/**
 * In-process coordinator for tests of the gRPC service: the server on a free
 * loopback port over sessions whose engines share one embedded in-process scheduler
 * (no executor process), and a raw grpc-js client of `loadSluiceProtos()`.
 */
import avro from 'avsc'
import {
  Metadata, credentials, type Client, type ClientReadableStream, type MethodDefinition, type ServiceError,
} from '@grpc/grpc-js'
import { SessionConfig } from '@sluice/shared'
import { loadSluiceProtos, type SluiceServiceClient } from '@sluice/proto'
import { QueryEngine } from '../../session/query-engine.js'
import { createInProcessScheduler } from '../../scheduler/in-process-scheduler.js'
import { CoordinatorSessions } from '../../sessions/coordinator-sessions.js'
import { startCoordinatorServer, type CoordinatorServerOptions, type CoordinatorServer } from '../coordinator-server.js'

export interface TestCoordinator {
  readonly server: CoordinatorServer
  readonly sessions: CoordinatorSessions
  readonly address: string
  readonly client: SluiceServiceClient
  /** Another client of the same server (its own channel). */
  newClient(): SluiceServiceClient
  close(): Promise<void>
}

export async function startTestCoordinator(
  options: Omit<CoordinatorServerOptions, 'sessions' | 'port' | 'host'> & { readonly sinkCallbackConnectTimeoutMs?: number } = {},
): Promise<TestCoordinator> {
  // The unit tests' in-process executor (vitest.unit-setup.ts installs it, with its own state stores).
  const scheduler = createInProcessScheduler({ threads: () => 1 })
  const sessions = new CoordinatorSessions({
    defaults: { 'spark.sluice.executor.threads': '1', 'spark.sql.shuffle.partitions': '2' },
    newEngine: (conf: SessionConfig) => new QueryEngine(conf, { scheduler }),
    sinkCallbackConnectTimeoutMs: options.sinkCallbackConnectTimeoutMs ?? 2000,
  })
  const server = await startCoordinatorServer({ ...options, sessions, host: '127.0.0.1', port: 0 })
  const address = `127.0.0.1:${server.port}`
  const clients: Client[] = []
  const newClient = (): SluiceServiceClient => {
    const client = new (loadSluiceProtos().SluiceService)(address, credentials.createInsecure())
    clients.push(client)
    return client
  }
  return {
    server, sessions, address, client: newClient(), newClient,
    async close() {
      for (const client of clients) client.close()
      await server.close(1000)
      await scheduler.close()
    },
  }
}

/** A unary call as a promise (method named as in the proto: `CreateSession`...). */
export function unaryCall<Response>(client: Client, method: string, request: object, metadata = new Metadata()): Promise<Response> {
  return new Promise((resolve, reject) => {
    const fn = (client as unknown as Record<string, (r: object, m: Metadata, cb: (e: ServiceError | null, v: Response) => void) => void>)[method]!
    fn.call(client, request, metadata, (error, value) => (error ? reject(error) : resolve(value)))
  })
}

/** Every message of a server stream, or the stream's error. */
export function streamCall<Response>(client: Client, method: string, request: object, metadata = new Metadata()): Promise<Response[]> {
  const fn = (client as unknown as Record<string, (r: object, m: Metadata) => ClientReadableStream<Response>>)[method]!
  return collect(fn.call(client, request, metadata))
}

export function collect<Response>(call: ClientReadableStream<Response>): Promise<Response[]> {
  return new Promise((resolve, reject) => {
    const messages: Response[] = []
    call.on('data', (message: Response) => messages.push(message))
    call.on('error', reject)
    call.on('end', () => resolve(messages))
  })
}

/** The records of an Avro object container file, read by avsc's own block decoder (no Sluice code). */
export function readAvroContainer(bytes: Uint8Array): Promise<{ schema: avro.Schema; records: Record<string, unknown>[] }> {
  return new Promise((resolve, reject) => {
    const records: Record<string, unknown>[] = []
    let schema: avro.Schema | undefined
    const decoder = new avro.streams.BlockDecoder()
    decoder.on('metadata', (type: avro.Type) => { schema = type.schema() })
    decoder.on('data', (record: Record<string, unknown>) => records.push({ ...record }))
    decoder.on('error', reject)
    decoder.on('end', () => resolve({ schema: schema!, records }))
    decoder.end(Buffer.from(bytes))
  })
}

/** The rows of a RowBatch stream, decoded batch by batch. */
export async function rowsOf(batches: readonly { avro: Uint8Array }[]): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = []
  for (const batch of batches) rows.push(...(await readAvroContainer(batch.avro)).records)
  return rows
}

/** A call's error, or a failure when it succeeds. */
export async function failureOf(work: Promise<unknown>): Promise<ServiceError> {
  try {
    await work
  } catch (error) {
    return error as ServiceError
  }
  throw new Error('expected the call to fail, it succeeded')
}

/** The `sluice-error-info` trailer of a failed call, parsed. */
export function errorInfoOfCall(error: ServiceError): Record<string, unknown> | undefined {
  const value = error.metadata?.get('sluice-error-info')[0]
  return value === undefined ? undefined : JSON.parse(String(value)) as Record<string, unknown>
}

/** A generic caller of any method of a service definition (used to call every method without a token). */
export function callAnyMethod(client: Client, definition: MethodDefinition<object, object>, request: object, metadata: Metadata): Promise<unknown> {
  const serialize = definition.requestSerialize as (value: object) => Buffer
  const deserialize = definition.responseDeserialize as (bytes: Buffer) => object
  if (!definition.requestStream && !definition.responseStream) {
    return new Promise((resolve, reject) => {
      client.makeUnaryRequest(definition.path, serialize, deserialize, request, metadata, (error, value) => (error ? reject(error) : resolve(value)))
    })
  }
  if (!definition.requestStream) return collect(client.makeServerStreamRequest(definition.path, serialize, deserialize, request, metadata))
  const call = client.makeBidiStreamRequest(definition.path, serialize, deserialize, metadata)
  call.write(request)
  call.end()
  return collect(call)
}
