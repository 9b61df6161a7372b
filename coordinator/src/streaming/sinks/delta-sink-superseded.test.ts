import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { LongType, StructField, StructType } from '@sluice/shared'
import { writeDeltaFiles } from '@sluice/storage'
import { DeltaStreamingSink } from './delta-sink.js'

const roots: string[] = []
afterAll(() => { for (const root of roots) rmSync(root, { recursive: true, force: true }) })

describe('DeltaStreamingSink phase two with a superseded attempt', () => {
  it('should commit the accepted attempt\'s files, then delete the files the superseded attempt left', async () => {
    const table = mkdtempSync(join(tmpdir(), 'sluice-delta-sink-superseded-'))
    roots.push(table)
    const schema = StructType([StructField('id', LongType)])
    const sink = new DeltaStreamingSink(table, [], {})
    const spec = await sink.executorWrite(0, { schema, outputMode: 'append', queryId: 'q' })
    // Task 0 (stamped `<jobId>-t0`): attempt 0 killed after writing its file, attempt 1 accepted.
    const job = `${spec!.jobId}-t0`
    const lostFiles = await writeDeltaFiles(spec!.delta!, [[1n], [2n]], { jobId: `${job}-a0` })
    const accepted = await writeDeltaFiles(spec!.delta!, [[1n], [2n]], { jobId: `${job}-a1` })
    await sink.commitFiles(0, { deltaFiles: accepted, numOutputRows: 2, supersededAttempts: [{ taskId: 0, attempt: 0, filesJobId: `${job}-a0` }] })
    const actions = readFileSync(join(table, '_delta_log', '00000000000000000000.json'), 'utf8').split('\n').filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { add?: { path: string } })
    const added = actions.flatMap((a) => (a.add ? [a.add.path] : []))
    expect(added).toEqual([`part-00000-${job}-a1-c000.snappy.parquet`])
    expect(readdirSync(table).filter((n) => n.endsWith('.parquet'))).toEqual(added)
    for (const add of lostFiles) expect(existsSync(join(table, add.path))).toBe(false)
  })
})
