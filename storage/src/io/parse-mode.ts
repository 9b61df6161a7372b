import { ExecutionError } from '@sluice/shared'

/** Spark's parse modes for malformed records (option `mode`, case-insensitive). */
export type ParseMode = 'PERMISSIVE' | 'DROPMALFORMED' | 'FAILFAST'

/** Spark's default name of the column that receives the raw text of a malformed record. */
export const DEFAULT_CORRUPT_RECORD_COLUMN = '_corrupt_record'

/**
 * The parse mode named by `options.mode`; like Spark, an unknown name falls back
 * to PERMISSIVE.
 */
export function parseModeOf(options: Readonly<Record<string, string>>): ParseMode {
  const mode = (options['mode'] ?? '').toUpperCase()
  return mode === 'DROPMALFORMED' || mode === 'FAILFAST' ? mode : 'PERMISSIVE'
}

/** The corrupt-record column name from `options.columnnameofcorruptrecord`, or Spark's default. */
export function corruptRecordColumnOf(options: Readonly<Record<string, string>>): string {
  return options['columnnameofcorruptrecord'] ?? DEFAULT_CORRUPT_RECORD_COLUMN
}

/** Where and why one record was malformed. */
export interface MalformedRecordDetails {
  readonly path: string
  /** 1-based line number in the file. */
  readonly lineNumber: number
  /** 1-based column in the line where the problem was found, when known. */
  readonly column?: number
  /** The field being read, when known. */
  readonly field?: string
  /** The raw text of the record. */
  readonly record: string
  readonly reason: string
}

const MAX_RECORD_CHARS = 200

/**
 * The FAILFAST error for a malformed record, with Spark's error class and message,
 * followed by the file, line, column, field and the offending text.
 */
export function malformedRecordError(details: MalformedRecordDetails): ExecutionError {
  const record = details.record.length > MAX_RECORD_CHARS ? `${details.record.slice(0, MAX_RECORD_CHARS)}...` : details.record
  const where = [`file ${details.path}`, `line ${details.lineNumber}`]
  if (details.column !== undefined) where.push(`column ${details.column}`)
  if (details.field !== undefined) where.push(`field '${details.field}'`)
  return new ExecutionError(
    'MALFORMED_RECORD_IN_PARSING',
    `Malformed records are detected in record parsing: ${record}. Parse Mode: FAILFAST. ` +
      `To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. ` +
      `At ${where.join(', ')}: ${details.reason}.`,
    {
      badRecord: record,
      failFastMode: 'FAILFAST',
      path: details.path,
      lineNumber: String(details.lineNumber),
      ...(details.column === undefined ? {} : { column: String(details.column) }),
      ...(details.field === undefined ? {} : { field: details.field }),
    },
  )
}
