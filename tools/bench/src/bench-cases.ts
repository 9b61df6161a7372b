import type { BenchCase } from './bench-case.js'
import { duckdbGroupByCountCase, jsonParseLoopCase } from './baseline-cases.js'
import { jsonReaderAllColumnsCase, jsonReaderGtOnlyCase } from './reader-cases.js'
import { sluiceFilterSelectCase, sluiceGroupByCountCase } from './sluice-cases.js'
import { streamingBenchCases } from './streaming-cases.js'
import { clusterBenchCases } from './cluster-cases.js'

/**
 * The cases `npm run bench` runs, in order. To add one, write a `BenchCase`
 * (see bench-case.ts) in its own file and list it here; cases of other modules
 * can also be listed in {@link EXTRA_CASE_MODULES}.
 */
export const BENCH_CASES: readonly BenchCase[] = [
  jsonParseLoopCase,
  jsonReaderGtOnlyCase,
  jsonReaderAllColumnsCase,
  sluiceGroupByCountCase,
  sluiceFilterSelectCase,
  duckdbGroupByCountCase,
  ...streamingBenchCases,
  ...clusterBenchCases,
]

/**
 * Modules (relative to this file) whose export named `exportName` is a list of
 * cases with `name`, optional `setup()` and `run(): Promise<{ rows }>` (they get
 * no context: they make their own input). Loaded when present.
 */
export const EXTRA_CASE_MODULES: readonly { readonly module: string; readonly exportName: string }[] = [
  { module: './cases/table-formats.js', exportName: 'tableFormatBenchCases' },
]

/** The ratios printed after the table: numerator case / denominator case. */
export const BENCH_RATIOS: readonly (readonly [string, string])[] = [
  ['groupBy-count', 'json-parse-loop'],
  ['filter-select', 'json-parse-loop'],
  ['groupBy-count', 'duckdb-groupBy-count'],
  ['json-reader-gt-only', 'json-parse-loop'],
  ['json-reader-all-columns', 'json-parse-loop'],
  ['streaming-groupBy-count', 'json-parse-loop'],
  ['streaming-json-to-parquet', 'json-parse-loop'],
  ['parquet-write', 'json-parse-loop'],
  ['parquet-read', 'json-parse-loop'],
  ['delta-append', 'json-parse-loop'],
  ['delta-read', 'json-parse-loop'],
  ['cluster-json-to-parquet-2x1', 'cluster-json-to-parquet-1x1'],
  ['cluster-groupBy-count', 'groupBy-count'],
]
