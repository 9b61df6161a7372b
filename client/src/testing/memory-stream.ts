import { Plan, toDDL, type StructType } from '@sluice/shared'
import { MemoryStream as MemoryStreamSource } from '@sluice/executor'
import { DataFrame } from '../dataframe/data-frame.js'
import { Sluice } from '../session/sluice.js'

/**
 * A streaming source fed by the test (Spark's MemoryStream): `addData` appends rows
 * (plain values for a one-column schema, arrays, or objects), `toDF()` is the
 * streaming DataFrame over it. Offsets are the count of rows added.
 *
 * @example
 * const input = new MemoryStream('value INT')
 * const counts = input.toDF().groupBy('value').count()
 * input.addData(1, 2, 2)
 */
export class MemoryStream {
  readonly source: MemoryStreamSource

  constructor(schema: StructType | string, private readonly spark: Sluice | undefined = Sluice.active) {
    this.source = new MemoryStreamSource(schema)
  }

  get schema(): StructType {
    return this.source.schema
  }

  /** Appends rows; returns the new latest offset. */
  addData(...rows: unknown[]): string {
    return this.source.addData(...rows)
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
