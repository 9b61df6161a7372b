/** The queries the exactly-once tests run. */
export type ExactlyOnceSinkKind = 'parquet' | 'delta' | 'aggregate' | 'dedupe' | 'window'

/** What the SIGKILL child runs: JSON files of the course schema to one of five sinks, embedded or on a cluster. */
export interface ChildQueryConfig {
  /**
   * parquet: file sink, append; delta: Delta sink, append; aggregate:
   * `groupBy("gt","User").count()` complete to Delta; dedupe:
   * `dropDuplicates(["Device","Index"])` append to a parquet file sink; window:
   * the course's event-time count per 1-second window and gt, complete to Delta.
   */
  readonly sink: ExactlyOnceSinkKind
  readonly inputDir: string
  readonly outputDir: string
  readonly checkpointDir: string
  readonly maxFilesPerTrigger: number
  /** A coordinator (`grpc://host:port`) to run the query on; embedded without. */
  readonly remote?: string
}
