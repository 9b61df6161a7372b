import { Worker } from 'node:worker_threads'
import { InternalError, SluiceError, type ErrorDomain, type GrpcStatusCode } from '@sluice/shared'
import type { Task, TaskResult } from '../runtime/task.js'
import { taskAbortedError } from '@sluice/storage'
import type { StateStoreConf } from '../state/index.js'
import { LocalExecutor } from './local-executor.js'
import type { WorkerReply, WorkerRequest, WorkerSetup } from './executor-worker-messages.js'

export interface ExecutorPoolOptions {
  /** Settings of each worker's state store providers (defaults: DEFAULT_STATE_STORE_CONF). */
  readonly stateStore?: StateStoreConf
}

export interface RunEncodedOptions {
  /** Aborts the task: queued, it never starts; running, its worker aborts it (see `runTask`). */
  readonly signal?: AbortSignal
  /**
   * Tasks of one key (a query id) that keep state go to the worker that ran the key's
   * last stateful task, where its state stores stay cached.
   */
  readonly affinity?: string
}

/** What a worker answers for one encoded task. */
export interface EncodedTaskOutcome {
  /** The encoded TaskResult. */
  readonly result: Uint8Array
  /** Absolute paths of the data files the task wrote: whoever cannot deliver the result deletes them. */
  readonly writtenPaths: readonly string[]
  /** Which worker ran it (0-based). */
  readonly slot: number
}

interface Job {
  readonly id: number
  readonly bytes: Uint8Array
  readonly affinity: string | undefined
  readonly signal: AbortSignal | undefined
  readonly resolve: (outcome: EncodedTaskOutcome) => void
  readonly reject: (error: unknown) => void
  readonly detach: () => void
  slot?: Slot
}

interface Slot {
  readonly index: number
  worker?: Worker
  job?: Job
}

/**
 * An executor's slots: one worker thread each, one task per worker at a time, a
 * FIFO queue beyond that. Tasks and results cross as the same bytes as over the
 * wire. A stateful task runs with its worker's own state store cache; later tasks
 * of its query (`affinity`) go to that worker, waiting for it if it is busy, so the
 * state stays cached. Workers start lazily and do not keep the process alive.
 */
export class ExecutorPool {
  readonly #slots: Slot[]
  readonly #queue: Job[] = []
  /** affinity → the slot that ran its last stateful task. */
  readonly #homes = new Map<string, number>()
  readonly #codec = new LocalExecutor()
  readonly #setup: WorkerSetup
  #nextId = 0
  #closed = false

  constructor(readonly size: number, options: ExecutorPoolOptions = {}) {
    if (!Number.isInteger(size) || size < 1) throw new InternalError(`an executor pool needs at least one slot, not ${size}`)
    this.#slots = Array.from({ length: size }, (_, index) => ({ index }))
    this.#setup = { ...(options.stateStore ? { stateStore: options.stateStore } : {}) }
  }

