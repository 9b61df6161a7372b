import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { generateActivityFiles } from '@sluice/datagen'
import { REPO_ROOT, startLocalCluster, type LocalCluster } from './local-cluster.js'
import { forgetExitedProcesses, processLogTails } from './managed-process.js'

// The README's raw client (examples/raw-grpc-client.mjs: grpc-js, proto-loader and avsc,
// no Sluice code) against a real cluster, its printed counts checked against JSON.parse.

const run = promisify(execFile)

let root: string
let folder: string
let cluster: LocalCluster

beforeAll(async () => {
  forgetExitedProcesses()
  root = await mkdtemp(join(tmpdir(), 'sluice-raw-client-'))
  folder = join(root, 'activity-json')
  await generateActivityFiles({ outDir: folder, files: 4, rowsPerFile: 400, seed: 23 })
  // Two executors: the files are split over both, the counts merged on the coordinator.
  cluster = await startLocalCluster({ executors: 2, name: 'raw-client' })
})
afterAll(async () => {
  await cluster?.stop()
  await rm(root, { recursive: true, force: true })
})
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') console.error(processLogTails(60))
})

/** `{gt, n}` per activity label, counted with JSON.parse alone, in the client's `ORDER BY gt` (nulls first, as Spark's ascending order). */
async function referenceCounts(dir: string): Promise<{ gt: string | null; n: number }[]> {
  const counts = new Map<string | null, number>()
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json'))) {
    for (const line of (await readFile(join(dir, name), 'utf8')).split('\n')) {
      if (line.trim() === '') continue
      const gt = (JSON.parse(line) as { gt?: string | null }).gt ?? null
      counts.set(gt, (counts.get(gt) ?? 0) + 1)
    }
  }
  return [...counts.entries()]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1))
    .map(([gt, n]) => ({ gt, n }))
}

describe('the README\'s raw gRPC client', () => {
  it('should print one JSON row per activity with the counts of a plain JSON.parse of the files', async () => {
    const { stdout, stderr } = await run(process.execPath, [join('examples', 'raw-grpc-client.mjs'), cluster.address, folder], { cwd: REPO_ROOT, timeout: 60_000 })
    expect(stderr).toBe('')
    const printed = stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { gt: string | null; n: number })
    const expected = await referenceCounts(folder)
    expect(expected.reduce((sum, row) => sum + row.n, 0)).toBe(1600)
    expect(printed).toEqual(expected)
  })

  it('should print the error code and details and exit 1 for a folder that does not exist', async () => {
    const missing = join(root, 'no-such-folder')
    const failure = await run(process.execPath, [join('examples', 'raw-grpc-client.mjs'), cluster.address, missing], { cwd: REPO_ROOT, timeout: 60_000 })
      .then(() => undefined, (error: { code: number; stderr: string }) => error)
    expect(failure?.code).toBe(1)
    expect(failure?.stderr).toContain(missing)
  })
})
