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

/** When to SIGKILL the child: `delayMs` after it has reported `afterBatches` committed batches (0: after READY). */
export interface KillPoint {
  readonly afterBatches: number
  readonly delayMs: number
}

/**
 * Runs the streaming child once. With a kill point, sends SIGKILL `delayMs` after
 * the child printed READY (its session is up, the query about to start) and then
 * `afterBatches` BATCH lines; without, lets it finish. Fails after `timeoutMs`.
 */
export function runStreamingChild(config: ChildQueryConfig, kill: KillPoint | undefined, timeoutMs = 90_000): Promise<ChildRunOutcome> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--conditions=sluice-source', '--import', 'tsx', CHILD_SCRIPT, JSON.stringify(config)], {
      cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let killTimer: NodeJS.Timeout | undefined
    const timeout = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`streaming child did not end within ${timeoutMs} ms; stderr: ${stderr}`)) }, timeoutMs)
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const ready = stdout.includes('READY\n')
      const batches = stdout.match(/^BATCH \d+$/gm)?.length ?? 0
      if (kill !== undefined && killTimer === undefined && ready && batches >= kill.afterBatches) {
        killTimer = setTimeout(() => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
        }, kill.delayMs)
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
