import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { Sluice } from '@sluice/client'
import { ACTIVITY_SCHEMA_DDL, generateActivityFiles } from '@sluice/datagen'
import { COURSE_COLUMNS, multisetDifference, readCourseJsonReference, type CourseJsonReference } from '../support/index.js'

// Malformed input (the generator's corruptRate) under each parse mode, against the
// lines JSON.parse rejects in the same files.

let spark: Sluice
let root: string
let dataPath: string
let reference: CourseJsonReference
const schemaWithCorrupt = `${ACTIVITY_SCHEMA_DDL}, _corrupt_record STRING`

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sluice-parse-modes-'))
  dataPath = join(root, 'input')
  await generateActivityFiles({ outDir: dataPath, files: 3, rowsPerFile: 400, seed: 5, corruptRate: 0.02 })
  reference = await readCourseJsonReference(dataPath)
  spark = await Sluice.builder().appName('batch-parse-modes').getOrCreate()
})
afterAll(async () => {
  await spark.stop()
  rmSync(root, { recursive: true, force: true })
})

describe('JSON parse modes on malformed course data', () => {
  it('should keep every line in PERMISSIVE mode, the malformed ones with their raw text in _corrupt_record', async () => {
    expect(reference.malformed.length).toBeGreaterThan(5)
    const rows = await spark.read.format('json').schema(schemaWithCorrupt).option('mode', 'PERMISSIVE').load(dataPath).collect()
    expect(rows).toHaveLength(1200)
    const corrupt = rows.filter((r) => r['_corrupt_record'] !== null)
    expect(multisetDifference(reference.malformed.map((m) => ({ text: m.text })), corrupt.map((r) => ({ text: r['_corrupt_record'] })), ['text']))
      .toMatchObject({ missingCount: 0, extraCount: 0 })
    const wellFormed = rows.filter((r) => r['_corrupt_record'] === null)
    expect(multisetDifference(reference.rows, wellFormed, COURSE_COLUMNS)).toMatchObject({ missingCount: 0, extraCount: 0 })
  })

  it('should give a row of nulls for a malformed line in PERMISSIVE mode without a corrupt-record column', async () => {
    const rows = await spark.read.format('json').schema(ACTIVITY_SCHEMA_DDL).load(dataPath).collect()
    expect(rows).toHaveLength(1200)
    expect(rows.filter((r) => r['Device'] === null)).toHaveLength(reference.malformed.length)
  })

  it('should drop exactly the malformed lines in DROPMALFORMED mode', async () => {
    const rows = await spark.read.format('json').schema(ACTIVITY_SCHEMA_DDL).option('mode', 'DROPMALFORMED').load(dataPath).collect()
    expect(rows).toHaveLength(1200 - reference.malformed.length)
    expect(multisetDifference(reference.rows, rows, COURSE_COLUMNS)).toMatchObject({ missingCount: 0, extraCount: 0 })
  })

  it('should fail in FAILFAST mode with MALFORMED_RECORD_IN_PARSING naming the file and line of a malformed record', async () => {
    const read = spark.read.format('json').schema(ACTIVITY_SCHEMA_DDL).option('mode', 'FAILFAST').load(dataPath).collect()
    const error = await read.then(() => null, (e: unknown) => e as Error & { errorClass?: string })
    expect(error).not.toBeNull()
    expect(error!.errorClass).toMatch(/^MALFORMED_RECORD_IN_PARSING/)
    // The files may be read in parallel, so any malformed line may be the one reported.
    const named = reference.malformed.filter((m) => error!.message.includes(basename(m.file)) && new RegExp(`line ${m.lineNumber}\\b`).test(error!.message))
    expect(named.length, error!.message).toBeGreaterThan(0)
  })

  it('should fail FAILFAST on a single file at its first malformed line', async () => {
    const first = reference.malformed.find((m) => m.file === reference.files[0])!
    const read = spark.read.format('json').schema(ACTIVITY_SCHEMA_DDL).option('mode', 'FAILFAST').load(reference.files[0]!).collect()
    const error = await read.then(() => null, (e: unknown) => e as Error)
    expect(error?.message).toContain(basename(first.file))
    expect(error?.message).toMatch(new RegExp(`line ${first.lineNumber}\\b`))
  })
})
