import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice, type DataFrame } from '@sluice/client'
import { ACTIVITY_SCHEMA_DDL, generateActivityFiles } from '@sluice/datagen'
import { readCourseJsonReference, type CourseJsonReference } from '../support/index.js'

/** Generated course data, its JSON.parse reference, and a session reading it. */
export interface CourseBatchFixture {
  readonly spark: Sluice
  readonly root: string
  readonly dataPath: string
  readonly reference: CourseJsonReference
  /** `spark.read.format('json').schema(<course schema>).load(dataPath)` */
  readonly activity: () => DataFrame
  readonly close: () => Promise<void>
}

/** Generates `files × rowsPerFile` course rows into a fresh temporary folder and opens a session on it. */
export async function openCourseBatchFixture(name: string, files = 4, rowsPerFile = 400, seed = 11): Promise<CourseBatchFixture> {
  const root = mkdtempSync(join(tmpdir(), `sluice-${name}-`))
  const dataPath = join(root, 'activity-json')
  await generateActivityFiles({ outDir: dataPath, files, rowsPerFile, seed })
  const reference = await readCourseJsonReference(dataPath)
  const spark = await Sluice.builder().appName(name).getOrCreate()
  return {
    spark, root, dataPath, reference,
    activity: () => spark.read.format('json').schema(ACTIVITY_SCHEMA_DDL).load(dataPath),
    close: async () => { await spark.stop(); rmSync(root, { recursive: true, force: true }) },
  }
}

/** Groups reference rows by a key function, in first-seen order. */
export function groupRows<T, K>(rows: readonly T[], key: (row: T) => K): Map<string, { key: K; rows: T[] }> {
  const groups = new Map<string, { key: K; rows: T[] }>()
  for (const row of rows) {
    const k = key(row)
    const text = JSON.stringify(k, (_name, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value))
    const group = groups.get(text) ?? { key: k, rows: [] }
    group.rows.push(row)
    groups.set(text, group)
  }
  return groups
}

/** Compares nullable strings as Spark's ascending order does, with the null placement given. */
export function compareNullable(a: string | null, b: string | null, nullsFirst: boolean): number {
  if (a === b) return 0
  if (a === null) return nullsFirst ? -1 : 1
  if (b === null) return nullsFirst ? 1 : -1
  return a < b ? -1 : 1
}
