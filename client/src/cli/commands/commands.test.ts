import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../../session/sluice.js'
import { RemoteBackend } from '../../remote/remote-backend.js'
import { startInProcessCoordinator, type InProcessCoordinator } from '../../remote/testing/in-process-coordinator.js'
import type { CommandIo } from './command-line.js'
import { runSql } from './sql.js'
import { runQueries } from './queries.js'
import { runProgress } from './progress.js'
import { runStop } from './stop.js'

// The user commands against the coordinator's real SluiceService (in this process).

interface Captured extends CommandIo { readonly stdout: string; readonly stderr: string }

function io(env: NodeJS.ProcessEnv = {}, signal?: AbortSignal): Captured {
  let stdout = ''
  let stderr = ''
  return {
    out: (t) => { stdout += t },
    err: (t) => { stderr += t },
    env,
    ...(signal ? { signal } : {}),
    get stdout() { return stdout },
    get stderr() { return stderr },
  }
}

let coordinator: InProcessCoordinator
let secured: InProcessCoordinator
let root: string
let deadUrl: string

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sluice-cli-'))
  mkdirSync(join(root, 'data'))
  writeFileSync(join(root, 'data', 'a.json'), '{"gt":"sit","t":1424686735090000123}\n{"gt":"bike","t":2}\n{"gt":"sit","t":3}\n')
  writeFileSync(join(root, 'token'), 'tok-123\n')
  coordinator = await startInProcessCoordinator({ allowedPaths: [root] })
  secured = await startInProcessCoordinator({ allowedPaths: [root], token: 'tok-123' })
  const dead = await startInProcessCoordinator()
  deadUrl = dead.url
  await dead.close()
})

