import type { StructType } from '../types/data-type.js'

/** A Delta `add` action as it appears in `_delta_log/*.json` (PROTOCOL.md "Add File and Remove File"). */
export interface DeltaAddFile {
  /** Relative URI (percent-encoded) of the data file, from the table root. */
  readonly path: string
  readonly partitionValues: Readonly<Record<string, string | null>>
  readonly size: number
  readonly modificationTime: number
  readonly dataChange: boolean
  readonly stats?: string | null
  readonly tags?: Readonly<Record<string, string>> | null
  readonly deletionVector?: unknown
  readonly baseRowId?: number | null
  readonly defaultRowCommitVersion?: number | null
}

/**
 * What an executor needs to write a plan's data files (plain data: it crosses the task
 * boundary): the table path, the input and table schemas, each table column's source
 * column (-1: null), the partition columns and the file size limit.
 */
export interface DeltaFilesSpec {
  readonly tablePath: string
  readonly inputSchema: StructType
  readonly tableSchema: StructType
  readonly sources: readonly number[]
  readonly partitionBy: readonly string[]
  readonly maxRecordsPerFile: number
  readonly dataChange: boolean
  /**
   * `option("replaceWhere", predicate)` (over the table schema, evaluated in
   * `timeZone`): every row written must match it (else DELTA_REPLACE_WHERE_MISMATCH).
   */
  readonly replaceWhere?: { readonly predicate: string; readonly timeZone: string }
  /**
   * With `replaceWhere`: live files of the table this task rewrites, as Delta's delete
   * by predicate: a file holding a matching row is replaced by its other rows.
   */
  readonly rewrite?: readonly DeltaAddFile[]
}
