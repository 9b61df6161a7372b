import { Buffer } from 'node:buffer'
import avro from 'avsc'

/**
 * avsc's `long` as a bigint, exact beyond 2^53 (avsc's default throws there).
 * Used through the `registry` option when parsing schemas.
 */
export const avroBigIntLongType = avro.types.LongType.__with({
  fromBuffer: (buffer: Buffer): bigint => buffer.readBigInt64LE(),
  toBuffer: (value: bigint): Buffer => {
    const buffer = Buffer.alloc(8)
    buffer.writeBigInt64LE(value)
    return buffer
  },
  fromJSON: (value: unknown): bigint => BigInt(value as number),
  toJSON: (value: bigint): number => Number(value),
  isValid: (value: unknown): boolean => typeof value === 'bigint',
  compare: (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0),
})

/** Parses an Avro schema with bigint longs and unwrapped unions. */
export function parseAvroType(schema: unknown): avro.Type {
  // The registry covers `"long"`; the hook covers `{"type": "long", "logicalType": ...}`.
  const typeHook = (s: unknown): avro.Type | undefined =>
    typeof s === 'object' && s !== null && (s as { type?: unknown }).type === 'long' ? avroBigIntLongType : undefined
  return avro.Type.forSchema(schema as avro.Schema, { registry: { long: avroBigIntLongType }, wrapUnions: 'never', typeHook } as unknown as Partial<avro.ForSchemaOptions>)
}
