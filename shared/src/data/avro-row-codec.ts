/**
 * Row codecs between internal rows and Avro bytes. Every internal value maps
 * exactly: long as bigint both ways (beyond 2^53 too), struct arrays ↔ records,
 * Map ↔ entries, decimals as unscaled bigints, timestamps as micros, nulls anywhere.
 *
 * Two layouts:
 * - `wire` (default, for the shuffle and RPC): positional Avro names (`f0`, `f1`,
 *   so any column name works), decimals up to 18 digits as `long`, wider ones as
 *   two's-complement `bytes`, maps of any key type as arrays of key/value records,
 *   intervals as records. Encoded by the hand-written `avro-wire-codec.ts`,
 *   byte-identical to avsc for the same schema.
 * - `spark`: exactly `avroSchemaFor(schema)` (spark-avro's layout) for Avro files, through avsc.
 *
 * A batch is one Avro `array` of row records (count, rows, 0), as avsc would
 * encode the array itself.
 */
import type avro from 'avsc'
import { ExecutionError, InternalError } from '../errors/sluice-error.js'
import type { DataType, StructField, StructType } from '../types/data-type.js'
import { avscType, MappingBuilder, toBuffer, type AvroLayout, type Converter } from './avro-record-mapping.js'
import { avroSchemaFor, type AvroSchema } from './avro-schema.js'
import { AvroSink } from './avro-sink.js'
import { AvroFormatError, AvroSource } from './avro-source.js'
import { wireRowReader, wireRowWriter } from './avro-wire-codec.js'
import type { Row } from './row.js'

export type { AvroLayout } from './avro-record-mapping.js'
export { avscTypeForSchema } from './avro-record-mapping.js'

function malformed(detail: string, cause?: unknown): ExecutionError {
  return new ExecutionError('MALFORMED_AVRO_MESSAGE', `Malformed Avro row batch: ${detail}.`, { detail }, cause)
}

/** Encodes and decodes rows of one schema. */
export interface RowCodec {
  readonly schema: StructType
  /** The Avro schema of one row record. */
  readonly avroSchema: AvroSchema
  /**
   * The avsc type of one row record (for avsc container files and resolvers). In the
   * spark layout its exported schema (`schema({ exportAttrs: true })`) keeps the logical types.
   */
  readonly avroType: avro.Type
  /** A batch of rows as one Avro array. */
  encode(rows: readonly Row[]): Buffer
  decode(buffer: Uint8Array): Row[]
  encodeRow(row: Row): Buffer
  decodeRow(buffer: Uint8Array): Row
  /** The avsc record value of a row (for avsc APIs such as file encoders). */
  toAvroValue(row: Row): unknown
  /** The row of an avsc record value. */
  fromAvroValue(value: unknown): Row
}

/** How one row is written and read: avsc for the spark layout, the hand-written wire codec otherwise. */
interface RowEngine {
  /** Writes a row at the sink's position. */
  write(sink: AvroSink, row: Row): void
  /** Reads a row at the source's position. */
  read(source: AvroSource): Row
}

function avscEngine(avroType: avro.Type, toRecord: Converter, fromRecord: Converter): RowEngine {
  return {
    write(sink, row) {
      const record = toRecord(row)
      for (;;) {
        const next = avroType.encode(record, sink.buffer, sink.position)
        if (next >= 0) {
          sink.position = next
          return
        }
        sink.ensure(-next + sink.buffer.length - sink.position)
      }
    },
    read(source) {
      const decoded = avroType.decode(source.buffer, source.position)
      if (decoded.offset < 0) throw new AvroFormatError(`input ends early after byte ${source.position}`)
      source.position = decoded.offset
      return fromRecord(decoded.value) as Row
    },
  }
}

function wireEngine(schema: StructType): RowEngine {
  return { write: wireRowWriter(schema), read: wireRowReader(schema) }
}

