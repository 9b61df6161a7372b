import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** One course record as the reference computes it: longs as bigint, doubles as numbers. */
export interface CourseReferenceRow {
  readonly Arrival_Time: bigint | null
  readonly Creation_Time: bigint | null
  readonly Device: string | null
  readonly Index: bigint | null
  readonly Model: string | null
  readonly User: string | null
  readonly geolocation: { readonly city: string | null; readonly country: string | null } | null
  readonly gt: string | null
  readonly id: bigint | null
  readonly x: number | null
  readonly y: number | null
  readonly z: number | null
}

/** A line the reference could not parse as a course record. */
export interface MalformedReferenceLine {
  readonly file: string
  /** 1-based line number in the file. */
  readonly lineNumber: number
  readonly text: string
}

/** What {@link readCourseJsonReference} found in a folder of JSON Lines files. */
export interface CourseJsonReference {
  /** Well-formed records, in file-name order then line order. */
  readonly rows: readonly CourseReferenceRow[]
  readonly malformed: readonly MalformedReferenceLine[]
  /** The files read, sorted by name. */
  readonly files: readonly string[]
  /** Records per file, in `files` order. */
  readonly rowsPerFile: readonly number[]
}

const LONG_FIELDS = ['Arrival_Time', 'Creation_Time', 'Index', 'id'] as const
const DOUBLE_FIELDS = ['x', 'y', 'z'] as const
const STRING_FIELDS = ['Device', 'Model', 'User', 'gt'] as const

/**
 * Reads the course JSON Lines files of a folder with plain `JSON.parse`,
 * independently of Sluice: integers of 16 digits or more are quoted before parsing
 * so that `Creation_Time` (nanoseconds, beyond 2^53) stays exact as a bigint.
 * A line that is not a JSON object, or whose typed fields have the wrong JSON type,
 * is reported as malformed (what Spark's PERMISSIVE mode would flag).
 */
export async function readCourseJsonReference(folder: string): Promise<CourseJsonReference> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort()
  const rows: CourseReferenceRow[] = []
  const malformed: MalformedReferenceLine[] = []
  const rowsPerFile: number[] = []
  const files = names.map((name) => join(folder, name))
  for (const file of files) {
    const lines = (await readFile(file, 'utf8')).split('\n')
    let count = 0
    lines.forEach((text, index) => {
      if (text.trim() === '') return
      const row = parseCourseLine(text)
      if (row === null) malformed.push({ file, lineNumber: index + 1, text })
      else { rows.push(row); count++ }
    })
    rowsPerFile.push(count)
  }
  return { rows, malformed, files, rowsPerFile }
}

/** Parses one JSON line into a record, or null when it is malformed. */
export function parseCourseLine(text: string): CourseReferenceRow | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(text.replace(/([:,[]\s*)(-?\d{16,})(?=\s*[,}\]])/g, '$1"$2"'))
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null
  const record = parsed as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const field of LONG_FIELDS) {
    const value = record[field]
    if (value === undefined || value === null) out[field] = null
    else if (typeof value === 'number' && Number.isInteger(value)) out[field] = BigInt(value)
    else if (typeof value === 'string' && /^-?\d+$/.test(value)) out[field] = BigInt(value)
    else return null
  }
  for (const field of DOUBLE_FIELDS) {
    const value = record[field]
    if (value === undefined || value === null) out[field] = null
    else if (typeof value === 'number') out[field] = value
    else return null
  }
  for (const field of STRING_FIELDS) {
    const value = record[field]
    if (value === undefined || value === null) out[field] = null
    else if (typeof value === 'string') out[field] = value
    else return null
  }
  const geo = record['geolocation']
  if (geo === undefined || geo === null) out['geolocation'] = null
  else if (typeof geo === 'object' && !Array.isArray(geo)) {
    const g = geo as Record<string, unknown>
    out['geolocation'] = { city: (g['city'] as string | undefined) ?? null, country: (g['country'] as string | undefined) ?? null }
  } else return null
  return out as unknown as CourseReferenceRow
}

/** The column order of the course schema. */
export const COURSE_COLUMNS = ['Arrival_Time', 'Creation_Time', 'Device', 'Index', 'Model', 'User', 'geolocation', 'gt', 'id', 'x', 'y', 'z'] as const
