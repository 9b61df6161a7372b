import { parentPort, workerData } from 'node:worker_threads'
import { SluiceError } from '@sluice/shared'
import { isAbortError } from '@sluice/storage'
import { stateStoreOpener } from '../runtime/task-state-stores.js'
import { DEFAULT_STATE_STORE_CONF, StateStoreProviderCache } from '../state/index.js'
import { LocalExecutor } from './local-executor.js'
import type { WorkerReply, WorkerRequest, WorkerSetup } from './executor-worker-messages.js'

/**
 * A worker thread of an executor: runs one encoded task at a time (the pool sees to
 * it) and answers its encoded result or error. Stateful tasks open their stores
 * through this worker's own provider cache, so consecutive batches of a query that
 * come back here read their state from memory. An abort message aborts the task
 * through its AbortSignal (it deletes what it wrote).
 */
const setup = (workerData ?? {}) as WorkerSetup
const openStores = stateStoreOpener(new StateStoreProviderCache(setup.stateStore ?? DEFAULT_STATE_STORE_CONF))

/** What the task running now has done, as the runtime reports it. */
let current: { stateful: boolean; writtenPaths: readonly string[] } | undefined
const controllers = new Map<number, AbortController>()

const executor = new LocalExecutor({
  openStateStores: (task) => {
    if (current) current.stateful = true
    return openStores(task)
  },
  onFilesWritten: (paths) => {
    if (current) current.writtenPaths = [...paths]
  },
})

parentPort!.on('message', (request: WorkerRequest) => {
  if (request.type === 'abort') {
    controllers.get(request.id)?.abort()
    return
  }
  void run(request.id, request.task)
})

async function run(id: number, task: Uint8Array): Promise<void> {
  const controller = new AbortController()
  controllers.set(id, controller)
  const done = { stateful: false, writtenPaths: [] as readonly string[] }
  current = done
  let reply: WorkerReply
  try {
    const result = await executor.runEncoded(task, { signal: controller.signal })
    reply = { id, stateful: done.stateful, result, writtenPaths: done.writtenPaths }
  } catch (error) {
    reply = { id, stateful: done.stateful, aborted: isAbortError(error), error: describeError(error) }
  } finally {
    controllers.delete(id)
    if (current === done) current = undefined
  }
  parentPort!.postMessage(reply, 'result' in reply && ownsBuffer(reply.result) ? [reply.result.buffer as ArrayBuffer] : [])
}

/** Whether `bytes` is alone in its buffer (small Buffers share a pool that must not be transferred away). */
function ownsBuffer(bytes: Uint8Array): boolean {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && !(bytes.buffer instanceof SharedArrayBuffer)
}

function describeError(error: unknown): Record<string, unknown> {
  if (SluiceError.isInstance(error)) {
    return { errorClass: error.errorClass, message: error.message, params: error.params, domain: error.domain, retryable: error.retryable, grpcStatus: error.grpcStatus }
  }
  return { errorClass: 'INTERNAL_ERROR', message: error instanceof Error ? error.message : String(error), domain: 'internal' }
}
