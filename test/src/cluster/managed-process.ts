import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, mkdtempSync, type WriteStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A process a test started: its own process group (a kill reaches its children), its output kept for the log tail. */
export interface ManagedProcess {
  readonly name: string
  readonly pid: number
  /** Everything it printed (stdout and stderr interleaved). */
  output(): string
  /** The last `lines` lines it printed. */
  tail(lines?: number): string
  /** Resolves with the first match of `pattern` in its output (now or later); rejects if it exits or `timeoutMs` passes first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>
  /** Sends `signal` to its whole process group. */
  signal(signal: NodeJS.Signals): void
  kill(): Promise<void>
  pause(): void
  resume(): void
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  isRunning(): boolean
}

const running = new Set<ManagedProcess>()
const started: ManagedProcess[] = []
let logDir: string | undefined

export interface StartOptions {
  readonly env?: Readonly<Record<string, string>>
  readonly cwd?: string
}

/**
 * Starts `command args` detached (its own process group) with its output captured in
 * memory and in a log file under one temporary folder per test run.
 */
export function startProcess(name: string, command: string, args: readonly string[], options: StartOptions = {}): ManagedProcess {
  logDir ??= mkdtempSync(join(tmpdir(), 'sluice-process-logs-'))
  const log: WriteStream = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' })
  const child: ChildProcess = spawn(command, [...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let text = ''
  const watchers = new Set<() => void>()
  const onData = (chunk: Buffer) => {
    const s = chunk.toString('utf8')
    text += s
    log.write(s)
    for (const w of [...watchers]) w()
  }
  child.stdout!.on('data', onData)
  child.stderr!.on('data', onData)
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal }
      running.delete(handle)
      log.end()
      for (const w of [...watchers]) w()
      resolve(exitInfo)
    })
  })
  const pid = child.pid!
  const handle: ManagedProcess = {
    name,
    pid,
    output: () => text,
    tail: (lines = 40) => text.split('\n').slice(-lines).join('\n'),
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = text.match(pattern)
          if (match) { done(); resolve(match); return }
          if (exitInfo) { done(); reject(new Error(`${name} exited (${JSON.stringify(exitInfo)}) before printing ${pattern}\n${handle.tail()}`)) }
        }
        const timer = setTimeout(() => { done(); reject(new Error(`${name} did not print ${pattern} within ${timeoutMs} ms\n${handle.tail()}`)) }, timeoutMs)
        const done = () => { clearTimeout(timer); watchers.delete(check) }
        watchers.add(check)
        check()
      })
    },
    signal(signal) {
      if (exitInfo) return
      try { process.kill(-pid, signal) } catch { /* already gone */ }
    },
    async kill() {
      handle.signal('SIGCONT')
      handle.signal('SIGKILL')
      await exited
    },
    pause: () => handle.signal('SIGSTOP'),
    resume: () => handle.signal('SIGCONT'),
    exited,
    isRunning: () => exitInfo === undefined,
  }
  running.add(handle)
  started.push(handle)
  return handle
}

/** SIGKILLs every process still running (a test's afterEach/afterAll). */
export async function killAllProcesses(): Promise<void> {
  await Promise.all([...running].map((p) => p.kill()))
}

/** The log tails of every process this test run started, for a failing test's report. */
export function processLogTails(lines = 40): string {
  return started.map((p) => `===== ${p.name} (pid ${p.pid}${p.isRunning() ? ', running' : ''}) =====\n${p.tail(lines)}`).join('\n')
}

/** Forgets processes that have exited (between tests). */
export function forgetExitedProcesses(): void {
  for (let i = started.length - 1; i >= 0; i--) if (!started[i]!.isRunning()) started.splice(i, 1)
}
