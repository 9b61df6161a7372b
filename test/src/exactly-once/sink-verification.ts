import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Sluice } from '@sluice/client'
import type { ExactlyOnceSinkKind } from './child-query-config.js'
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
export async function verifySink(spark: Sluice, sink: ExactlyOnceSinkKind, inputDir: string, outputDir: string): Promise<SinkReport> {
  const reference = await readCourseJsonReference(inputDir)
  const { columns, expected } = expectedContent(sink, reference.rows)
  const fileSink = sink === 'parquet' || sink === 'dedupe'
  const viaSluice = await spark.read.format(fileSink ? 'parquet' : 'delta').load(outputDir).collect()
  const files = fileSink ? (await readFileSinkManifest(outputDir)).files : (await replayDeltaLog(outputDir)).liveFiles
  const viaDuckDB = await readParquetWithDuckDB(files)
  const report: SinkReport = {
    sluice: multisetDifference(expected, viaSluice, columns),
    duckdb: multisetDifference(expected, viaDuckDB, columns),
  }
  // dropDuplicates keeps one input row per key, whichever came first: each kept row must be an input row.
  if (sink === 'dedupe') report['sluice rows from input'] = { ...multisetDifference(reference.rows, viaSluice, COURSE_COLUMNS), missingCount: 0, missing: [] }
  return report
}

/** What the sink must hold, over which columns, computed from the input rows alone. */
function expectedContent(sink: ExactlyOnceSinkKind, rows: readonly CourseReferenceRow[]): { columns: readonly string[]; expected: readonly object[] } {
  switch (sink) {
    case 'aggregate': return { columns: ['gt', 'User', 'count'], expected: countByLabelAndUser(rows) }
    case 'dedupe': {
      const keys = new Map<string, { Device: string | null; Index: bigint | null }>()
      for (const row of rows) keys.set(`${row.Device}/${row.Index}`, { Device: row.Device, Index: row.Index })
      return { columns: ['Device', 'Index'], expected: [...keys.values()] }
    }
    case 'parquet':
    case 'delta': return { columns: COURSE_COLUMNS, expected: rows }
  }
}

/** The report a passing test expects: nothing missing, nothing extra, for every reader. */
export function exactReport(sink: ExactlyOnceSinkKind): SinkReport {
  const none = { missingCount: 0, extraCount: 0, missing: [], extra: [] }
  return sink === 'dedupe' ? { sluice: none, duckdb: none, 'sluice rows from input': none } : { sluice: none, duckdb: none }
}