/** Creates a codec for rows of `schema` in the `wire` (default) or `spark` layout. */
export function createRowCodec(schema: StructType, layout: AvroLayout = 'wire'): RowCodec {
  const mapping = new MappingBuilder(layout).build(schema)
  const avroSchema = layout === 'spark' ? avroSchemaFor(schema) : mapping.schema
  const avroType = avscType(avroSchema, layout)
  const toRecord = mapping.toAvro!
  const fromRecord = mapping.fromAvro!
  const engine = layout === 'spark' ? avscEngine(avroType, toRecord, fromRecord) : wireEngine(schema)
  const sink = new AvroSink()

  /** Finds the field of a failed write through avsc's validation, for the message. */
  const explainFailure = (row: Row, error: unknown): Error => {
    let where = ''
    let badValue: unknown
    try {
      avroType.isValid(toRecord(row), {
        errorHook: (path: string[], value: unknown) => {
          if (where === '') { where = path.map((p) => (/^\d+$/.test(p) ? `[${p}]` : p)).join('.'); badValue = value }
        },
      })
    } catch { /* the conversion itself failed: report the original error */ }
    const fieldPath = layout === 'wire' ? describeWirePath(schema, where) : where
    if (where !== '' && (badValue === null || badValue === undefined)) {
      return new ExecutionError('NOT_NULL_ASSERT_VIOLATION', `NULL value appeared in non-nullable field '${fieldPath}'.`, { walkedTypePath: fieldPath })
    }
    return new InternalError(`Row value does not match the schema at field '${fieldPath || '?'}': ${String((error as Error).message ?? error)}`, error)
  }

  const writeRow = (row: Row): void => {
    try {
      engine.write(sink, row)
    } catch (error) {
      throw explainFailure(row, error)
    }
  }

  const readRow = (source: AvroSource, index: number): Row => {
    const start = source.position
    try {
      return engine.read(source)
    } catch (error) {
      const detail = error instanceof AvroFormatError || error instanceof RangeError ? error.message : String(error)
      throw malformed(`row ${index} at byte ${start}: ${detail}`, error)
    }
  }

  const takeOutput = (): Buffer => {
    const output = Buffer.from(sink.buffer.subarray(0, sink.position))
    sink.position = 0
    return output
  }

  return {
    schema,
    avroSchema,
    avroType,
    toAvroValue: (row) => toRecord(row),
    fromAvroValue: (value) => fromRecord(value) as Row,
    encode(rows) {
      sink.position = 0
      const write = engine.write
      if (rows.length > 0) {
        sink.intNumber(rows.length)
        // One try for the batch; the failing row is explained afterwards.
        let index = 0
        try {
          for (; index < rows.length; index++) write(sink, rows[index]!)
        } catch (error) {
          throw explainFailure(rows[index]!, error)
        }
      }
      sink.byte(0)
      return takeOutput()
    },
    decode(input) {
      const source = new AvroSource(toBuffer(input))
      const rows: Row[] = []
      const read = engine.read
      let start = 0
      try {
        for (let count = source.blockCount(); count !== 0; count = source.blockCount()) {
          for (let i = 0; i < count; i++) {
            start = source.position
            rows.push(read(source))
          }
        }
      } catch (error) {
        const detail = error instanceof AvroFormatError || error instanceof RangeError ? error.message : String(error)
        throw malformed(`row ${rows.length} at byte ${start}: ${detail}`, error)
      }
      if (source.position !== source.buffer.length) throw malformed(`${source.buffer.length - source.position} bytes after the end of the batch`)
      return rows
    },
    encodeRow(row) {
      sink.position = 0
      writeRow(row)
      return takeOutput()
    },
    decodeRow(input) {
      const source = new AvroSource(toBuffer(input))
      const row = readRow(source, 0)
      if (source.position !== source.buffer.length) throw malformed('bytes after the end of the row')
      return row
    },
  }
}

/** Turns a wire path such as `f6.f0` into field names (`geolocation.city`). */
function describeWirePath(schema: StructType, wirePath: string): string {
  const names: string[] = []
  let current: DataType = schema
  for (const part of wirePath.split('.')) {
    const match = /^f(\d+)$/.exec(part)
    if (match !== null && current.kind === 'struct') {
      const field: StructField | undefined = current.fields[Number(match[1])]
      if (field === undefined) return wirePath
      names.push(field.name)
      current = field.dataType
    } else {
      names.push(part)
      if (current.kind === 'array') current = current.elementType
    }
  }
  return names.join('.')
}