  /** Runs the tasks in parallel over the slots; results in task order. */
  runAll(tasks: readonly Task[]): Promise<TaskResult[]> {
    return Promise.all(tasks.map((task) => this.#codec.runVia(task, async (bytes) => (await this.runEncoded(bytes)).result)))
  }

  /** Runs one encoded task on a free slot (queued until one is) and answers its encoded result. */
  runEncoded(bytes: Uint8Array, options: RunEncodedOptions = {}): Promise<EncodedTaskOutcome> {
    if (this.#closed) return Promise.reject(new InternalError('the executor pool is closed'))
    const signal = options.signal
    if (signal?.aborted) return Promise.reject(taskAbortedError(signal))
    return new Promise((resolve, reject) => {
      const onAbort = (): void => this.#abort(job)
      const job: Job = {
        id: this.#nextId++,
        bytes,
        affinity: options.affinity,
        signal,
        resolve: (outcome) => { job.detach(); resolve(outcome) },
        reject: (error) => { job.detach(); reject(error) },
        detach: () => signal?.removeEventListener('abort', onAbort),
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#queue.push(job)
      this.#dispatch()
    })
  }

  /** Tasks running now. */
  get running(): number {
    return this.#slots.filter((slot) => slot.job !== undefined).length
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.#queue.length
  }

  /** Rejects the queued tasks, stops the workers (running tasks fail). */
  async close(): Promise<void> {
    this.#closed = true
    for (const job of this.#queue.splice(0)) job.reject(new InternalError('the executor pool was closed before the task started'))
    const workers = this.#slots.flatMap((slot) => (slot.worker ? [slot.worker] : []))
    for (const slot of this.#slots) {
      const job = slot.job
      slot.job = undefined
      slot.worker = undefined
      job?.reject(new InternalError('the executor pool was closed while the task ran'))
    }
    await Promise.all(workers.map((worker) => worker.terminate()))
  }

  #abort(job: Job): void {
    const queued = this.#queue.indexOf(job)
    if (queued >= 0) {
      this.#queue.splice(queued, 1)
      job.reject(taskAbortedError(job.signal))
      return
    }
    // Running: the worker aborts it and answers with an AbortError once its files are deleted.
    const request: WorkerRequest = { type: 'abort', id: job.id }
    job.slot?.worker?.postMessage(request)
  }

  #dispatch(): void {
    for (let i = 0; i < this.#queue.length;) {
      const job = this.#queue[i]!
      const slot = this.#slotFor(job)
      if (!slot) { i++; continue }
      this.#queue.splice(i, 1)
      this.#start(slot, job)
    }
  }

  /** A free slot for `job`: its query's home, or (without one) a free slot no query calls home, else any free slot. */
  #slotFor(job: Job): Slot | undefined {
    const home = job.affinity === undefined ? undefined : this.#homes.get(job.affinity)
    if (home !== undefined) {
      const slot = this.#slots[home]!
      return slot.job === undefined ? slot : undefined
    }
    const homes = new Set(this.#homes.values())
    const free = this.#slots.filter((slot) => slot.job === undefined)
    return free.find((slot) => !homes.has(slot.index)) ?? free[0]
  }

  #start(slot: Slot, job: Job): void {
    slot.job = job
    job.slot = slot
    const request: WorkerRequest = { type: 'run', id: job.id, task: job.bytes }
    this.#worker(slot).postMessage(request)
  }

  #finish(slot: Slot, reply: WorkerReply): void {
    const job = slot.job
    if (!job || job.id !== reply.id) return
    slot.job = undefined
    if (reply.stateful && job.affinity !== undefined) this.#homes.set(job.affinity, slot.index)
    if ('result' in reply) job.resolve({ result: reply.result, writtenPaths: reply.writtenPaths, slot: slot.index })
    else if (reply.aborted) job.reject(taskAbortedError(job.signal))
    else job.reject(rebuildError(reply.error))
    this.#dispatch()
  }

  /** A worker died: its task fails (retryable elsewhere), its state is gone, the next task starts a new one. */
  #lose(slot: Slot, worker: Worker, error: unknown): void {
    if (slot.worker !== worker) return
    slot.worker = undefined
    for (const [affinity, home] of this.#homes) if (home === slot.index) this.#homes.delete(affinity)
    const job = slot.job
    slot.job = undefined
    job?.reject(new SluiceError({
      errorClass: 'EXECUTOR_WORKER_LOST',
      message: `The worker thread of slot ${slot.index} stopped while running the task: ${error instanceof Error ? error.message : String(error)}`,
      domain: 'internal', retryable: true,
    }))
    if (!this.#closed) this.#dispatch()
  }

  #worker(slot: Slot): Worker {
    if (slot.worker) return slot.worker
    const worker = new Worker(workerEntry(), { workerData: this.#setup })
    worker.unref()
    worker.on('message', (reply: WorkerReply) => this.#finish(slot, reply))
    worker.on('error', (error) => this.#lose(slot, worker, error))
    worker.on('exit', (code) => this.#lose(slot, worker, new Error(`exit code ${code}`)))
    slot.worker = worker
    return worker
  }
}

/**
 * The worker's entry: from TypeScript sources (tests, tsx) a bootstrap that registers
 * tsx in the worker first; compiled, the worker's JavaScript itself.
 */
function workerEntry(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./executor-worker-bootstrap.mjs', import.meta.url)
    : new URL('./executor-worker.js', import.meta.url)
}

function rebuildError(error: Record<string, unknown>): SluiceError {
  const errorClass = String(error['errorClass'] ?? 'INTERNAL_ERROR')
  const message = String(error['message'] ?? '').replace(`[${errorClass}] `, '')
  return new SluiceError({
    errorClass, message,
    params: (error['params'] as Record<string, string> | undefined) ?? {},
    domain: (error['domain'] as ErrorDomain | undefined) ?? 'internal',
    retryable: error['retryable'] === true,
    ...(error['grpcStatus'] !== undefined ? { grpcStatus: error['grpcStatus'] as GrpcStatusCode } : {}),
  })
}
