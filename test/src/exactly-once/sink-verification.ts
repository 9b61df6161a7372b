import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Sluice } from '@sluice/client'
import {
  COURSE_COLUMNS, multisetDifference, readCourseJsonReference, readFileSinkManifest, readParquetWithDuckDB, replayDeltaLog,
  type CourseReferenceRow,
} from '../support/index.js'

/** Differences found by each reader, keyed by reader name; all empty when the sink holds exactly the reference. */
export type SinkReport = Record<string, { missingCount: number; extraCount: number; missing: readonly string[]; extra: readonly string[] }>

/** `groupBy("gt","User").count()` computed in plain JS. */
export function countByLabelAndUser(rows: readonly CourseReferenceRow[]): Record<string, unknown>[] {
  const counts = new Map<string, { gt: string | null; User: string | null; count: bigint }>()
  for (const row of rows) {
    const key = JSON.stringify([row.gt, row.User])
    const entry = counts.get(key) ?? { gt: row.gt, User: row.User, count: 0n }
    entry.count++
    counts.set(key, entry)
  }
  return [...counts.values()]
}

/** The query id recorded in `<checkpoint>/metadata`. */
export async function checkpointQueryId(checkpointDir: string): Promise<string> {
  return (JSON.parse((await readFile(join(checkpointDir, 'metadata'), 'utf8')).split('\n')[0]!) as { id: string }).id
}

/**
 * Reads the sink back with Sluice's batch reader and with DuckDB (over the files the
 * sink's own log lists) and compares each, as a multiset, with the reference computed
 * from the input JSON files.
 */
export async function verifySink(spark: Sluice, sink: 'parquet' | 'delta' | 'aggregate', inputDir: string, outputDir: string): Promise<SinkReport> {
  const reference = await readCourseJsonReference(inputDir)
  const columns: readonly string[] = sink === 'aggregate' ? ['gt', 'User', 'count'] : COURSE_COLUMNS
  const expected: readonly object[] = sink === 'aggregate' ? countByLabelAndUser(reference.rows) : reference.rows
  const format = sink === 'parquet' ? 'parquet' : 'delta'
  const viaSluice = await spark.read.format(format).load(outputDir).collect()
  const files = sink === 'parquet' ? (await readFileSinkManifest(outputDir)).files : (await replayDeltaLog(outputDir)).liveFiles
  const viaDuckDB = await readParquetWithDuckDB(files)
  return {
    sluice: multisetDifference(expected, viaSluice, columns),
    duckdb: multisetDifference(expected, viaDuckDB, columns),
  }
}

/** The report a passing test expects: nothing missing, nothing extra, for both readers. */
export const EXACT_REPORT: SinkReport = {
  sluice: { missingCount: 0, extraCount: 0, missing: [], extra: [] },
  duckdb: { missingCount: 0, extraCount: 0, missing: [], extra: [] },
}
