import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ChildQueryConfig } from './child-query-config.js'

const CHILD_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'streaming-child.ts')

/** How one run of the child ended. */
export interface ChildRunOutcome {
  /** True when the test's SIGKILL ended it (it was still running at the kill). */
  readonly killed: boolean
  readonly exitCode: number | null
  /** Batch ids the child reported committed before it ended. */
  readonly batches: readonly number[]
  readonly done: boolean
  readonly stderr: string
}

/**
 * Runs the streaming child once. With `killAfterReadyMs`, sends SIGKILL that many
 * ms after the child prints READY (its session is up, the query is about to start);
 * without, lets it finish. Fails after `timeoutMs`.
 */
export function runStreamingChild(config: ChildQueryConfig, killAfterReadyMs: number | undefined, timeoutMs = 90_000): Promise<ChildRunOutcome> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT, JSON.stringify(config)], {
      cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let killTimer: NodeJS.Timeout | undefined
    const timeout = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`streaming child did not end within ${timeoutMs} ms; stderr: ${stderr}`)) }, timeoutMs)
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const before = stdout
      stdout += chunk
      if (killAfterReadyMs !== undefined && !before.includes('READY\n') && stdout.includes('READY\n')) {
        killTimer = setTimeout(() => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
        }, killAfterReadyMs)
      }
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timeout)
      clearTimeout(killTimer)
      const batches = [...stdout.matchAll(/^BATCH (\d+)$/gm)].map((match) => Number(match[1]))
      resolvePromise({ killed: signal === 'SIGKILL', exitCode: code, batches, done: stdout.includes('DONE\n'), stderr })
    })
  })
}
