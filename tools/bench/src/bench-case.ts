/**
 * One benchmark case. `run` does the measured work once and says how many rows
 * it handled; the harness times it, repeats it and reports rows per second.
 * `setup` (untimed) runs once before the first `run`; a case that cannot run here
 * (a missing API or tool) throws {@link BenchSkipped} from `setup` or `run`.
 */
export interface BenchCase {
  /** Stable name, printed and used in `--json` output (`json-parse-loop`, `groupBy-count`, ...). */
  readonly name: string
  /** One line saying what is measured. */
  readonly description?: string
  setup?(context: BenchContext): Promise<void>
  run(context: BenchContext): Promise<BenchRunResult>
  teardown?(context: BenchContext): Promise<void>
}

/** What one run reports: the rows handled, plus any figures worth printing. */
export interface BenchRunResult {
  readonly rows: number
  readonly extra?: Readonly<Record<string, number | string>>
}

/** Shared input of the cases: the generated course data. */
export interface BenchContext {
  /** Folder of JSON Lines files of the course dataset. */
  readonly dataDir: string
  /** Their paths, sorted. */
  readonly files: readonly string[]
  /** Total lines in them. */
  readonly rows: number
}

/** Thrown by a case that cannot run in this environment; the harness prints the reason. */
export class BenchSkipped extends Error {}
