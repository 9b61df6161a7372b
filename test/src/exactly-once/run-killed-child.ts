import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ChildQueryConfig } from './child-query-config.js'

const CHILD_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'streaming-child.ts')

/** How one run of the child ended. */
export interface ChildRunOutcome {
  /** True when the test's SIGKILL ended it (it was still running at the kill). */
  readonly killed: boolean
  /** True when the kill point's SIGKILL (of the child or of `killOther`'s process) came while the child still ran. */
  readonly killLanded: boolean
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
  /**
   * SIGKILLs another process at the point instead of the child (the coordinator of its
   * remote session); the child then has `OTHER_KILL_GRACE_MS` to end by itself (its
   * calls fail) before it is SIGKILLed too.
   */
  readonly killOther?: () => Promise<void>
}

/** How long a child whose coordinator was killed may take to notice and exit. */
const OTHER_KILL_GRACE_MS = 15_000

/**
 * Runs the streaming child once. With a kill point, sends SIGKILL (to the child, or
 * through `killOther`) `delayMs` after the child printed READY (its session is up,
 * the query about to start) and then `afterBatches` BATCH lines; without, lets it
 * finish. Fails after `timeoutMs`.
 */
export function runStreamingChild(config: ChildQueryConfig, kill: KillPoint | undefined, timeoutMs = 90_000): Promise<ChildRunOutcome> {
  return new Promise((resolvePromise, reject) => {
    // A cluster's child runs the compiled packages, as the cluster's processes do (and starts in half the time).
    const conditions = config.remote === undefined ? ['--conditions=sluice-source'] : []
    const child = spawn(process.execPath, [...conditions, '--import', 'tsx', CHILD_SCRIPT, JSON.stringify(config)], {
      cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let killTimer: NodeJS.Timeout | undefined
    let graceTimer: NodeJS.Timeout | undefined
    let killLanded = false
    let closed = false
    /** The other process's kill, awaited before the outcome (the caller restarts what it killed). */
    let otherKilled: Promise<void> = Promise.resolve()
    const timeout = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`streaming child did not end within ${timeoutMs} ms; stderr: ${stderr}`)) }, timeoutMs)
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const ready = stdout.includes('READY\n')
      const batches = stdout.match(/^BATCH \d+$/gm)?.length ?? 0
      if (kill !== undefined && killTimer === undefined && ready && batches >= kill.afterBatches) {
        killTimer = setTimeout(() => {
          const running = child.exitCode === null && child.signalCode === null
          killLanded = running
          if (kill.killOther === undefined) {
            if (running) child.kill('SIGKILL')
            return
          }
          otherKilled = kill.killOther().then(() => {
            if (!closed) graceTimer = setTimeout(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL') }, OTHER_KILL_GRACE_MS)
          })
        }, kill.delayMs)
      }
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      closed = true
      clearTimeout(timeout)
      clearTimeout(killTimer)
      clearTimeout(graceTimer)
      const batches = [...stdout.matchAll(/^BATCH (\d+)$/gm)].map((match) => Number(match[1]))
      otherKilled.then(() => {
        clearTimeout(graceTimer)
        resolvePromise({ killed: signal === 'SIGKILL', killLanded, exitCode: code, batches, done: stdout.includes('DONE\n'), stderr })
      }, reject)
    })
  })
}
