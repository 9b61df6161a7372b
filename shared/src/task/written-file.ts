/** What a writer reports about one file it wrote. */
export interface WrittenFile {
  readonly path: string
  readonly size: number
  readonly numRows: number
  /** Per top-level column: min, max (internal values) and null count, where the format knows them. */
  readonly stats?: {
    readonly minValues: Record<string, unknown>
    readonly maxValues: Record<string, unknown>
    readonly nullCount: Record<string, number>
  }
}

/** A data file written into a folder, relative to that folder. */
export interface PlacedFile extends WrittenFile {
  readonly relativePath: string
  readonly partitionValues: Readonly<Record<string, string | null>>
  /**
   * When the file got its final name, ms since the epoch (what a file sink's
   * manifest lists): the writer reports it, so the coordinator never reads files
   * the executors wrote.
   */
  readonly modificationTime: number
}
