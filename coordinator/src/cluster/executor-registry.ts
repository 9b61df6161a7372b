import { EventEmitter } from 'node:events'
import { SystemClock, type Clock } from '@sluice/shared'

/** One registered executor (a member: each registration of an id after it was lost is a new one). */
export interface ExecutorInfo {
  readonly executorId: string
  /** host:port of its ExecutorService. */
  readonly address: string
  readonly slots: number
  readonly host: string
  readonly pid: number
  /** Increases with every registration accepted by this registry. */
  readonly member: number
  readonly registeredAtMs: number
}

export interface ExecutorRegistration {
  readonly executorId: string
  readonly address: string
  readonly slots: number
  readonly host?: string
  readonly pid?: number
}

export interface ExecutorRegistryOptions {
  /** The coordinator's epoch, answered to registrations and heartbeats. */
  readonly epoch: number
  /** spark.executor.heartbeatInterval, told to executors. */
  readonly heartbeatIntervalMs: number
  /** spark.network.timeout: an executor not heard from for longer is lost. */
  readonly executorTimeoutMs: number
  /** Whose `now()` times heartbeats (tests pass a ManualClock). */
  readonly clock?: Clock
  /** How often (real time) liveness is checked; 0: only on `expireLost()` and heartbeats. Default: timeout / 4, 10 ms to 1 s. */
  readonly checkIntervalMs?: number
}

export interface ExecutorRegistryEvents {
  'executor-added': [info: ExecutorInfo]
  'executor-removed': [info: ExecutorInfo, reason: string]
}

interface Member {
  readonly info: ExecutorInfo
  lastSeenMs: number
}

/**
 * The coordinator's executors (Spark's HeartbeatReceiver and executor book-keeping):
 * an executor registers, then heartbeats every `heartbeatIntervalMs`; one not heard
 * from for more than `executorTimeoutMs` is removed as lost (checked periodically and
 * before answering any heartbeat), which the scheduler takes as the loss of its
 * running tasks. A heartbeat from an unknown (or removed) executor answers
 * `registered: false`, so it registers again — as a new member.
 * Events: `executor-added` (info), `executor-removed` (info, reason).
 */
export class ExecutorRegistry extends EventEmitter<ExecutorRegistryEvents> {
  readonly epoch: number
  readonly heartbeatIntervalMs: number
  readonly executorTimeoutMs: number
  readonly #clock: Clock
  readonly #members = new Map<string, Member>()
  readonly #timer: NodeJS.Timeout | undefined
  #nextMember = 1
  #closed = false

  constructor(options: ExecutorRegistryOptions) {
    super()
    this.epoch = options.epoch
    this.heartbeatIntervalMs = options.heartbeatIntervalMs
    this.executorTimeoutMs = options.executorTimeoutMs
    this.#clock = options.clock ?? new SystemClock()
    const every = options.checkIntervalMs ?? Math.min(1000, Math.max(10, Math.floor(options.executorTimeoutMs / 4)))
    if (every > 0) {
      this.#timer = setInterval(() => this.expireLost(), every)
      this.#timer.unref()
    }
  }

  /**
   * Registers an executor. An id already live with the same address and slots is the
   * same member (a retried registration): only its liveness is refreshed. With a
   * different address or slots it is a new process: the old member is removed first.
   */
  register(registration: ExecutorRegistration): { epoch: number; heartbeatIntervalMs: number } {
    if (this.#closed) throw new Error('the executor registry is closed')
    const now = this.#clock.now()
    const existing = this.#members.get(registration.executorId)
    if (existing && existing.info.address === registration.address && existing.info.slots === registration.slots) {
      existing.lastSeenMs = now
    } else {
      if (existing) this.remove(registration.executorId, `registered again from ${registration.address}`)
      const info: ExecutorInfo = Object.freeze({
        executorId: registration.executorId, address: registration.address, slots: registration.slots,
        host: registration.host ?? '', pid: registration.pid ?? 0, member: this.#nextMember++, registeredAtMs: now,
      })
      this.#members.set(info.executorId, { info, lastSeenMs: now })
      this.emit('executor-added', info)
    }
    return { epoch: this.epoch, heartbeatIntervalMs: this.heartbeatIntervalMs }
  }

  /** Records a heartbeat; `registered` is false when the executor is not (or no longer) a member. */
  heartbeat(executorId: string): { registered: boolean; epoch: number } {
    this.expireLost()
    const member = this.#members.get(executorId)
    if (member) member.lastSeenMs = this.#clock.now()
    return { registered: member !== undefined, epoch: this.epoch }
  }

  /** Removes the executors not heard from for more than the timeout; returns them. */
  expireLost(): ExecutorInfo[] {
    const now = this.#clock.now()
    const lost: ExecutorInfo[] = []
    for (const member of [...this.#members.values()]) {
      const silentMs = now - member.lastSeenMs
      if (silentMs > this.executorTimeoutMs) {
        lost.push(member.info)
        this.remove(member.info.executorId, `no heartbeat for ${silentMs} ms (spark.network.timeout ${this.executorTimeoutMs} ms)`)
      }
    }
    return lost
  }

  /** Removes an executor (lost, or told to go); false when it was not a member. */
  remove(executorId: string, reason: string): boolean {
    const member = this.#members.get(executorId)
    if (!member) return false
    this.#members.delete(executorId)
    this.emit('executor-removed', member.info, reason)
    return true
  }

  get(executorId: string): ExecutorInfo | undefined {
    return this.#members.get(executorId)?.info
  }

  /** The live executors, in registration order. */
  live(): ExecutorInfo[] {
    return [...this.#members.values()].map((m) => m.info)
  }

  /** Stops the liveness checks and removes every executor. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    if (this.#timer) clearInterval(this.#timer)
    for (const id of [...this.#members.keys()]) this.remove(id, 'the coordinator is closing')
  }
}
