import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LongType, StringType, StructField, StructType } from '@sluice/shared'
import { deltaDataFileName, writeDataFiles } from './delta-data-files.js'

let dir: string
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'sluice-delta-names-')) })
afterEach(async () => { await rm(dir, { recursive: true, force: true }) })

const schema = StructType([StructField('id', LongType), StructField('p', StringType)])
const rows = [[1n, 'a'], [2n, 'b'], [3n, 'a'], [4n, 'a']]

describe('Delta data file names', () => {
  it('should be Spark\'s part-<n>-<jobId>-c000.snappy.parquet', () => {
    expect(deltaDataFileName(0, 'job-t3-a1')).toBe('part-00000-job-t3-a1-c000.snappy.parquet')
    expect(deltaDataFileName(12, 'u')).toBe('part-00012-u-c000.snappy.parquet')
  })

  it('should carry the task attempt\'s job id, part numbers from firstPart on, in partition folders', async () => {
    const adds = await writeDataFiles(dir, schema, [0, 1], ['p'], rows, 2, { jobId: '5f0e-t3-a1', firstPart: 4 })
    expect(adds.map((a) => a.path)).toEqual([
      'p=a/part-00004-5f0e-t3-a1-c000.snappy.parquet',
      'p=a/part-00005-5f0e-t3-a1-c000.snappy.parquet',
      'p=b/part-00006-5f0e-t3-a1-c000.snappy.parquet',
    ])
    expect((await readdir(join(dir, 'p=a'))).sort()).toEqual(['part-00004-5f0e-t3-a1-c000.snappy.parquet', 'part-00005-5f0e-t3-a1-c000.snappy.parquet'])
  })

  it('should name files by a random UUID without a job id (a write outside a task)', async () => {
    const adds = await writeDataFiles(dir, schema, [0, 1], [], rows, 0)
    expect(adds.map((a) => a.path)).toEqual([expect.stringMatching(/^part-00000-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-c000\.snappy\.parquet$/)])
  })
})
