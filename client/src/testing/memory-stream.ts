import { randomUUID } from 'node:crypto'
import { Plan, fromPublicValue, toDDL, type DataType, type StructType } from '@sluice/shared'
import { MemoryStream as MemoryStreamSource } from '@sluice/coordinator'
import { DataFrame } from '../dataframe/data-frame.js'
import { Sluice } from '../session/sluice.js'
import { RemoteBackend } from '../remote/remote-backend.js'

/**
 * A streaming source fed by the test (Spark's MemoryStream): `addData` appends rows
 * (plain values for a one-column schema, arrays, or objects), `toDF()` is the
 * streaming DataFrame over it. Offsets count `addData` calls from 0, as Spark's.
 *
 * @example
 * const input = new MemoryStream('value INT')
 * const counts = input.toDF().groupBy('value').count()
 * input.addData(1, 2, 2)
 */
export class MemoryStream {
  readonly source: MemoryStreamSource
  /** In a remote session, the coordinator holds a copy of the stream (what queries read); this one keeps the offsets. */
  readonly #remote: RemoteBackend | undefined

  constructor(schema: StructType | string, private readonly spark: Sluice | undefined = Sluice.active) {
    const backend = spark?.backend
    this.#remote = backend instanceof RemoteBackend ? backend : undefined
    this.source = new MemoryStreamSource(schema, this.#remote ? { id: `remote-${randomUUID()}` } : {})
    if (this.#remote) {
      // Queries read the coordinator's copy; this one only counts offsets, out of the registry
      // (a coordinator in this very process, as in tests, registers its own under the id).
      this.source.unregister()
      this.#remote.sendMemoryStreamData(this.source.id, this.source.schema)
    }
  }

  get schema(): StructType {
    return this.source.schema
  }

  /**
   * Appends rows; returns the new latest offset. A row is an array in schema order,
   * an object by field name, or a plain value for a one-column schema; values are
   * public JS values (a Date or a 'YYYY-MM-DD HH:mm:ss' UTC string for a TIMESTAMP,
   * a number or bigint for a BIGINT); a value that does not convert is passed as given.
   */
  addData(...rows: unknown[]): string {
    const offset = this.source.addData(...rows.map((row) => this.toSourceRow(row)))
    if (this.#remote) {
      const previous = Number(offset) - 1
      this.#remote.sendMemoryStreamData(this.source.id, this.source.schema, () => this.source.getBatch(previous < 0 ? null : String(previous), offset))
    }
    return offset
  }

  private toSourceRow(row: unknown): unknown {
    const fields = this.source.schema.fields
    if (isPlainObject(row)) return fields.map((f) => lenientValue(row[f.name], f.dataType))
    const single = fields.length === 1 && !(Array.isArray(row) && fields[0]!.dataType.kind !== 'array')
    if (single) return [lenientValue(row, fields[0]!.dataType)]
    return Array.isArray(row) && row.length === fields.length ? row.map((cell, i) => lenientValue(cell, fields[i]!.dataType)) : row
  }

  /** `MemoryStream[value INT]`, as test failure listings name it. */
  toString(): string {
    return `MemoryStream[${toDDL(this.source.schema)}]`
  }

  toDF(): DataFrame {
    const spark = this.spark ?? Sluice.active
    if (!spark) throw new Error('MemoryStream needs a session: create one with Sluice.builder().getOrCreate() first')
    return new DataFrame(spark.backend, Plan.relation({ format: 'memory', paths: [], options: { id: this.source.id }, userSchema: this.source.schema, streaming: true }))
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Map) && !(value instanceof Uint8Array)
}

function lenientValue(value: unknown, type: DataType): unknown {
  try {
    return fromPublicValue(value, type, 'value', { timeZone: 'UTC' })
  } catch {
    return value
  }
}
