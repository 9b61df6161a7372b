import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LongType, StringType, StructField, StructType, type Row } from '@sluice/shared'
import { textFileFormat } from './text-format.js'

let dir: string
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'sluice-text-')) })
afterAll(async () => { await rm(dir, { recursive: true, force: true }) })

const SCHEMA = StructType([StructField('value', StringType)])

async function readAll(path: string, options: Record<string, string> = {}): Promise<Row[]> {
  const rows: Row[] = []
  for await (const batch of textFileFormat.read(path, { schema: SCHEMA, options })) rows.push(...batch)
  return rows
}

describe('text format', () => {
  it('should give one value row per line without line separators', async () => {
    const path = join(dir, 'a.txt')
    await writeFile(path, 'first\r\n\nthird line\nlast')
    expect(await readAll(path)).toEqual([['first'], [''], ['third line'], ['last']])
  })

  it('should give one row per file with wholetext', async () => {
    const path = join(dir, 'b.txt')
    await writeFile(path, 'a\nb\n')
    expect(await readAll(path, { wholetext: 'true' })).toEqual([['a\nb\n']])
  })

  it('should split on a custom lineSep', async () => {
    const path = join(dir, 'c.txt')
    await writeFile(path, 'a|b|c|')
    expect(await readAll(path, { linesep: '|' })).toEqual([['a'], ['b'], ['c']])
  })

  it('should write one line per row and refuse other schemas', async () => {
    const path = join(dir, 'out.txt')
    const written = await textFileFormat.write(path, SCHEMA, [['x'], [null], ['y']], {})
    expect(await readFile(path, 'utf8')).toBe('x\n\ny\n')
    expect(written).toEqual({ path, size: 5, numRows: 3 })
    await expect(textFileFormat.write(join(dir, 'bad.txt'), StructType([StructField('n', LongType)]), [], {})).rejects.toThrow(/single column of type STRING/)
  })
})
