import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { deleteSupersededFiles } from './delete-superseded-files.js'

const roots: string[] = []
afterAll(() => { for (const root of roots) rmSync(root, { recursive: true, force: true }) })

function folderWith(names: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'sluice-superseded-'))
  roots.push(root)
  for (const name of names) {
    mkdirSync(dirname(join(root, name)), { recursive: true })
    writeFileSync(join(root, name), 'x')
  }
  return root
}

describe('deleteSupersededFiles', () => {
  // Batch job J: task 0 lost attempt 0 (accepted: attempt 1), task 1 lost attempt 0 and 1 (accepted: 2).
  const superseded = [
    // The file sink's names, a partition subfolder, a hidden temporary of a file half written.
    'part-00000-J-t0-a0.c000.parquet',
    'part-00000-J-t0-a0.c001.parquet',
    'p=1/part-00001-J-t0-a0.c000.parquet',
    'p=1/.part-00001-J-t0-a0.c001.parquet.0b1e7c1a-61c4-4b8e-9f3e-2a1d1c0e9f11.tmp',
    'part-00000-J-t1-a1.c000.json',
    // Delta's names.
    'part-00000-J-t1-a0-c000.snappy.parquet',
    'p=2/part-00003-J-t1-a0-c000.snappy.parquet',
  ]
  const kept = [
    // The accepted attempts.
    'part-00000-J-t0-a1.c000.parquet',
    'p=1/part-00001-J-t0-a1.c000.parquet',
    'part-00000-J-t1-a2-c000.snappy.parquet',
    // Other tasks whose ids start alike, attempts whose numbers start alike.
    'part-00000-J-t10-a0.c000.parquet',
    'part-00000-J-t0-a01.c000.parquet',
    // Another batch's job (or a crashed run's), and the sinks' logs.
    'part-00000-K-t0-a0.c000.parquet',
    'part-00000-K-t1-a0-c000.snappy.parquet',
    '_spark_metadata/0',
    '_delta_log/00000000000000000000.json',
    '_delta_log/part-00000-J-t0-a0.c000.parquet',
  ]
  const attempts = [
    { taskId: 0, attempt: 0, filesJobId: 'J-t0-a0' },
    { taskId: 1, attempt: 0, filesJobId: 'J-t1-a0' },
    { taskId: 1, attempt: 1, filesJobId: 'J-t1-a1' },
  ]

  it('should delete exactly the files of the superseded attempts, in partition folders and hidden temporaries too, and nothing else', async () => {
    const root = folderWith([...superseded, ...kept])
    const deleted = await deleteSupersededFiles(root, attempts)
    expect(deleted).toEqual(superseded.map((name) => join(root, name)).sort())
    for (const name of superseded) expect(existsSync(join(root, name)), name).toBe(false)
    for (const name of kept) expect(existsSync(join(root, name)), name).toBe(true)
  })

  it('should delete nothing without superseded attempts, or when they wrote no files (no sink write)', async () => {
    const root = folderWith([...superseded, ...kept])
    expect(await deleteSupersededFiles(root, undefined)).toEqual([])
    expect(await deleteSupersededFiles(root, [])).toEqual([])
    expect(await deleteSupersededFiles(root, [{ taskId: 0, attempt: 0 }])).toEqual([])
    for (const name of [...superseded, ...kept]) expect(existsSync(join(root, name)), name).toBe(true)
  })

  it('should take a missing folder as empty', async () => {
    expect(await deleteSupersededFiles(join(tmpdir(), 'sluice-no-such-folder-4f1c'), attempts)).toEqual([])
  })
})
