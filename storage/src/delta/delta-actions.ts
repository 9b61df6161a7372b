/** Delta Lake log actions as they appear in `_delta_log/*.json` (PROTOCOL.md "Actions"). */

import type { DeltaAddFile } from '@sluice/shared'

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

export type { DeltaAddFile } from '@sluice/shared'

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
