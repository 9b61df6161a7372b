/**
 * Small named entries of a streaming checkpoint (`metadata`, `offsets/3`,
 * `commits/3`, `sources/0/12.compact`). Names use `/` as the separator and are
 * relative to the checkpoint root. A local-filesystem implementation keeps Spark's
 * on-disk layout; a cluster implementation keeps the same names as etcd keys.
 *
 * NOTE: `putIfAbsent` is the only way to create an entry and never overwrites one:
 * two writers racing for the same batch see exactly one `true`. This is what makes
 * a second query on the same checkpoint fail instead of corrupting it.
 */
export interface CheckpointStore {
  /** Human-readable location for messages, e.g. the folder path. */
  readonly location: string
  /** The entry's text, or null when it does not exist. */
  get(name: string): Promise<string | null>
  /** Creates the entry atomically with `content`; false (and nothing written) when it exists. */
  putIfAbsent(name: string, content: string): Promise<boolean>
  /** The entry names directly inside folder `prefix` (no `/` in the results), unsorted; [] when absent. Temp files are never listed. */
  list(prefix: string): Promise<string[]>
  /** When the entry was last written, ms since the epoch; null when it does not exist. Optional: a store without it never expires log files. */
  lastModifiedMs?(name: string): Promise<number | null>
  /** Removes the entry; no error when it does not exist. */
  delete(name: string): Promise<void>
  /** How the entry is named for users (a file path for a local store). */
  describe(name: string): string
}
