import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withTemporaryFile, writeFileAtomically } from './atomic-write.js'
import { readTextChunks } from './text-chunks.js'

let dir: string
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'sluice-io-')) })
afterAll(async () => { await rm(dir, { recursive: true, force: true }) })

describe('writeFileAtomically', () => {
  it('should write the whole file, create parents and leave no temporary file', async () => {
    const path = join(dir, 'a', 'b', 'out.json')
    await writeFileAtomically(path, '{"a":1}\n')
    await writeFileAtomically(path, '{"a":2}\n')
    expect(await readFile(path, 'utf8')).toBe('{"a":2}\n')
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['out.json'])
  })

  it('should remove the temporary file and not create the target when the writer fails', async () => {
    const path = join(dir, 'failing', 'out.json')
    await expect(withTemporaryFile(path, async () => { throw new Error('boom') })).rejects.toThrow('boom')
    expect(await readdir(join(dir, 'failing'))).toEqual([])
  })
})

describe('readTextChunks', () => {
  it('should yield whole lines only, across small chunks and without a BOM', async () => {
    const path = join(dir, 'lines.txt')
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} ${'é'.repeat(i % 7)}`)
    await writeFileAtomically(path, '\uFEFF' + lines.join('\n'))
    const chunks: string[] = []
    for await (const chunk of readTextChunks(path, 64)) chunks.push(chunk)
    expect(chunks.length).toBeGreaterThan(10)
    for (const chunk of chunks.slice(0, -1)) expect(chunk.endsWith('\n')).toBe(true)
    expect(chunks.join('')).toBe(lines.join('\n'))
  })

  it('should decompress .gz files', async () => {
    const path = join(dir, 'lines.json.gz')
    const text = Array.from({ length: 5000 }, (_, i) => `{"i":${i}}`).join('\n') + '\n'
    await writeFile(path, gzipSync(text))
    let joined = ''
    for await (const chunk of readTextChunks(path, 1000)) joined += chunk
    expect(joined).toBe(text)
  })
})
