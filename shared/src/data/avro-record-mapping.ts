/**
 * The avsc side of the row codecs: Avro schemas of both layouts and converters
 * between internal values and avsc values (records, Buffers, objects), plus the
 * avsc types with longs as bigints. The wire layout's fast path is `avro-wire-codec.ts`;
 * this file gives its schema and avsc interop (`avroType`, `toAvroValue`).
 */
import avro from 'avsc'
import type { CalendarInterval, DataType, StructType } from '../types/data-type.js'
import { bigintLongType } from './avro-long.js'
import { CATALYST_TYPE_PROP, minBytesForPrecision, type AvroSchema } from './avro-schema.js'
import { bigintToTwosComplement, twosComplementToBigint } from './twos-complement.js'

/** `wire`: positional names, for the shuffle and RPC; `spark`: spark-avro's layout, for Avro files. */
export type AvroLayout = 'wire' | 'spark'

/** Converts one non-null value. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one signature for every type's converter (parameters checked bivariantly)
export type Converter = (value: any) => unknown

/** A type's Avro schema and value converters. */
export interface Mapping {
  readonly schema: AvroSchema
  /** Internal → avsc value; null when the value passes as is. Never called with null. */
  readonly toAvro: Converter | null
  /** avsc → internal value; null when the value passes as is. Never called with null. */
  readonly fromAvro: Converter | null
}

const MAX_LONG_DECIMAL_PRECISION = 18
/** A `long` read and written as a number (registered `long` strings read bigints). */
const NUMBER_LONG: AvroSchema = Object.freeze({ type: 'long' })

/** A Buffer view of bytes (no copy). */
export const toBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

const nullable = (schema: AvroSchema, isNullable: boolean): AvroSchema => (isNullable && schema !== 'null' ? ['null', schema] : schema)

/** Ensures a record field name is a JS string literal usable in generated code. */
const literal = (name: string): string => JSON.stringify(name)

/** Builds the Mapping of a type in one layout (record names are numbered per builder). */
export class MappingBuilder {
  private recordCount = 0

  constructor(private readonly layout: AvroLayout) {}

  /** Mapping of a type in the wire layout; the spark layout reuses `avroSchemaFor` and only needs converters. */
  build(type: DataType): Mapping {
    switch (type.kind) {
      case 'null': return { schema: 'null', toAvro: null, fromAvro: null }
      case 'boolean': return { schema: 'boolean', toAvro: null, fromAvro: null }
      case 'byte': case 'short': case 'integer': case 'date': case 'year_month_interval':
        return { schema: 'int', toAvro: null, fromAvro: null }
      case 'long': return { schema: 'long', toAvro: null, fromAvro: null }
      case 'day_time_interval':
        // In the spark layout its attributed long is a bigint long too (see intervalLongHook).
        return { schema: 'long', toAvro: null, fromAvro: null }
      case 'time':
        // Files keep TIME as time-micros; the wire keeps the nanoseconds.
        return this.layout === 'spark'
          ? { schema: 'long', toAvro: (v: bigint) => Number(v / 1000n), fromAvro: (v: number | bigint) => BigInt(v) * 1000n }
          : { schema: 'long', toAvro: null, fromAvro: null }
      case 'float': return { schema: 'float', toAvro: null, fromAvro: null }
      case 'double': return { schema: 'double', toAvro: null, fromAvro: null }
      case 'string': return { schema: 'string', toAvro: null, fromAvro: null }
      case 'binary':
        return { schema: 'bytes', toAvro: toBuffer, fromAvro: (b: Buffer) => new Uint8Array(b) }
      case 'timestamp': case 'timestamp_ntz':
        // The object form `{type: 'long'}` bypasses the registry: avsc's own long reads and
        // writes numbers, exact for every timestamp a number of microseconds can hold.
        return { schema: NUMBER_LONG, toAvro: null, fromAvro: null }
      case 'decimal':
        if (this.layout === 'spark') {
          const size = minBytesForPrecision(type.precision)
          return { schema: 'fixed', toAvro: (v: bigint) => toBuffer(bigintToTwosComplement(v, size)), fromAvro: twosComplementToBigint }
        }
        if (type.precision <= MAX_LONG_DECIMAL_PRECISION) return { schema: 'long', toAvro: null, fromAvro: null }
        return {
          schema: 'bytes',
          toAvro: (v: bigint) => toBuffer(bigintToTwosComplement(v)),
          fromAvro: twosComplementToBigint,
        }
      case 'interval':
        return {
          schema: { type: 'record', name: this.nextRecordName(), fields: [{ name: 'months', type: 'int' }, { name: 'days', type: 'int' }, { name: 'microseconds', type: NUMBER_LONG }] },
          toAvro: (v: CalendarInterval) => ({ months: v.months, days: v.days, microseconds: v.microseconds }),
          fromAvro: (v: CalendarInterval) => ({ months: v.months, days: v.days, microseconds: v.microseconds }),
        }
      case 'array': {
        const element = this.build(type.elementType)
        const convert = element.toAvro
        const revert = element.fromAvro
        return {
          schema: { type: 'array', items: nullable(element.schema, type.containsNull) },
          toAvro: convert === null ? (a: unknown[]) => a.map(nullToNull) : (a: unknown[]) => a.map((v) => (v == null ? null : convert(v))),
          fromAvro: revert === null ? null : (a: unknown[]) => a.map((v) => (v === null ? null : revert(v))),
        }
      }
      case 'map': return this.layout === 'spark' ? this.sparkMap(type) : this.wireMap(type)
      case 'struct': return this.struct(type)
    }
  }

  private nextRecordName(): string {
    return `r${this.recordCount++}`
  }

