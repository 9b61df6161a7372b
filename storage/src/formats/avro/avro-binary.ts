import avro from 'avsc'
import { ExecutionError, avroSchemaFor, type AvroSchema, type DataType } from '@sluice/shared'
import { parseAvroType } from './avro-long.js'
import { avroToInternalConverter, internalToAvroConverter } from './avro-values.js'

interface Codec { readonly type: avro.Type; readonly toInternal: (v: unknown) => unknown; readonly toAvro: (v: unknown) => unknown }
const cache = new Map<string, Codec>()

function codecFor(schemaJson: string, sparkType: DataType): Codec {
  const key = `${schemaJson}\u0000${JSON.stringify(sparkType)}`
  let codec = cache.get(key)
  if (!codec) {
    const schema = JSON.parse(schemaJson) as AvroSchema
    codec = { type: parseAvroType(schema), toInternal: avroToInternalConverter(schema, sparkType), toAvro: internalToAvroConverter(sparkType, schema) }
    if (cache.size > 256) cache.clear()
    cache.set(key, codec)
  }
  return codec
}

/**
 * `from_avro(data, jsonFormatSchema)`: decodes one Avro binary datum (no container
 * header) written with `avroSchemaJson` into the internal value of `sparkType`
 * (a struct gives a row-like array). Malformed bytes throw MALFORMED_AVRO_MESSAGE.
 */
export function avroBinaryToRow(bytes: Uint8Array, avroSchemaJson: string, sparkType: DataType): unknown {
  const codec = codecFor(avroSchemaJson, sparkType)
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let decoded: { value: unknown; offset: number }
  try {
    decoded = codec.type.decode(buffer, 0) as { value: unknown; offset: number }
  } catch (error) {
    throw new ExecutionError('MALFORMED_AVRO_MESSAGE', `Malformed Avro messages are detected in message deserialization: ${(error as Error).message}.`, {}, error)
  }
  if (decoded.offset < 0) throw new ExecutionError('MALFORMED_AVRO_MESSAGE', `Malformed Avro messages are detected in message deserialization: the datum is truncated (${bytes.length} bytes).`)
  return codec.toInternal(decoded.value)
}

/**
 * `to_avro(value[, jsonFormatSchema])`: the Avro binary datum of an internal value of
 * `sparkType`, with `avroSchemaJson` or, when absent, spark-avro's schema for the type.
 */
export function rowToAvroBinary(value: unknown, sparkType: DataType, avroSchemaJson?: string, nullable = false): Uint8Array {
  const schemaJson = avroSchemaJson ?? JSON.stringify(avroSchemaFor(sparkType, 'topLevelRecord', '', nullable))
  const codec = codecFor(schemaJson, sparkType)
  const buffer = codec.type.toBuffer(codec.toAvro(value))
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}
