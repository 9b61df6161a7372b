import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalCheckpointStore } from '../../checkpoint/local-checkpoint-store.js'
import { FileStreamSourceState, parseFileSourceOffset, type FileListingEntry } from './file-stream-source-state.js'

const tempRoot = (): string => mkdtempSync(path.join(tmpdir(), 'sluice-filesrc-'))
const entry = (name: string, modificationTime: number, size = 100): FileListingEntry => ({ path: `/in/${name}`, size, modificationTime })
const paths = (entries: ReadonlyArray<{ path: string }>) => entries.map((e) => e.path)

describe('FileStreamSourceState', () => {
  it('should take files oldest first, maxFilesPerTrigger at a time, logging {"logOffset":N}', async () => {
    const store = new LocalCheckpointStore(tempRoot())
    const state = await FileStreamSourceState.open(store, 0, { maxFilesPerTrigger: 2 })
    const listing = [entry('c', 3000), entry('a', 1000), entry('e', 5000), entry('b', 2000), entry('d', 4000)]
    expect(state.currentOffset).toBeNull()
    expect(await state.latestOffset(listing)).toBe('{"logOffset":0}')
    expect(await state.latestOffset(listing)).toBe('{"logOffset":1}')
    expect(await state.latestOffset(listing)).toBe('{"logOffset":2}')
    expect(await state.latestOffset(listing)).toBe('{"logOffset":2}')
    expect(paths(await state.filesBetween(null, '{"logOffset":0}'))).toEqual(['/in/a', '/in/b'])
    expect(paths(await state.filesBetween('{"logOffset":0}', '{"logOffset":2}'))).toEqual(['/in/c', '/in/d', '/in/e'])
    expect(await state.filesBetween('{"logOffset":2}', '{"logOffset":2}')).toEqual([])
  })

  it('should take newest first with latestFirst, and ignore maxFileAge then', async () => {
    const state = await FileStreamSourceState.open(new LocalCheckpointStore(tempRoot()), 0, { maxFilesPerTrigger: 1, latestFirst: true, maxFileAgeMs: 10 })
    const listing = [entry('old', 1000), entry('new', 9000), entry('mid', 5000)]
    await state.latestOffset(listing)
    await state.latestOffset(listing)
    await state.latestOffset(listing)
    expect(paths(await state.filesBetween(null, '{"logOffset":2}'))).toEqual(['/in/new', '/in/mid', '/in/old'])
  })

  it('should cut by maxBytesPerTrigger, always taking at least one file', async () => {
    const state = await FileStreamSourceState.open(new LocalCheckpointStore(tempRoot()), 0, { maxBytesPerTrigger: 250 })
    const listing = [entry('a', 1, 100), entry('b', 2, 100), entry('c', 3, 100), entry('huge', 4, 1000), entry('z', 5, 10)]
    await state.latestOffset(listing)
    expect(paths(await state.filesBetween(null, '{"logOffset":0}'))).toEqual(['/in/a', '/in/b'])
    await state.latestOffset(listing)
    expect(paths(await state.filesBetween('{"logOffset":0}', '{"logOffset":1}'))).toEqual(['/in/c'])
    await state.latestOffset(listing)
    expect(paths(await state.filesBetween('{"logOffset":1}', '{"logOffset":2}'))).toEqual(['/in/huge'])
  })

  it('should ignore files older than maxFileAge before the newest file seen', async () => {
    const state = await FileStreamSourceState.open(new LocalCheckpointStore(tempRoot()), 0, { maxFileAgeMs: 1000 })
    await state.latestOffset([entry('x', 10_000)])
    // Purge threshold is now 9000: a file from 8500 is too old, one from 9500 is new.
    await state.latestOffset([entry('x', 10_000), entry('late-old', 8_500), entry('late-ok', 9_500)])
    expect(paths(await state.filesBetween('{"logOffset":0}', '{"logOffset":1}'))).toEqual(['/in/late-ok'])
  })

  it('should treat the same file name in another folder as seen with fileNameOnly', async () => {
    const state = await FileStreamSourceState.open(new LocalCheckpointStore(tempRoot()), 0, { fileNameOnly: true })
    await state.latestOffset([{ path: 'file:///a/x.json', size: 1, modificationTime: 1 }])
    expect(await state.latestOffset([{ path: 'file:///b/x.json', size: 1, modificationTime: 2 }])).toBe('{"logOffset":0}')
  })

  it('should rebuild the seen files from the log on restart and never take a file twice', async () => {
    const root = tempRoot()
    const listing = [entry('a', 1), entry('b', 2), entry('c', 3)]
    const first = await FileStreamSourceState.open(new LocalCheckpointStore(root), 0, { maxFilesPerTrigger: 2 })
    await first.latestOffset(listing)
    const restarted = await FileStreamSourceState.open(new LocalCheckpointStore(root), 0, { maxFilesPerTrigger: 2 })
    expect(restarted.currentOffset).toBe('{"logOffset":0}')
    expect(await restarted.latestOffset([...listing, entry('d', 4)])).toBe('{"logOffset":1}')
    expect(paths(await restarted.filesBetween('{"logOffset":0}', '{"logOffset":1}'))).toEqual(['/in/c', '/in/d'])
  })

  it('should archive committed files under sourceArchiveDir keeping their full path, or delete them', async () => {
    const root = tempRoot()
    const input = path.join(root, 'in')
    const archive = path.join(root, 'archive')
    mkdirSync(input)
    for (const name of ['1.json', '2.json', '3.json']) writeFileSync(path.join(input, name), name)
    const listing = ['1.json', '2.json', '3.json'].map((name, i) => ({ path: path.join(input, name), size: 5, modificationTime: i }))
    const state = await FileStreamSourceState.open(new LocalCheckpointStore(path.join(root, 'ckpt')), 0, {
      maxFilesPerTrigger: 2,
      cleanSource: 'archive',
      sourceArchiveDir: archive,
      sourcePath: input,
    })
    const end = (await state.latestOffset(listing))!
    await state.commit(end)
    expect(existsSync(path.join(input, '1.json'))).toBe(false)
    expect(readFileSync(path.join(archive, input, '1.json'), 'utf8')).toBe('1.json')
    expect(readFileSync(path.join(archive, input, '2.json'), 'utf8')).toBe('2.json')
    expect(existsSync(path.join(input, '3.json'))).toBe(true)

    const deleting = await FileStreamSourceState.open(new LocalCheckpointStore(path.join(root, 'ckpt2')), 0, { cleanSource: 'delete' })
    await deleting.commit((await deleting.latestOffset([listing[2]!]))!)
    expect(existsSync(path.join(input, '3.json'))).toBe(false)
  })

  it('should refuse invalid option combinations', async () => {
    const store = new LocalCheckpointStore(tempRoot())
    await expect(FileStreamSourceState.open(store, 0, { maxFilesPerTrigger: 1, maxBytesPerTrigger: 1 })).rejects.toThrow(/can't be both set/)
    await expect(FileStreamSourceState.open(store, 0, { maxFilesPerTrigger: 0 })).rejects.toThrow(/Invalid value '0' for option 'maxFilesPerTrigger'/)
    await expect(FileStreamSourceState.open(store, 0, { cleanSource: 'archive' })).rejects.toThrow(/sourceArchiveDir/)
    await expect(FileStreamSourceState.open(store, 0, { cleanSource: 'archive', sourcePath: '/data/in', sourceArchiveDir: '/data/in/done' })).rejects.toThrow(
      /inside the source path/,
    )
  })

  it('should read both offset forms', () => {
    expect(parseFileSourceOffset('{"logOffset":7}')).toBe(7)
    expect(parseFileSourceOffset('7')).toBe(7)
    expect(() => parseFileSourceOffset('{"x":1}')).toThrow(/Invalid file source offset/)
  })
})
