/** What the SIGKILL child runs: JSON files of the course schema to one of three sinks. */
export interface ChildQueryConfig {
  /** parquet: file sink, append; delta: Delta sink, append; aggregate: `groupBy("gt","User").count()` complete to Delta. */
  readonly sink: 'parquet' | 'delta' | 'aggregate'
  readonly inputDir: string
  readonly outputDir: string
  readonly checkpointDir: string
  readonly maxFilesPerTrigger: number
}
