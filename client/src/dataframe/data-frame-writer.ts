import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { AnalysisError, Plan } from '@sluice/shared'
import type { DataFrame } from './data-frame.js'
import type { OptionValue } from './data-frame-reader.js'

type SaveMode = 'append' | 'overwrite' | 'error' | 'errorifexists' | 'ignore'
const SAVE_MODES: readonly SaveMode[] = ['append', 'overwrite', 'error', 'errorifexists', 'ignore']

/** `df.write` (PySpark's DataFrameWriter): format, mode, partitionBy, options, then `save(path)`. */
export class DataFrameWriter {
  #format = 'parquet'
  #mode: SaveMode = 'errorifexists'
  #partitionBy: string[] = []
  readonly #options: Record<string, string> = {}

  constructor(private readonly dataFrame: DataFrame) {}

  format(source: string): this { this.#format = source.toLowerCase(); return this }

  mode(saveMode: string): this {
    const mode = saveMode.toLowerCase().replace('_', '') as SaveMode
    if (!SAVE_MODES.includes(mode)) {
      throw new AnalysisError('INVALID_SAVE_MODE', `The save mode '${saveMode}' is not valid. Accepted save modes are 'overwrite', 'append', 'ignore', 'error', 'errorifexists', 'default'.`)
    }
    this.#mode = mode
    return this
  }

  partitionBy(...columns: (string | readonly string[])[]): this {
    this.#partitionBy = columns.flatMap((c) => (typeof c === 'string' ? [c] : [...c]))
    return this
  }

  option(key: string, value: OptionValue): this { this.#options[key.toLowerCase()] = String(value); return this }

  options(options: Readonly<Record<string, OptionValue>>): this {
    for (const [k, v] of Object.entries(options)) this.option(k, v)
    return this
  }

  async save(path?: string): Promise<void> {
    const target = path ?? this.#options['path']
    if (target === undefined) throw new AnalysisError('PATH_NOT_SPECIFIED', "'path' is not specified: call save(path).")
    await this.dataFrame.backend.save(this.dataFrame.plan, {
      format: this.#format, mode: this.#mode, path: target, partitionBy: this.#partitionBy, options: { ...this.#options },
    })
  }

  /**
   * Saves to a table of the session's warehouse folder (`spark.sql.warehouse.dir`,
   * `spark-warehouse` by default) and registers it by name for `spark.read.table`.
   * An existing table fails in mode error/errorifexists and is left alone in mode ignore.
   */
  async saveAsTable(tableName: string): Promise<void> {
    const backend = this.dataFrame.backend
    const path = resolve(join(backend.getConf('spark.sql.warehouse.dir') ?? 'spark-warehouse', tableName))
    const exists = existsSync(path)
    if (exists && this.#mode === 'ignore') return
    if (exists && (this.#mode === 'error' || this.#mode === 'errorifexists')) {
      throw new AnalysisError('TABLE_OR_VIEW_ALREADY_EXISTS', `Cannot create table or view \`spark_catalog\`.\`default\`.\`${tableName}\` because it already exists. Choose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects.`, { relationName: `\`spark_catalog\`.\`default\`.\`${tableName}\`` })
    }
    await this.save(path)
    backend.createOrReplaceTempView(tableName, Plan.relation({ format: this.#format, paths: [path], options: {}, streaming: false }))
  }

  json(path: string): Promise<void> { return this.format('json').save(path) }
  csv(path: string): Promise<void> { return this.format('csv').save(path) }
  parquet(path: string): Promise<void> { return this.format('parquet').save(path) }
  text(path: string): Promise<void> { return this.format('text').save(path) }
  avro(path: string): Promise<void> { return this.format('avro').save(path) }
}
