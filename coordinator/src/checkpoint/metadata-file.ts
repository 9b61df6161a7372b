import { CheckpointError, CheckpointErrorClass } from './checkpoint-error.js'
import type { CheckpointStore } from './checkpoint-store.js'
import { parseCheckpointJson } from './log-version.js'

/** Spark's StreamMetadata: the query id, stable across restarts. */
export interface StreamMetadata {
  readonly id: string
}

export const METADATA_ENTRY = 'metadata'

/** The checkpoint's `metadata` file: one JSON object `{"id":"<uuid>"}`, as Spark writes it. */
export class MetadataFile {
  constructor(private readonly store: CheckpointStore) {}

  /** The stored metadata, or null when the file does not exist. Throws CHECKPOINT_CORRUPT when unreadable. */
  async read(): Promise<StreamMetadata | null> {
    const text = await this.store.get(METADATA_ENTRY)
    if (text === null) return null
    const file = this.store.describe(METADATA_ENTRY)
    const value = parseCheckpointJson(text.trim(), file, 'query metadata')
    const id = (value as { id?: unknown } | null)?.id
    if (typeof id !== 'string' || id.length === 0) {
      throw new CheckpointError(CheckpointErrorClass.CORRUPT, file, `The metadata file ${file} has no query "id".`)
    }
    return { id }
  }

  /** Writes the file unless it exists; returns the metadata now on disk (a concurrent writer's if it won). */
  async writeIfAbsent(metadata: StreamMetadata): Promise<StreamMetadata> {
    const written = await this.store.putIfAbsent(METADATA_ENTRY, JSON.stringify({ id: metadata.id }))
    if (written) return metadata
    return (await this.read())!
  }
}
