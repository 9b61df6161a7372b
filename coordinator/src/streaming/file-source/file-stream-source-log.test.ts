import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalCheckpointStore } from '../../checkpoint/local-checkpoint-store.js'
import { FileStreamSourceLog } from './file-stream-source-log.js'

const tempRoot = (): string => mkdtempSync(path.join(tmpdir(), 'sluice-srclog-'))
const file = (n: number) => ({ path: `/in/${n}.json`, timestamp: 1_480_730_950_000 + n })

describe('FileStreamSourceLog', () => {
  it("should write Spark's format: v1 then one JSON per file", async () => {
    const root = tempRoot()
    const log = new FileStreamSourceLog(new LocalCheckpointStore(root), 0)
    expect(await log.add(0, [file(1), file(2)])).toBe(true)
    expect(readFileSync(path.join(root, 'sources', '0', '0'), 'utf8')).toBe(
      'v1\n{"path":"/in/1.json","timestamp":1480730950001,"batchId":0}\n{"path":"/in/2.json","timestamp":1480730950002,"batchId":0}',
    )
    expect(await log.add(0, [file(3)])).toBe(false)
    expect(await log.get(0)).toEqual([
      { path: '/in/1.json', timestamp: 1480730950001, batchId: 0 },
      { path: '/in/2.json', timestamp: 1480730950002, batchId: 0 },
    ])
  })

  it('should compact every 10th batch into N.compact and delete batch files before the previous interval', async () => {
    const root = tempRoot()
    const log = new FileStreamSourceLog(new LocalCheckpointStore(root), 1)
    for (let batch = 0; batch < 21; batch++) await log.add(batch, [file(batch)])
    const folder = path.join(root, 'sources', '1')
    const names = readdirSync(folder).sort((a, b) => parseInt(a) - parseInt(b))
    // 9.compact held 0..9; 19.compact holds 0..19; files below 10 are deleted.
    expect(names).toEqual(['10', '11', '12', '13', '14', '15', '16', '17', '18', '19.compact', '20'])
    const compact = readFileSync(path.join(folder, '19.compact'), 'utf8').split('\n')
    expect(compact[0]).toBe('v1')
    expect(compact).toHaveLength(21)
    expect(JSON.parse(compact[20]!)).toEqual({ path: '/in/19.json', timestamp: 1480730950019, batchId: 19 })
    expect(await log.get(3)).toEqual([{ path: '/in/3.json', timestamp: 1480730950003, batchId: 3 }])
    expect(await log.get(19)).toEqual([{ path: '/in/19.json', timestamp: 1480730950019, batchId: 19 }])
    expect((await log.getRange(8, 11)).map((e) => e.batchId)).toEqual([8, 9, 10, 11])
    expect((await log.allFiles()).map((e) => e.batchId)).toEqual(Array.from({ length: 21 }, (_, i) => i))
    expect(await log.getLatestBatchId()).toBe(20)
    expect(await log.get(21)).toBeNull()
  })

  it('should refuse a truncated log file naming it', async () => {
    const root = tempRoot()
    const log = new FileStreamSourceLog(new LocalCheckpointStore(root), 0)
    await log.add(0, [file(1)])
    writeFileSync(path.join(root, 'sources', '0', '1'), 'v1\n{"path":"/in/x.json","timest')
    await expect(log.get(1)).rejects.toMatchObject({ errorClass: 'CHECKPOINT_CORRUPT', file: path.join(root, 'sources', '0', '1') })
    expect(existsSync(path.join(root, 'sources', '0', '0'))).toBe(true)
  })
})