afterAll(async () => {
  await coordinator?.close()
  await secured?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('sluice sql', () => {
  it('should print the rows as show() draws them, all of them, with the row count', async () => {
    const out = io()
    const code = await runSql([`SELECT gt, count(*) AS n FROM json.\`${join(root, 'data')}\` GROUP BY gt ORDER BY gt`, '--remote', coordinator.url], out)
    expect(out.stderr).toBe('')
    expect(code).toBe(0)
    expect(out.stdout).toBe([
      '+----+---+',
      '|  gt|  n|',
      '+----+---+',
      '|bike|  1|',
      '| sit|  2|',
      '+----+---+',
      '(2 rows)',
      '',
    ].join('\n'))
  })

  it('should print JSON lines with exact BIGINTs under --format json, the coordinator from SLUICE_REMOTE, --conf applied', async () => {
    const out = io({ SLUICE_REMOTE: coordinator.url })
    const code = await runSql([`SELECT t, CAST('x' AS INT) AS bad FROM json.\`${join(root, 'data')}\` WHERE gt = 'sit' ORDER BY t DESC`, '--format', 'json', '--conf', 'spark.sql.ansi.enabled=false'], out)
    expect(out.stderr).toBe('')
    expect(code).toBe(0)
    expect(out.stdout).toBe('{"t":1424686735090000123,"bad":null}\n{"t":3,"bad":null}\n')
  })

  it('should print SET\'s key and value, and OK for a statement without a result', async () => {
    const set = io()
    expect(await runSql(['SET spark.sql.shuffle.partitions=3', '--remote', coordinator.url], set)).toBe(0)
    expect(set.stdout).toBe([
      '+----------------------------+-----+',
      '|                         key|value|',
      '+----------------------------+-----+',
      '|spark.sql.shuffle.partitions|    3|',
      '+----------------------------+-----+',
      '(1 row)',
      '',
    ].join('\n'))
    const reset = io()
    expect(await runSql(['RESET', '--remote', coordinator.url], reset)).toBe(0)
    expect(reset.stdout).toBe('OK\n')
  })

  it('should exit 1 with the typed error of a bad query, and 2 on usage errors', async () => {
    const bad = io()
    expect(await runSql(['SELECT nope', '--remote', coordinator.url], bad)).toBe(1)
    expect(bad.stderr).toMatch(/^sluice sql: \[UNRESOLVED_COLUMN/)
    for (const argv of [[], ['a', 'b'], ['SELECT 1', '--format', 'xml'], ['SELECT 1', '--bogus'], ['SELECT 1', '--conf', 'novalue']]) {
      const usage = io()
      expect(await runSql(argv, usage)).toBe(2)
      expect(usage.stderr).toMatch(/Usage: sluice sql/)
    }
  })

  it('should say when the coordinator cannot be reached (exit 1)', async () => {
    const out = io()
    expect(await runSql(['SELECT 1', '--remote', deadUrl], out)).toBe(1)
    expect(out.stderr).toContain(`cannot reach the coordinator at ${deadUrl}`)
  })

  it('should send the token of --token-file or SLUICE_TOKEN', async () => {
    const refused = io()
    expect(await runSql(['SELECT 1 AS one', '--remote', secured.url], refused)).toBe(1)
    expect(refused.stderr).toMatch(/UNAUTHENTICATED.*Missing bearer token/)
    const fromFile = io()
    expect(await runSql(['SELECT 1 AS one', '--remote', secured.url, '--token-file', join(root, 'token'), '--format', 'json'], fromFile)).toBe(0)
    expect(fromFile.stdout).toBe('{"one":1}\n')
    const fromEnv = io({ SLUICE_TOKEN: 'tok-123' })
    expect(await runSql(['SELECT 1 AS one', '--remote', secured.url, '--format', 'json'], fromEnv)).toBe(0)
  })
})

describe('sluice queries, progress, stop', () => {
  it('should list a running query, print its progress, follow progress events, and stop it', async () => {
    const spark = Sluice.create(await RemoteBackend.connect({ url: coordinator.url }), 'cli-test')
    const query = await spark.readStream.format('rate').option('rowsPerSecond', 50).load()
      .writeStream.format('noop').queryName('cli_rate').trigger({ processingTime: '100 milliseconds' }).start()
    try {
      const deadline = Date.now() + 10_000
      while (query.recentProgress.filter((p) => p.numInputRows > 0).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))

      const listed = io()
      expect(await runQueries(['--remote', coordinator.url], listed)).toBe(0)
      const line = listed.stdout.split('\n').find((l) => l.includes(query.id))
      expect(line).toMatch(new RegExp(`^\\|${query.id}\\|cli_rate\\s*\\|active`))
      expect(listed.stdout.split('\n')[1]).toMatch(/^\|id\s+\|name\s+\|status\s+\|batch\|input rows\/s\s*\|processed rows\/s\|$/)

      const progress = io()
      expect(await runProgress([query.id, '--remote', coordinator.url], progress)).toBe(0)
      const printed = JSON.parse(progress.stdout) as { id: string; name: string; batchId: number }
      expect(printed.id).toBe(query.id)
      expect(printed.name).toBe('cli_rate')
      expect(progress.stdout).toContain(`"id" : "${query.id}"`)

      const stopFollowing = new AbortController()
      const followed = io({}, stopFollowing.signal)
      const following = runProgress(['--follow', query.id, '--remote', coordinator.url], followed)
      while (followed.stdout.split('\n').filter((l) => l.includes(' batch ')).length < 2 && Date.now() < deadline + 10_000) await new Promise((r) => setTimeout(r, 20))
      stopFollowing.abort()
      expect(await following).toBe(0)
      const lines = followed.stdout.trim().split('\n')
      expect(lines.length).toBeGreaterThanOrEqual(2)
      for (const l of lines) expect(l).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z  cli_rate ${query.id}  batch \\d+  \\d+ rows  [\\d.-]+ in/s  [\\d.-]+ processed/s  \\d+ ms$`))

      const stopped = io()
      expect(await runStop([query.id, '--remote', coordinator.url], stopped)).toBe(0)
      expect(stopped.stdout).toBe(`Stopped query ${query.id} (cli_rate).\n`)
      expect(await query.awaitTermination(5_000)).toBe(true)
      const after = io()
      expect(await runQueries(['--remote', coordinator.url], after)).toBe(0)
      expect(after.stdout).toBe('No active streaming queries.\n')
    } finally {
      await query.stop()
      await spark.stop()
    }
  })

  it('should exit 1 naming an unknown query, and 2 without an id', async () => {
    const unknown = io()
    expect(await runStop(['no-such-query', '--remote', coordinator.url], unknown)).toBe(1)
    expect(unknown.stderr).toMatch(/STREAMING_QUERY_NOT_FOUND.*no-such-query/)
    const missing = io()
    expect(await runStop([], missing)).toBe(2)
    expect(missing.stderr).toContain('Usage: sluice stop ID')
  })
})
