import { mkdtempSync, readdirSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalCheckpointStore } from './local-checkpoint-store.js'
import { openStreamCheckpoint } from './stream-checkpoint.js'

const tempRoot = (): string => mkdtempSync(path.join(tmpdir(), 'sluice-open-'))

/** Every file under `root`, relative, sorted: to prove that a refused open wrote nothing. */
function snapshot(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).sort()
}

describe('openStreamCheckpoint', () => {
  it('should create metadata with a new query id on a fresh checkpoint and keep it on reopen', async () => {
    const root = tempRoot()
    const first = await openStreamCheckpoint(new LocalCheckpointStore(root), { newQueryId: () => '9538ada3-a233-4697-8b02-cc66250189a3' })
    expect(first).toMatchObject({ queryId: '9538ada3-a233-4697-8b02-cc66250189a3', created: true })
    expect(readFileSync(path.join(root, 'metadata'), 'utf8')).toBe('{"id":"9538ada3-a233-4697-8b02-cc66250189a3"}')
    const second = await openStreamCheckpoint(new LocalCheckpointStore(root), { newQueryId: () => 'other' })
    expect(second).toMatchObject({ queryId: '9538ada3-a233-4697-8b02-cc66250189a3', created: false })
  })

  it('should refuse offsets without metadata and write nothing', async () => {
    const root = tempRoot()
    mkdirSync(path.join(root, 'offsets'))
    writeFileSync(path.join(root, 'offsets', '0'), 'v1\n{"batchWatermarkMs":0,"batchTimestampMs":1,"conf":{}}\n0')
    const before = snapshot(root)
    await expect(openStreamCheckpoint(new LocalCheckpointStore(root))).rejects.toMatchObject({
      errorClass: 'CHECKPOINT_METADATA_MISSING',
      file: path.join(root, 'metadata'),
    })
    expect(snapshot(root)).toEqual(before)
  })

  it.each([
    ['a truncated offsets file', 'offsets/1', 'v1\n{"batchWatermarkMs":0,"batchTi', 'CHECKPOINT_CORRUPT'],
    ['an offsets file of version v2', 'offsets/1', 'v2\n{}\nsrc:0', 'CHECKPOINT_UNSUPPORTED_VERSION'],
    ['a gap in the offset log', 'offsets/3', 'v1\n\n3', 'CHECKPOINT_GAP'],
    ['a corrupt commit file', 'commits/0', 'v1\n{nope', 'CHECKPOINT_CORRUPT'],
  ])('should refuse %s naming the file and write nothing', async (_label, name, content, errorClass) => {
    const root = tempRoot()
    writeFileSync(path.join(root, 'metadata'), '{"id":"q"}')
    mkdirSync(path.join(root, 'offsets'))
    mkdirSync(path.join(root, 'commits'))
    writeFileSync(path.join(root, 'offsets', '0'), 'v1\n{"batchWatermarkMs":0,"batchTimestampMs":1,"conf":{}}\n0')
    writeFileSync(path.join(root, ...name.split('/')), content)
    const before = snapshot(root)
    const expectedFile = errorClass === 'CHECKPOINT_GAP' ? path.join(root, 'offsets', '1') : path.join(root, ...name.split('/'))
    await expect(openStreamCheckpoint(new LocalCheckpointStore(root))).rejects.toMatchObject({ errorClass, file: expectedFile })
    expect(snapshot(root)).toEqual(before)
  })

  it('should refuse a corrupt metadata file', async () => {
    const root = tempRoot()
    writeFileSync(path.join(root, 'metadata'), '{"id":')
    await expect(openStreamCheckpoint(new LocalCheckpointStore(root))).rejects.toMatchObject({ errorClass: 'CHECKPOINT_CORRUPT' })
  })
})
