import { Worker } from 'node:worker_threads'
import { SluiceError, type ErrorDomain, type GrpcStatusCode } from '@sluice/shared'
import type { Task, TaskResult } from '../runtime/task.js'
import { LocalExecutor } from './local-executor.js'

interface Pending { resolve: (bytes: Uint8Array) => void; reject: (error: unknown) => void }

/**
 * Executors on worker threads, for stateless tasks that can run side by side
 * (file splits of one micro-batch). Tasks and results cross as the same bytes as
 * over the wire. Workers start lazily and do not keep the process alive.
 */
export class ExecutorPool {
  readonly #workers: Worker[] = []
  readonly #pending = new Map<number, Pending>()
  readonly #codec = new LocalExecutor()
  #nextId = 0
  #nextWorker = 0

  constructor(readonly size: number) {}

  /** Runs the tasks in parallel, one per worker in turn. */
  runAll(tasks: readonly Task[]): Promise<TaskResult[]> {
    return Promise.all(tasks.map((task) => this.#codec.runVia(task, (bytes) => this.send(bytes))))
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()))
    this.#workers.length = 0
  }

  private send(bytes: Uint8Array): Promise<Uint8Array> {
    const worker = this.worker()
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      worker.postMessage({ id, task: bytes })
    })
  }

  private worker(): Worker {
    if (this.#workers.length < this.size) {
      const worker = new Worker(new URL(import.meta.url.endsWith('.js') ? './executor-worker.js' : './executor-worker-bootstrap.mjs', import.meta.url))
      worker.unref()
      worker.on('message', (message: { id: number; result?: Uint8Array; error?: Record<string, unknown> }) => {
        const pending = this.#pending.get(message.id)
        if (!pending) return
        this.#pending.delete(message.id)
        if (message.result) pending.resolve(message.result)
        else pending.reject(rebuildError(message.error ?? {}))
      })
      worker.on('error', (error) => {
        for (const [id, pending] of this.#pending) { pending.reject(error); this.#pending.delete(id) }
      })
      this.#workers.push(worker)
      return worker
    }
    const worker = this.#workers[this.#nextWorker % this.#workers.length]!
    this.#nextWorker++
    return worker
  }
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
