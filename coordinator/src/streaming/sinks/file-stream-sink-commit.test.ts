import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
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
})
