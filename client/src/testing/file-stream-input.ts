import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Anything `addData` can feed: a MemoryStream, a FileStreamInput, or your own. */
export interface StreamTestInput {
  addData(...rows: unknown[]): unknown
  /** How the input names itself in the `== Progress ==` listing. */
  toString(): string
}

/**
 * A folder a file stream source reads (Spark's `AddTextFileData`): every
 * `addData` call writes one new file, atomically (written aside, then renamed in),
 * so the source never sees half a file. Rows: objects become JSON lines, strings
 * are written as they are (one line each, for malformed input or text sources).
 *
 * @example
 * const input = new FileStreamInput(dir, 'json')
 * input.addData({ a: 1 }, '{"a": 2}')
 */
export class FileStreamInput implements StreamTestInput {
  #files = 0

  constructor(readonly directory: string, readonly extension = 'json') {
    mkdirSync(directory, { recursive: true })
  }

  /** Writes one file holding `rows`; returns its path. */
  addData(...rows: unknown[]): string {
    const name = `part-${String(this.#files++).padStart(5, '0')}.${this.extension}`
    const text = rows.map((row) => (typeof row === 'string' ? row : JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)))).join('\n') + '\n'
    const hidden = join(this.directory, `.${name}.tmp`)
    writeFileSync(hidden, text)
    const path = join(this.directory, name)
    renameSync(hidden, path)
    return path
  }

  /** The number of files written so far. */
  get fileCount(): number {
    return this.#files
  }

  toString(): string {
    return `FileStreamInput[${this.directory}]`
  }
}
