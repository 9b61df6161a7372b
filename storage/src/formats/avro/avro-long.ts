import avro from 'avsc'
import { bigintLongType } from '@sluice/shared'

/**
 * Parses an Avro schema with shared's bigint `long` (exact beyond 2^53; avsc's
 * default throws there) and unwrapped unions (`[type, "null"]` values are plain).
 */
export function parseAvroType(schema: unknown): avro.Type {
  // The registry covers `"long"`; the hook covers `{"type": "long", "logicalType": ...}`.
  const typeHook = (s: unknown): avro.Type | undefined =>
    typeof s === 'object' && s !== null && (s as { type?: unknown }).type === 'long' ? bigintLongType : undefined
  return avro.Type.forSchema(schema as avro.Schema, { registry: { long: bigintLongType }, wrapUnions: 'never', typeHook } as unknown as Partial<avro.ForSchemaOptions>)
}
