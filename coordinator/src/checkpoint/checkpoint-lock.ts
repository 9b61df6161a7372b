import { randomUUID } from 'node:crypto'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { CheckpointError, CheckpointErrorClass } from './checkpoint-error.js'
import { isErrorCode } from './local-checkpoint-store.js'

/** What the lock file `<checkpoint>/.lock` holds. */
export interface CheckpointLockOwner {
  readonly pid: number
  readonly hostname: string
  readonly runId: string
  readonly queryId?: string
  /** ms since the epoch. */
  readonly acquiredAt: number
}

export const CHECKPOINT_LOCK_FILE = '.lock'

/** True when `pid` names a live process on this host (EPERM means alive but not ours). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return isErrorCode(error, 'EPERM')
  }
}

/**
 * An exclusive claim on a local checkpoint folder by one query run, so that a
 * second query started on the same checkpoint is refused with CHECKPOINT_IN_USE
 * instead of both writing the logs.
 *
 * The lock is a file created with O_EXCL. A lock whose pid is dead on this host is
 * stale (a crashed or killed run) and is taken over: it is renamed aside (only one
 * contender's rename succeeds) and the renamed copy is checked to be the stale one
 * before the new lock is created. A lock from another host is never presumed dead.
 *
 * @example
 * const lock = await CheckpointLock.acquire(dir, { runId })
 * try { ... } finally { await lock.release() }
 */
export class CheckpointLock {
  private constructor(
    readonly file: string,
    readonly owner: CheckpointLockOwner,
  ) {}

  static async acquire(checkpointRoot: string, options: { runId: string; queryId?: string }): Promise<CheckpointLock> {
    const file = path.join(path.resolve(checkpointRoot), CHECKPOINT_LOCK_FILE)
    await fs.mkdir(path.dirname(file), { recursive: true })
    const owner: CheckpointLockOwner = {
      pid: process.pid,
      hostname: os.hostname(),
      runId: options.runId,
      ...(options.queryId === undefined ? {} : { queryId: options.queryId }),
      acquiredAt: Date.now(),
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      if (await createExclusive(file, JSON.stringify(owner))) return new CheckpointLock(file, owner)
      const holderText = await readOrNull(file)
      if (holderText === null) continue // released meanwhile: try again
      const holder = parseOwner(holderText)
      if (holder !== null ? !isStale(holder) : await isRecent(file)) throw inUse(file, holder, options.runId)
      const aside = `${file}.stale.${randomUUID()}`
      try {
        await fs.rename(file, aside)
      } catch (error) {
        if (isErrorCode(error, 'ENOENT')) continue // another contender moved it first
        throw error
      }
      const movedText = await readOrNull(aside)
      if (movedText !== holderText) {
        // We moved a fresh lock created after our read: put it back and give up.
        await fs.link(aside, file).catch(() => undefined)
        await fs.rm(aside, { force: true })
        const fresh = movedText === null ? null : parseOwner(movedText)
        throw inUse(file, fresh ?? holder, options.runId)
      }
      await fs.rm(aside, { force: true })
    }
    throw new CheckpointError(CheckpointErrorClass.IN_USE, file, `Could not acquire the checkpoint lock ${file}: it keeps changing hands.`)
  }

  /** The current holder of the checkpoint's lock, or null when unlocked. */
  static async holder(checkpointRoot: string): Promise<CheckpointLockOwner | null> {
    const text = await readOrNull(path.join(path.resolve(checkpointRoot), CHECKPOINT_LOCK_FILE))
    return text === null ? null : parseOwner(text)
  }

  /** Removes the lock if this run still holds it. Idempotent. */
  async release(): Promise<void> {
    const text = await readOrNull(this.file)
    if (text === null) return
    if (parseOwner(text)?.runId === this.owner.runId) await fs.rm(this.file, { force: true })
  }
}

function isStale(holder: CheckpointLockOwner): boolean {
  return holder.hostname === os.hostname() && !isProcessAlive(holder.pid)
}

function inUse(file: string, holder: CheckpointLockOwner | null, runId: string): CheckpointError {
  const who = holder === null ? 'another run' : `run ${holder.runId} (pid ${holder.pid} on ${holder.hostname})`
  return new CheckpointError(
    CheckpointErrorClass.IN_USE,
    file,
    `Cannot start run ${runId}: the checkpoint ${path.dirname(file)} is in use by ${who}. ` +
      `Two queries cannot run on one checkpoint location at the same time; stop the other query or use another checkpointLocation.`,
  )
}

async function createExclusive(file: string, content: string): Promise<boolean> {
  let handle: fs.FileHandle
  try {
    handle = await fs.open(file, 'wx')
  } catch (error) {
    if (isErrorCode(error, 'EEXIST')) return false
    throw error
  }
  try {
    await handle.writeFile(content, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  return true
}

async function readOrNull(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8')
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return null
    throw error
  }
}

/** An unreadable lock younger than this may still be being written by its creator. */
const UNREADABLE_LOCK_GRACE_MS = 5_000

async function isRecent(file: string): Promise<boolean> {
  try {
    return Date.now() - (await fs.stat(file)).mtimeMs < UNREADABLE_LOCK_GRACE_MS
  } catch {
    return false
  }
}

/** null for an unreadable lock file (e.g. a crash between create and write): stale once older than the grace period. */
function parseOwner(text: string): CheckpointLockOwner | null {
  try {
    const value = JSON.parse(text) as CheckpointLockOwner
    return typeof value.pid === 'number' && typeof value.runId === 'string' ? value : null
  } catch {
    return null
  }
}
