import { Plan, parseDDL, type StructType } from '@sluice/shared'
import type { SessionBackend } from '../session/session-backend.js'
import { DataFrame } from './data-frame.js'

/** Options as Spark keeps them: keys case-insensitive (stored lower-cased), values strings. */
export type OptionValue = string | number | boolean

/**
 * `spark.read` / `spark.readStream`: format, schema (DDL string or StructType) and
 * options, then `load(path)`. Building is lazy; nothing is read until an action.
 */
export class SourceBuilder {
  protected sourceFormat = 'parquet'
  protected userSchema: StructType | undefined
  protected readonly sourceOptions: Record<string, string> = {}

  constructor(protected readonly backend: SessionBackend, protected readonly streaming: boolean) {}

  format(source: string): this {
    this.sourceFormat = source.toLowerCase()
    return this
  }

  /** The schema as a DDL string (`"a INT, b STRING"`) or a StructType. */
  schema(schema: string | StructType): this {
    this.userSchema = typeof schema === 'string' ? parseDDL(schema) : schema
    return this
  }

  option(key: string, value: OptionValue): this {
    this.sourceOptions[key.toLowerCase()] = String(value)
    return this
  }

  options(options: Readonly<Record<string, OptionValue>>): this {
    for (const [k, v] of Object.entries(options)) this.option(k, v)
    return this
  }

  load(...paths: string[]): DataFrame {
    return new DataFrame(this.backend, Plan.relation({
      format: this.sourceFormat,
      paths,
      options: { ...this.sourceOptions },
      ...(this.userSchema ? { userSchema: this.userSchema } : {}),
      streaming: this.streaming,
    }))
  }

  json(...paths: string[]): DataFrame { return this.format('json').load(...paths) }
  csv(...paths: string[]): DataFrame { return this.format('csv').load(...paths) }
  parquet(...paths: string[]): DataFrame { return this.format('parquet').load(...paths) }
  text(...paths: string[]): DataFrame { return this.format('text').load(...paths) }
  avro(...paths: string[]): DataFrame { return this.format('avro').load(...paths) }

  /**
   * A temporary view or memory table by name. A table saved with `saveAsTable` /
   * `toTable` is read from its folder, with this builder's options (time travel)
   * and as a stream under `readStream`.
   */
  table(name: string): DataFrame {
    const view = this.backend.viewPlan(name)
    if (view?.kind === 'Relation' && view.source.format === 'delta' && !view.source.streaming) {
      return new DataFrame(this.backend, Plan.relation({ ...view.source, options: { ...view.source.options, ...this.sourceOptions }, streaming: this.streaming }))
    }
    return new DataFrame(this.backend, Plan.tableRef(name))
  }
}

/** `spark.read` (PySpark's DataFrameReader). */
export class DataFrameReader extends SourceBuilder {
  constructor(backend: SessionBackend) {
    super(backend, false)
  }
}
