import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

/** Runs `npm run demo` at the repository root; kills it after `timeoutMs`. */
function runDemo(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'demo'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: false })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, output }) })
  })
}

describe('npm run demo', () => {
  it('should exit 0 and print the query id, its progress and the streaming_display table', async () => {
    const { code, signal, output } = await runDemo(150_000)
    expect({ code, signal }, output.slice(-3000)).toEqual({ code: 0, signal: null })
    expect(output).toMatch(/Generated 20 files \(100000 rows\)/)
    // The first line after the generator's is the query id from spark.streams.active.
    const queryId = new RegExp(`^(${UUID})$`, 'm').exec(output)?.[1]
    expect(queryId, output.slice(0, 2000)).toBeDefined()
    expect(output).toContain(`id: '${queryId}'`)
    expect(output).toMatch(/batchId: 0,/)
    expect(output).toMatch(new RegExp(`Found streaming_display \\(${UUID}\\)`))
    expect(output).toMatch(/name: 'streaming_display'/)
    expect(output).toMatch(/tableType: 'TEMPORARY'/)
    expect(output).toMatch(/\|\s*gt\s*\|/)
  })
})
