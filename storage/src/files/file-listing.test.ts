import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { discoverPartitions, globToRegExp, isIgnoredPathName, listDataFiles } from './file-listing.js'

let dir: string
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'sluice-listing-')) })
afterAll(async () => { await rm(dir, { recursive: true, force: true }) })

async function touch(...parts: string[]): Promise<string> {
  const path = join(dir, ...parts)
  await mkdir(join(path, '..'), { recursive: true })
  await writeFile(path, 'x'.repeat(parts.length))
  return path
}

const names = (files: { path: string }[]): string[] => files.map((file) => file.path.slice(dir.length + 1))

describe('listDataFiles', () => {
  it('should list a folder sorted, skipping hidden and underscore names, entering key=value folders', async () => {
    await touch('plain', 'b.json')
    await touch('plain', 'a.json')
    await touch('plain', '.a.json.tmp')
    await touch('plain', '_SUCCESS')
    await touch('plain', 'part.json._COPYING_')
    await touch('plain', 'date=2024-01-01', 'c.json')
    await touch('plain', 'nested', 'd.json')
    await touch('plain', '_temporary', 'e.json')
    const files = await listDataFiles(join(dir, 'plain'))
    expect(names(files)).toEqual(['plain/a.json', 'plain/b.json', 'plain/date=2024-01-01/c.json'])
    expect(files[0]!.size).toBe(2)
    expect(files[0]!.modificationTime).toBeGreaterThan(0)
  })

  it('should descend into every folder with recursiveFileLookup', async () => {
    const files = await listDataFiles(join(dir, 'plain'), { recursivefilelookup: 'true' })
    expect(names(files)).toEqual(['plain/a.json', 'plain/b.json', 'plain/date=2024-01-01/c.json', 'plain/nested/d.json'])
  })

  it('should list a single file and nothing for a missing path', async () => {
    expect(names(await listDataFiles(join(dir, 'plain', 'a.json')))).toEqual(['plain/a.json'])
    expect(await listDataFiles(join(dir, 'missing'))).toEqual([])
  })

  it('should expand globs in the path and apply pathGlobFilter', async () => {
    await touch('glob', '2024-01', 'x.json')
    await touch('glob', '2024-02', 'y.csv')
    await touch('glob', '2023-12', 'z.json')
    await touch('glob', 'top.json')
    expect(names(await listDataFiles(join(dir, 'glob', '2024-*')))).toEqual(['glob/2024-01/x.json', 'glob/2024-02/y.csv'])
    expect(names(await listDataFiles(join(dir, 'glob', '*', '*.json')))).toEqual(['glob/2023-12/z.json', 'glob/2024-01/x.json'])
    expect(names(await listDataFiles(join(dir, 'glob', '{2023-12,2024-02}')))).toEqual(['glob/2023-12/z.json', 'glob/2024-02/y.csv'])
    expect(names(await listDataFiles(join(dir, 'glob'), { pathglobfilter: '*.json', recursivefilelookup: 'true' })))
      .toEqual(['glob/2023-12/z.json', 'glob/2024-01/x.json', 'glob/top.json'])
  })

  it('should list only the files of the _spark_metadata manifest', async () => {
    const kept = await touch('sink', 'part-0.json')
    const later = await touch('sink', 'part-1.json')
    await touch('sink', 'orphan.json')
    const deleted = await touch('sink', 'part-2.json')
    const entry = (path: string, action = 'add') =>
      JSON.stringify({ path: pathToFileURL(path).href, size: 1, isDir: false, modificationTime: 1, blockReplication: 1, blockSize: 1, action })
    await mkdir(join(dir, 'sink', '_spark_metadata'))
    await writeFile(join(dir, 'sink', '_spark_metadata', '0'), `v1\n${entry(kept)}\n${entry(deleted)}`)
    await writeFile(join(dir, 'sink', '_spark_metadata', '1'), `v1\n${entry(later)}\n${entry(deleted, 'delete')}`)
    expect(names(await listDataFiles(join(dir, 'sink')))).toEqual(['sink/part-0.json', 'sink/part-1.json'])
  })
})

describe('globToRegExp and isIgnoredPathName', () => {
  it('should match Hadoop-style globs', () => {
    expect(globToRegExp('*.json').test('a.json')).toBe(true)
    expect(globToRegExp('*.json').test('a/b.json')).toBe(false)
    expect(globToRegExp('part-[0-9]?.csv').test('part-12.csv')).toBe(true)
    expect(globToRegExp('{a,b}.txt').test('b.txt')).toBe(true)
    expect(globToRegExp('[!a]x').test('ax')).toBe(false)
  })

  it('should ignore hidden and internal names but not partition folders', () => {
    expect([ '.x', '_SUCCESS', '_x=1', 'x=1', 'a._COPYING_', 'data.json'].map(isIgnoredPathName)).toEqual([true, true, false, false, true, false])
  })
})

describe('discoverPartitions', () => {
  it('should infer partition columns and types from key=value folders', () => {
    const file = (path: string) => ({ path: join('/base', path), size: 1, modificationTime: 1 })
    const result = discoverPartitions([
      file('year=2024/city=Oslo/a.json'), file('year=2025/city=São Paulo/b.json'),
      file('year=3000000000/city=__HIVE_DEFAULT_PARTITION__/c.json'),
    ], '/base')
    expect(result.columns).toEqual([{ name: 'year', dataType: 'long' }, { name: 'city', dataType: 'string' }])
    expect(result.values.get('/base/year=2025/city=São Paulo/b.json')).toEqual([2025n, 'São Paulo'])
    expect(result.values.get('/base/year=3000000000/city=__HIVE_DEFAULT_PARTITION__/c.json')).toEqual([3000000000n, null])
  })

  // PartitioningUtils.parsePartitionColumn: names and string values go through ExternalCatalogUtils.unescapePathName,
  // which turns each %XX into one character and keeps a % that no two hex digits follow.
  it("should unescape names and values as Spark's unescapePathName, keeping a bare %", () => {
    const path = '/b/a%3Db=x%2Fy/off=50%/city=S%C3%A3o/f'
    const result = discoverPartitions([{ path, size: 0, modificationTime: 0 }], '/b')
    expect(result.columns.map((c) => c.name)).toEqual(['a=b', 'off', 'city'])
    expect(result.values.get(path)).toEqual(['x/y', '50%', 'S\u00C3\u00A3o'])
  })

  it('should type dates and doubles', () => {
    const result = discoverPartitions([{ path: '/b/d=2024-01-02/x=1.5/f', size: 0, modificationTime: 0 }], '/b')
    expect(result.columns).toEqual([{ name: 'd', dataType: 'date' }, { name: 'x', dataType: 'double' }])
    expect(result.values.get('/b/d=2024-01-02/x=1.5/f')).toEqual([19724, 1.5])
  })
})
