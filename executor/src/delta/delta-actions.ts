/** Delta Lake log actions as they appear in `_delta_log/*.json` (PROTOCOL.md "Actions"). */

export interface DeltaProtocol {
  readonly minReaderVersion: number
  readonly minWriterVersion: number
  readonly readerFeatures?: readonly string[]
  readonly writerFeatures?: readonly string[]
}

export interface DeltaMetadata {
  readonly id: string
  readonly name?: string | null
  readonly description?: string | null
  readonly format: { readonly provider: string; readonly options: Readonly<Record<string, string>> }
  readonly schemaString: string
  readonly partitionColumns: readonly string[]
  readonly configuration: Readonly<Record<string, string>>
  readonly createdTime?: number | null
}

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

export interface DeltaRemoveFile {
  readonly path: string
  readonly deletionTimestamp?: number | null
  readonly dataChange: boolean
  readonly extendedFileMetadata?: boolean
  readonly partitionValues?: Readonly<Record<string, string | null>>
  readonly size?: number
}

export interface DeltaSetTransaction {
  readonly appId: string
  readonly version: number
  readonly lastUpdated?: number | null
}

export type DeltaCommitInfo = Readonly<Record<string, unknown>> & { readonly timestamp?: number }

/** One line of a commit file: exactly one of these keys. */
export interface DeltaAction {
  readonly protocol?: DeltaProtocol
  readonly metaData?: DeltaMetadata
  readonly add?: DeltaAddFile
  readonly remove?: DeltaRemoveFile
  readonly txn?: DeltaSetTransaction
  readonly commitInfo?: DeltaCommitInfo
  readonly cdc?: unknown
  readonly domainMetadata?: unknown
  readonly checkpointMetadata?: unknown
  readonly sidecar?: unknown
}

/** The file-system path (relative to the table root) of an add/remove `path` URI. */
export function decodeDeltaPath(uri: string): string {
  return decodeURIComponent(uri)
}

/** The URI form of a relative file path, as Spark's `Path.toUri` writes it (space → %20, % → %25). */
export function encodeDeltaPath(relative: string): string {
  return encodeURI(relative)
}
