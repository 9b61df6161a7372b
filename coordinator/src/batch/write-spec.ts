/** What `df.write....save(path)` asks for. */
export interface WriteSpec {
  readonly format: string
  readonly mode: 'append' | 'overwrite' | 'error' | 'errorifexists' | 'ignore'
  readonly path: string
  readonly partitionBy: readonly string[]
  /** Lower-cased keys. */
  readonly options: Readonly<Record<string, string>>
}
