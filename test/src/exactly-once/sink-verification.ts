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
  const asRead = (rows: readonly Record<string, unknown>[]) => (sink === 'window' ? rows.map(windowStartRow) : rows)
  const report: SinkReport = {
    sluice: multisetDifference(expected, asRead(viaSluice), columns),
    duckdb: multisetDifference(expected, asRead(viaDuckDB), columns),
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
    case 'window': return { columns: ['windowStartMs', 'windowEndMs', 'gt', 'count'], expected: countByWindowAndLabel(rows) }
    case 'parquet':
    case 'delta': return { columns: COURSE_COLUMNS, expected: rows }
  }
}

/**
 * `groupBy(window(cast(cast(Creation_Time as double)/1e9 as timestamp), '1 second'), 'gt').count()`
 * in plain JS: the same double division, Spark's truncating cast to microseconds, and
 * tumbling windows aligned to the epoch.
 */
export function countByWindowAndLabel(rows: readonly CourseReferenceRow[]): Record<string, unknown>[] {
  const counts = new Map<string, { windowStartMs: number; windowEndMs: number; gt: string | null; count: bigint }>()
  for (const row of rows) {
    const micros = Math.trunc((Number(row.Creation_Time) / 1_000_000_000) * 1_000_000)
    const windowStartMs = Math.floor(micros / 1_000_000) * 1_000
    const key = `${windowStartMs}/${row.gt}`
    const entry = counts.get(key) ?? { windowStartMs, windowEndMs: windowStartMs + 1_000, gt: row.gt, count: 0n }
    entry.count++
    counts.set(key, entry)
  }
  return [...counts.values()]
}

/** A sink row of the window query with its window as epoch milliseconds (Sluice and DuckDB both give Dates). */
function windowStartRow(row: Record<string, unknown>): Record<string, unknown> {
  const window = row['window'] as { start: Date; end: Date }
  return { windowStartMs: new Date(window.start).getTime(), windowEndMs: new Date(window.end).getTime(), gt: row['gt'], count: row['count'] }
}

/** The report a passing test expects: nothing missing, nothing extra, for every reader. */
export function exactReport(sink: ExactlyOnceSinkKind): SinkReport {
  const none = { missingCount: 0, extraCount: 0, missing: [], extra: [] }
  return sink === 'dedupe' ? { sluice: none, duckdb: none, 'sluice rows from input': none } : { sluice: none, duckdb: none }
}
