/**
 * A raw grpc-js client of a coordinator (`loadSluiceProtos()` and avsc only, no Sluice
 * client code) and the call helpers tests of the wire need: the coordinator's service
 * tests (in process) and the cluster tests (a coordinator process) share them.
 */
import avro from 'avsc'
import {
  Metadata, credentials, type Client, type ClientReadableStream, type MethodDefinition, type ServiceError,
} from '@grpc/grpc-js'
import { loadSluiceProtos, type SluiceServiceClient } from '@sluice/proto'

/** A raw client of the SluiceService at `address` (insecure channel). */
export function rawSluiceClient(address: string): SluiceServiceClient {
  return new (loadSluiceProtos().SluiceService)(address, credentials.createInsecure())
}

/** `authorization: <value>` (`Bearer <token>` for the coordinator's token). */
export function authorization(value: string | undefined): Metadata {
  const metadata = new Metadata()
  if (value !== undefined) metadata.set('authorization', value)
  return metadata
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

/** Every message of a stream, once it ends, or its error. */
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

/** Calls any method of a service definition with `request` (unary, server stream or bidi with one message): every method without a token. */
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
