import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { PlacedFile } from '@sluice/shared'
import { FileStreamSink } from './file-stream-sink.js'

const roots: string[] = []
afterAll(() => { for (const root of roots) rmSync(root, { recursive: true, force: true }) })

describe('FileStreamSink phase two', () => {
  it('should list the files the tasks wrote with the sizes and times of their commit messages, never reading the files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sluice-sink-commit-'))
    roots.push(out)
    const sink = new FileStreamSink(out, 'json', [], {}, 'UTC')
    expect(await sink.executorWrite(0)).toMatchObject({ format: 'json', path: out })
    // Files on another node's disk as far as this process knows: they do not exist here.
    const written: PlacedFile[] = [
      { path: join(out, 'part-00000-a.c000.json'), relativePath: 'part-00000-a.c000.json', size: 123, numRows: 4, partitionValues: {}, modificationTime: 1_765_000_000_001 },
      { path: join(out, 'part-00000-b.c000.json'), relativePath: 'part-00000-b.c000.json', size: 45, numRows: 1, partitionValues: {}, modificationTime: 1_765_000_000_002 },
    ]
    await sink.commitFiles(0, { files: written })
    const lines = readFileSync(join(out, '_spark_metadata', '0'), 'utf8').split('\n')
    expect(lines[0]).toBe('v1')
    // Spark's SinkFileStatus, one JSON line per file.
    expect(lines.slice(1).map((line) => JSON.parse(line) as unknown)).toEqual(written.map((file) => ({
      path: pathToFileURL(file.path).href, size: file.size, isDir: false, modificationTime: file.modificationTime, blockReplication: 1, blockSize: 33554432, action: 'add',
    })))
    // The batch is committed: a replay asks the tasks for nothing.
    expect(await sink.executorWrite(0)).toBeUndefined()
  })

  it('should delete the files of the batch\'s superseded attempts after listing the accepted ones', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sluice-sink-superseded-'))
    roots.push(out)
    const sink = new FileStreamSink(out, 'json', ['p'], {}, 'UTC')
    const spec = await sink.executorWrite(0)
    // As the scheduler stamps it: task 0 of this batch's job, attempt 0 lost with its executor, attempt 1 accepted.
    const job = `${spec!.jobId}-t0`
    mkdirSync(join(out, 'p=1'))
    const accepted = join(out, 'p=1', `part-00000-${job}-a1.c000.json`)
    const lost = [join(out, 'p=1', `part-00000-${job}-a0.c000.json`), join(out, 'p=1', `.part-00000-${job}-a0.c001.json.3f9a.tmp`)]
    const otherJob = join(out, 'p=1', 'part-00000-other-t0-a0.c000.json')
    for (const path of [accepted, ...lost, otherJob]) writeFileSync(path, '{}\n')
    await sink.commitFiles(0, {
      files: [{ path: accepted, relativePath: `p=1/part-00000-${job}-a1.c000.json`, size: 3, numRows: 1, partitionValues: { p: '1' }, modificationTime: 1_765_000_000_003 }],
      supersededAttempts: [{ taskId: 0, attempt: 0, filesJobId: `${job}-a0` }],
    })
    const listed = readFileSync(join(out, '_spark_metadata', '0'), 'utf8').split('\n').slice(1).map((line) => (JSON.parse(line) as { path: string }).path)
    expect(listed).toEqual([pathToFileURL(accepted).href])
    expect(readdirSync(join(out, 'p=1')).sort()).toEqual([`part-00000-${job}-a1.c000.json`, 'part-00000-other-t0-a0.c000.json'])
    for (const path of lost) expect(existsSync(path)).toBe(false)
  })
})
