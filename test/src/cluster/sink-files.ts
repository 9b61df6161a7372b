import { readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import {
  COURSE_COLUMNS, multisetDifference, readCourseJsonReference, readFileSinkManifest, readParquetWithDuckDB, replayDeltaLog,
  type MultisetDifference,
} from '../support/index.js'

/** The course's JSON schema, as the notebook declares it. */
export const COURSE_SCHEMA =
  'Arrival_Time BIGINT, Creation_Time BIGINT, Device STRING, Index BIGINT, Model STRING, ' +
  'User STRING, geolocation STRUCT<city: STRING, country: STRING>, gt STRING, id BIGINT, ' +
  'x DOUBLE, y DOUBLE, z DOUBLE'

/** The file-sink streaming formats the fault tests write. */
export type FaultSinkFormat = 'parquet' | 'delta'

/**
 * Who wrote a sink data file, from its name: the file sink's
 * `part-<n>-<jobId>-t<task>-a<attempt>.c<k>.parquet` or Delta's
 * `part-<n>-<jobId>-t<task>-a<attempt>-c000.snappy.parquet` (the batch's job id, the
 * task index and attempt the scheduler stamps), or the file sink's hidden temporary
 * `.<name>.<uuid>.tmp` while it was being written.
 */
export interface AttemptFileName {
  readonly jobId: string
  readonly taskId: number
  readonly attempt: number
  readonly temporary: boolean
}

const ATTEMPT_FILE = /^(\.)?part-\d{5}-(.+)-t(\d+)-a(\d+)(?:\.c\d{3}\.[^/]*?parquet|-c\d{3}\.snappy\.parquet)(\.[0-9a-f-]+\.tmp)?$/

/** Parses a sink data file's name; undefined for a name that does not follow the pattern. */
export function parseAttemptFileName(path: string): AttemptFileName | undefined {
  const m = ATTEMPT_FILE.exec(basename(path))
  return m ? { jobId: m[2]!, taskId: Number(m[3]), attempt: Number(m[4]), temporary: m[1] !== undefined || m[5] !== undefined } : undefined
}

/** Every Parquet data file under `folder` (hidden temporaries included), skipping the sink's logs; absolute paths, sorted. */
export async function parquetFilesUnder(folder: string): Promise<string[]> {
  const found: string[] = []
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== '_spark_metadata' && entry.name !== '_delta_log') await walk(path)
      } else if (/\.parquet(\.[0-9a-f-]+\.tmp)?$/.test(entry.name)) {
        found.push(path)
      }
    }
  }
  await walk(folder)
  return found.sort()
}

/** What a sink holds, read independently of Sluice, against the input JSON. */
export interface SinkCheck {
  /** The data files the sink's log lists (the `_spark_metadata` manifest or the replayed Delta log). */
  readonly listed: readonly string[]
  /** Data files in the folder that the log does not list. */
  readonly unlisted: readonly string[]
  /** The rows of the listed files (read by DuckDB) against `JSON.parse` of every input line. */
  readonly difference: MultisetDifference & { readonly missingCount: number; readonly extraCount: number }
  readonly referenceRows: number
  readonly sinkRows: number
}

/** Reads the sink at `output` (its log, then its files with DuckDB) and compares it, row for row, with the input JSON at `input`. */
export async function checkSink(format: FaultSinkFormat, input: string, output: string): Promise<SinkCheck> {
  const reference = await readCourseJsonReference(input)
  if (reference.malformed.length > 0) throw new Error(`the reference found malformed lines in ${input}`)
  const listed = format === 'parquet' ? (await readFileSinkManifest(output)).files : [...(await replayDeltaLog(output)).liveFiles]
  const rows = await readParquetWithDuckDB(listed)
  const listedSet = new Set(listed)
  const unlisted = (await parquetFilesUnder(output)).filter((file) => !listedSet.has(file))
  return {
    listed, unlisted,
    difference: multisetDifference(reference.rows, rows, COURSE_COLUMNS),
    referenceRows: reference.rows.length, sinkRows: rows.length,
  }
}

/** The report of a sink holding every input row exactly once. */
export const EXACTLY_ONCE = { missingCount: 0, extraCount: 0, missing: [], extra: [] } as const
