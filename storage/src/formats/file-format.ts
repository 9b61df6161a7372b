import type { Row, StructType, WrittenFile } from '@sluice/shared'

export type { WrittenFile } from '@sluice/shared'

/** Options of one read: lower-cased option keys, the schema rows must follow. */
export interface FileReadOptions {
  /** The full schema of the relation (user's or inferred); rows come out in this shape. */
  readonly schema: StructType
  /**
   * Indexes into `schema` of the columns the query reads. Others may be left `null`
   * in the rows (column pruning: the reader should not pay to decode them).
   * Absent means all columns.
   */
  readonly requiredColumns?: ReadonlySet<number>
  /** Data source options, keys lower-cased: `mode`, `columnnameofcorruptrecord`, `header`, ... */
  readonly options: Readonly<Record<string, string>>
  /** Comparisons a reader may use to skip data it can rule out by statistics (Parquet row groups); rows are still filtered above. */
  readonly rowGroupFilter?: readonly { readonly column: string; readonly op: '=' | '<' | '<=' | '>' | '>='; readonly value: unknown }[]
}

/** A new file being written batch by batch; it appears whole at `close` (Spark's OutputWriter). */
export interface FileWriter {
  write(rows: readonly Row[]): void | Promise<void>
  /** Rows written so far. */
  readonly numRows: number
  close(): Promise<WrittenFile>
}

/**
 * One file format (json, csv, text, parquet, avro). Readers stream batches of rows
 * of a few thousand; a malformed record follows the parse mode in `options.mode`
 * (PERMISSIVE, DROPMALFORMED, FAILFAST) and a FAILFAST error names the file and line.
 */
export interface FileFormat {
  readonly name: string
  /** The file extension writers use, with its dot: `.json`, `.snappy.parquet`. */
  readonly extension: string
  read(path: string, options: FileReadOptions): AsyncIterable<Row[]>
  /** Writes `rows` to `path` (a new file; the caller makes it visible atomically). */
  write(path: string, schema: StructType, rows: readonly Row[], options: Readonly<Record<string, string>>): Promise<WrittenFile>
  /** Opens `path` for rows batch by batch; formats without it are written whole at close. */
  openWriter?(path: string, schema: StructType, options: Readonly<Record<string, string>>): FileWriter
  /** Infers a schema from sample files, as `spark.read.json(path)` does; absent when the format cannot. */
  inferSchema?(paths: readonly string[], options: Readonly<Record<string, string>>): Promise<StructType>
}
