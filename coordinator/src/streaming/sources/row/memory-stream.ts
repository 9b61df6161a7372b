import { AnalysisError, parseDDL, type Row, type StructType } from '@sluice/shared'
import { parseLongOffset, type StreamSource } from './stream-source.js'

const registry = new Map<string, MemoryStream>()
let nextId = 0

/**
 * An in-memory stream for tests (Spark's MemoryStream): each `addData` call appends
 * one block of rows and the offset is that block's index (a LongOffset that starts at
 * -1 and grows by 1 per call, as Spark's), so batch (a, b] is blocks a+1..b and a
 * replay returns the same rows. Each stream registers under its `id` so that a
 * plan node `Relation{format: 'memory', options: {id}}` finds it with
 * `getMemoryStream(id)`.
 *
 * Rows are in the engine's internal representation (see `types/data-type.ts`),
 * with two conveniences: a bare value is a one-column row, and a JS number given
 * for a BIGINT column becomes a bigint (a Date for a TIMESTAMP column becomes
 * microseconds).
 *
 * @example
 * const input = new MemoryStream('value INT')
 * input.addData(1, 2, 3)          // offset "0"
 * input.addData([4], [5])         // offset "1"
 */
export class MemoryStream implements StreamSource {
  readonly id: string
  readonly schema: StructType
  readonly description: string
  /** One block of rows per `addData` call; block i ends at offset i. */
  private readonly blocks: Row[][] = []

  constructor(schema: StructType | string, options: { id?: string } = {}) {
    this.schema = typeof schema === 'string' ? parseDDL(schema) : schema
    this.id = options.id ?? String(nextId++)
    if (registry.has(this.id)) throw new AnalysisError('MEMORY_STREAM_ALREADY_EXISTS', `A MemoryStream with id '${this.id}' already exists.`, { id: this.id })
    this.description = `MemoryStream[${this.schema.fields.map((f) => f.name).join(',')}]`
    registry.set(this.id, this)
  }

  /** Appends rows as one block; returns the new latest offset (the block's index). */
  addData(...rows: unknown[]): string {
    this.blocks.push(rows.map((row, index) => this.toRow(row, index)))
    return String(this.blocks.length - 1)
  }

  /** Rows added so far. */
  get size(): number {
    return this.blocks.reduce((total, block) => total + block.length, 0)
  }

  async latestOffset(): Promise<string | null> {
    return this.blocks.length === 0 ? null : String(this.blocks.length - 1)
  }

  async getBatch(start: string | null, end: string): Promise<Row[]> {
    const from = start === null ? -1 : parseLongOffset(start, this.description)
    const to = parseLongOffset(end, this.description)
    const latest = this.blocks.length - 1
    if (from < -1 || to > latest || from > to) {
      throw new RangeError(`${this.description}: offsets (${from}, ${to}] are outside the offsets (-1, ${latest}] added`)
    }
    return this.blocks.slice(from + 1, to + 1).flatMap((block) => block.map((row) => [...row]))
  }

  async commit(): Promise<void> {}

  async stop(): Promise<void> {}

  /** Removes the stream from the registry. */
  unregister(): void {
    if (registry.get(this.id) === this) registry.delete(this.id)
  }

  private toRow(value: unknown, index: number): Row {
    const fields = this.schema.fields
    const row = fields.length === 1 && !(Array.isArray(value) && fields[0]!.dataType.kind !== 'array') ? [value] : value
    if (!Array.isArray(row) || row.length !== fields.length) {
      throw new AnalysisError(
        'MEMORY_STREAM_ROW_MISMATCH',
        `Row ${index} given to ${this.description} has ${Array.isArray(row) ? row.length : 1} values but the schema has ${fields.length} columns.`,
      )
    }
    return row.map((cell, i) => {
      const kind = fields[i]!.dataType.kind
      if (kind === 'long' && typeof cell === 'number' && Number.isInteger(cell)) return BigInt(cell)
      if ((kind === 'timestamp' || kind === 'timestamp_ntz') && cell instanceof Date) return cell.getTime() * 1000
      return cell
    })
  }
}

/** The MemoryStream registered as `id`; AnalysisError when there is none. */
export function getMemoryStream(id: string | number): MemoryStream {
  const stream = registry.get(String(id))
  if (stream === undefined) throw new AnalysisError('MEMORY_STREAM_NOT_FOUND', `No MemoryStream with id '${id}' exists in this process.`, { id: String(id) })
  return stream
}
