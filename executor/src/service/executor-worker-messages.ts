import type { StateStoreConf } from '../state/index.js'

/** What a worker thread is started with (its `workerData`). */
export interface WorkerSetup {
  readonly stateStore?: StateStoreConf
}

/** Pool → worker: run an encoded task, or abort the one running. */
export type WorkerRequest =
  | { readonly type: 'run'; readonly id: number; readonly task: Uint8Array }
  | { readonly type: 'abort'; readonly id: number }

/**
 * Worker → pool, once per task: the encoded result and the data files it wrote, or
 * the error (as plain fields: classes do not cross threads). `stateful` says the
 * task opened state stores (its query's later tasks should come back here).
 */
export type WorkerReply =
  | { readonly id: number; readonly stateful: boolean; readonly result: Uint8Array; readonly writtenPaths: readonly string[] }
  | { readonly id: number; readonly stateful: boolean; readonly aborted: boolean; readonly error: Record<string, unknown> }
