import { AnalysisError } from '@sluice/shared'
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

  json(path: string): Promise<void> { return this.format('json').save(path) }
  csv(path: string): Promise<void> { return this.format('csv').save(path) }
  parquet(path: string): Promise<void> { return this.format('parquet').save(path) }
  text(path: string): Promise<void> { return this.format('text').save(path) }
  avro(path: string): Promise<void> { return this.format('avro').save(path) }
}
