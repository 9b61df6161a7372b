import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { Sluice, type StreamingQuery } from '@sluice/client'
import { ACTIVITY_SCHEMA_DDL, generateActivityFiles } from '@sluice/datagen'
import { COURSE_COLUMNS, multisetDifference, readCourseJsonReference, type CourseJsonReference } from '../support/index.js'

// Malformed lines in a streaming JSON source under each parse mode (issue "Streaming" §3),
// against the lines JSON.parse rejects in the same files.

let spark: Sluice
let root: string
let inputDir: string
let reference: CourseJsonReference
const EQUAL = { missingCount: 0, extraCount: 0 }

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sluice-stream-modes-'))
  inputDir = join(root, 'input')
  // Two clean files first, then two with malformed lines (file order = arrival order).
  await generateActivityFiles({ outDir: inputDir, files: 2, rowsPerFile: 400, seed: 3, filePrefix: 'a-clean-' })
  await generateActivityFiles({ outDir: inputDir, files: 2, rowsPerFile: 400, seed: 4, corruptRate: 0.03, filePrefix: 'b-corrupt-' })
  reference = await readCourseJsonReference(inputDir)
  spark = await Sluice.builder().appName('stream-parse-modes').getOrCreate()
})
afterAll(async () => {
  for (const query of spark.streams.active) await query.stop()
  await spark.stop()
  rmSync(root, { recursive: true, force: true })
})

const stream = (mode: string, schema = ACTIVITY_SCHEMA_DDL) =>
  spark.readStream.format('json').schema(schema).option('mode', mode).option('maxFilesPerTrigger', 1).load(inputDir)

describe('streaming JSON source with malformed lines', () => {
  it('should keep every line in PERMISSIVE mode, the malformed ones with their raw text in _corrupt_record', async () => {
    expect(reference.malformed.length).toBeGreaterThan(5)
    const query = await stream('PERMISSIVE', `${ACTIVITY_SCHEMA_DDL}, _corrupt_record STRING`).writeStream.format('memory').queryName('permissive_rows').start()
    await query.processAllAvailable()
    await query.stop()
    const rows = await spark.sql('SELECT * FROM permissive_rows').collect()
    expect(rows).toHaveLength(1600)
    const corrupt = rows.filter((r) => r['_corrupt_record'] !== null).map((r) => ({ text: r['_corrupt_record'] }))
    expect(multisetDifference(reference.malformed.map((m) => ({ text: m.text })), corrupt, ['text'])).toMatchObject(EQUAL)
    expect(multisetDifference(reference.rows, rows.filter((r) => r['_corrupt_record'] === null), COURSE_COLUMNS)).toMatchObject(EQUAL)
  })

  it('should drop exactly the malformed lines in DROPMALFORMED mode', async () => {
    const query = await stream('DROPMALFORMED').writeStream.format('memory').queryName('dropmalformed_rows').start()
    await query.processAllAvailable()
    await query.stop()
    const rows = await spark.sql('SELECT * FROM dropmalformed_rows').collect()
    expect(rows).toHaveLength(1600 - reference.malformed.length)
    expect(multisetDifference(reference.rows, rows, COURSE_COLUMNS)).toMatchObject(EQUAL)
  })

  it('should fail in FAILFAST mode naming the file and line, commit nothing of that batch, and fail the same way on restart', async () => {
    const outputDir = join(root, 'failfast-out')
    const checkpointDir = join(root, 'failfast-checkpoint')
    const firstBad = reference.malformed[0]!
    expect(basename(firstBad.file)).toMatch(/^b-corrupt-00000/)
    const run = async (): Promise<{ query: StreamingQuery; error: Error & { errorClass?: string; message: string } }> => {
      const query = await stream('FAILFAST').writeStream.format('parquet').option('checkpointLocation', checkpointDir).trigger({ availableNow: true }).start(outputDir)
      const error = await query.awaitTermination().then(() => null, (e: unknown) => e as Error & { errorClass?: string })
      expect(error, 'the query should have failed').not.toBeNull()
      return { query, error: error! }
    }
    const first = await run()
    for (const text of [first.error.message, String(first.query.exception()?.message)]) {
      expect(text).toContain(basename(firstBad.file))
      expect(text).toMatch(new RegExp(`line ${firstBad.lineNumber}\\b`))
    }
    expect(`${first.error.errorClass} ${first.error.message}`).toMatch(/MALFORMED_RECORD_IN_PARSING/)
    const committed = async () => (await readdir(join(checkpointDir, 'commits'))).filter((n) => /^\d+$/.test(n)).map(Number).sort()
    expect(await committed()).toEqual([0, 1])
    const clean = reference.rows.slice(0, reference.rowsPerFile[0]! + reference.rowsPerFile[1]!)
    expect(multisetDifference(clean, await spark.read.parquet(outputDir).collect(), COURSE_COLUMNS)).toMatchObject(EQUAL)

    const second = await run()
    const withoutRunId = (text: string) => text.replace(/runId = [0-9a-f-]+/, 'runId = …')
    expect(withoutRunId(second.error.message)).toBe(withoutRunId(first.error.message))
    expect(await committed()).toEqual([0, 1])
    expect(multisetDifference(clean, await spark.read.parquet(outputDir).collect(), COURSE_COLUMNS)).toMatchObject(EQUAL)
  })
})