  private wireMap(type: Extract<DataType, { kind: 'map' }>): Mapping {
    const key = this.build(type.keyType)
    const value = this.build(type.valueType)
    const convertKey = key.toAvro ?? identity
    const convertValue = value.toAvro ?? identity
    const revertKey = key.fromAvro ?? identity
    const revertValue = value.fromAvro ?? identity
    return {
      schema: {
        type: 'array',
        items: { type: 'record', name: this.nextRecordName(), fields: [{ name: 'k', type: key.schema }, { name: 'v', type: nullable(value.schema, type.valueContainsNull) }] },
      },
      toAvro: (m: Map<unknown, unknown>) => {
        const entries: { k: unknown; v: unknown }[] = []
        for (const [k, v] of m) entries.push({ k: convertKey(k), v: v == null ? null : convertValue(v) })
        return entries
      },
      fromAvro: (entries: { k: unknown; v: unknown }[]) => {
        const m = new Map<unknown, unknown>()
        for (const e of entries) m.set(revertKey(e.k), e.v === null ? null : revertValue(e.v))
        return m
      },
    }
  }

  private sparkMap(type: Extract<DataType, { kind: 'map' }>): Mapping {
    const value = this.build(type.valueType)
    const convertValue = value.toAvro ?? identity
    const revertValue = value.fromAvro ?? identity
    return {
      schema: 'map',
      toAvro: (m: Map<string, unknown>) => {
        const object: Record<string, unknown> = Object.create(null)
        for (const [k, v] of m) object[k] = v == null ? null : convertValue(v)
        return object
      },
      fromAvro: (object: Record<string, unknown>) => {
        const m = new Map<string, unknown>()
        for (const k of Object.keys(object)) m.set(k, object[k] === null ? null : revertValue(object[k]))
        return m
      },
    }
  }

  /** Struct (an array of field values) ↔ record, with generated code for speed. */
  private struct(type: StructType): Mapping {
    const fields = type.fields.map((f) => this.build(f.dataType))
    const names = type.fields.map((f, i) => (this.layout === 'spark' ? f.name : `f${i}`))
    const recordName = this.nextRecordName()
    const toParts = fields.map((m, i) => {
      const value = `v[${i}]`
      return `${literal(names[i]!)}: ${value} == null ? null : ${m.toAvro === null ? value : `c[${i}](${value})`}`
    })
    const fromParts = fields.map((m, i) => {
      const value = `r[${literal(names[i]!)}]`
      return m.fromAvro === null ? value : `${value} === null ? null : d[${i}](${value})`
    })
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const toAvro = new Function('c', `return function (v) { return { ${toParts.join(', ')} } }`)(fields.map((m) => m.toAvro)) as Converter
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const fromAvro = new Function('d', `return function (r) { return [${fromParts.join(', ')}] }`)(fields.map((m) => m.fromAvro)) as Converter
    return {
      schema: {
        type: 'record', name: recordName,
        fields: type.fields.map((f, i) => ({ name: names[i], type: nullable(fields[i]!.schema, f.nullable) })),
      },
      toAvro,
      fromAvro,
    }
  }
}

const identity = (value: unknown): unknown => value
const nullToNull = (value: unknown): unknown => (value === undefined ? null : value)

/**
 * Keeps Spark's logical types (date, timestamp-micros, decimal, ...) in the schema
 * avsc exports (`schema({ exportAttrs: true })`, the header of its container
 * files) while values pass through as the underlying type's.
 */
class PassThroughLogicalType extends avro.types.LogicalType {
  private readonly extraAttributes: Record<string, unknown>

  constructor(schema: avro.Schema, opts?: unknown) {
    super(schema, opts)
    const attributes = schema as { logicalType?: string; precision?: number; scale?: number }
    this.extraAttributes = attributes.logicalType === 'decimal' ? { precision: attributes.precision, scale: attributes.scale } : {}
  }

  protected override _fromValue(value: unknown): unknown { return value }
  protected override _toValue(value: unknown): unknown { return value }
  protected override _resolve(type: avro.Type): unknown {
    return type.typeName === this.underlyingType.typeName ? (value: unknown) => value : undefined
  }
  protected override _export(schema: avro.Schema): void { Object.assign(schema as object, this.extraAttributes) }
}

const SPARK_LOGICAL_TYPES = Object.freeze({
  date: PassThroughLogicalType, 'timestamp-micros': PassThroughLogicalType,
  'local-timestamp-micros': PassThroughLogicalType, decimal: PassThroughLogicalType, 'time-micros': PassThroughLogicalType,
})

/**
 * The avsc type of an Avro schema with longs as bigints and Spark's logical types
 * kept: pass it as avsc's `parseHook` when reading container files, so that
 * `createRowCodec(schema, 'spark').fromAvroValue` reads their records.
 */
export function avscTypeForSchema(schema: AvroSchema): avro.Type {
  return avscType(schema, 'spark')
}

/** The avsc type of a schema: longs as bigints; in the spark layout, logical types kept. */
export function avscType(schema: AvroSchema, layout: AvroLayout): avro.Type {
  // A fresh registry each time: avsc adds the named types it meets to it.
  return avro.Type.forSchema(schema as avro.Schema, {
    registry: { long: bigintLongType }, wrapUnions: false,
    ...(layout === 'spark' ? { logicalTypes: SPARK_LOGICAL_TYPES, typeHook: intervalLongHook } : {}),
  })
}

/** A day-time interval's `{"type": "long", "spark.sql.catalyst.type": …}` reads and writes exact bigints too. */
function intervalLongHook(schema: avro.Schema): avro.Type | undefined {
  const object = schema as { type?: unknown; [CATALYST_TYPE_PROP]?: unknown }
  return typeof schema === 'object' && object.type === 'long' && object[CATALYST_TYPE_PROP] !== undefined ? bigintLongType : undefined
}
