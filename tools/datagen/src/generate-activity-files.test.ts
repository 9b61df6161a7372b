import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACTIVITY_LABELS, ACTIVITY_MODELS, ACTIVITY_USERS, generateActivityFiles } from './index.js'

let dir: string
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'sluice-datagen-')) })
afterAll(async () => { await rm(dir, { recursive: true, force: true }) })

const CREATION_TIME = /"Creation_Time":(\d+)/

describe('generateActivityFiles', () => {
  it('should write byte-identical files for the same seed and different ones for another seed', async () => {
    const first = await generateActivityFiles({ outDir: join(dir, 'one'), files: 2, rowsPerFile: 300, seed: 7 })
    const again = await generateActivityFiles({ outDir: join(dir, 'two'), files: 2, rowsPerFile: 300, seed: 7 })
    const other = await generateActivityFiles({ outDir: join(dir, 'three'), files: 2, rowsPerFile: 300, seed: 8 })
    expect(first.files.map((f) => f.slice(f.lastIndexOf('/') + 1))).toEqual(['part-00000.json', 'part-00001.json'])
    expect(await readFile(first.files[1]!, 'utf8')).toBe(await readFile(again.files[1]!, 'utf8'))
    expect(await readFile(first.files[1]!, 'utf8')).not.toBe(await readFile(other.files[1]!, 'utf8'))
    expect((await readdir(join(dir, 'one'))).sort()).toEqual(['part-00000.json', 'part-00001.json'])
  })

  it('should cover every user, model, device and label with the course fields', async () => {
    const result = await generateActivityFiles({ outDir: join(dir, 'coverage'), files: 1, rowsPerFile: 3000, seed: 42 })
    const text = await readFile(result.files[0]!, 'utf8')
    const lines = text.trimEnd().split('\n')
    expect(lines).toHaveLength(3000)
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(Object.keys(records[0]!)).toEqual(['Arrival_Time', 'Creation_Time', 'Device', 'Index', 'Model', 'User', 'geolocation', 'gt', 'id', 'x', 'y', 'z'])
    expect(new Set(records.map((r) => r['User']))).toEqual(new Set(ACTIVITY_USERS))
    expect(new Set(records.map((r) => r['Model']))).toEqual(new Set(ACTIVITY_MODELS))
    expect(new Set(records.map((r) => r['Device'])).size).toBe(8)
    expect(new Set(records.map((r) => r['gt']))).toEqual(new Set([...ACTIVITY_LABELS, null]))
    for (const record of records) {
      expect(record['id']).toBeNull()
      expect(String(record['Device']).startsWith(`${record['Model']}_`)).toBe(true)
      expect(typeof record['x']).toBe('number')
      expect(Object.keys(record['geolocation'] as object)).toEqual(['city', 'country'])
    }
    // Creation_Time is nanoseconds (beyond 2^53) written as exact digits, up to 2 s before arrival.
    for (const line of lines.slice(0, 50)) {
      const record = JSON.parse(line) as { Arrival_Time: number }
      const creation = BigInt(CREATION_TIME.exec(line)![1]!)
      expect(creation > 2n ** 53n).toBe(true)
      const arrivalNs = BigInt(record.Arrival_Time) * 1_000_000n
      expect(creation <= arrivalNs && creation > arrivalNs - 2_000_000_000n).toBe(true)
    }
  })

  it('should mix in malformed lines at the corrupt rate', async () => {
    const result = await generateActivityFiles({ outDir: join(dir, 'corrupt'), files: 1, rowsPerFile: 2000, seed: 1, corruptRate: 0.05 })
    const lines = (await readFile(result.files[0]!, 'utf8')).trimEnd().split('\n')
    const malformed = lines.filter((line) => { try { JSON.parse(line); return false } catch { return true } })
    expect(malformed.length).toBe(result.malformedLines)
    expect(malformed.length).toBeGreaterThan(50)
    expect(malformed.length).toBeLessThan(150)
  })
})
