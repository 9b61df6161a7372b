/**
 * Setup of the `unit` test project: coordinator tests run their tasks on the real
 * executor runtime in this process, without the coordinator depending on it. Every
 * engine built without a scheduler or an executor gets an in-process executor with
 * its own state stores, as an embedded session has. The executor's modules load at
 * the first task (this runs before every test file, most of which run none).
 */
import { setDefaultInProcessExecutor, IN_PROCESS_EXECUTOR_ID } from './coordinator/src/scheduler/in-process-scheduler.js'
import type { ExecutorEndpoint } from './coordinator/src/scheduler/task-scheduler.js'

async function loadExecutor(threads: () => number): Promise<ExecutorEndpoint> {
  const [{ InProcessExecutor }, { DEFAULT_STATE_STORE_CONF }, { StateStoreProviderCache }, { stateStoreOpener }] = await Promise.all([
    import('./executor/src/service/in-process-executor.js'),
    import('./executor/src/state/state-store-conf.js'),
    import('./executor/src/state/state-store-provider-cache.js'),
    import('./executor/src/runtime/task-state-stores.js'),
  ])
  return new InProcessExecutor(threads, { openStateStores: stateStoreOpener(new StateStoreProviderCache({ ...DEFAULT_STATE_STORE_CONF, fsync: false })) })
}

setDefaultInProcessExecutor((threads): ExecutorEndpoint => {
  let executor: Promise<ExecutorEndpoint> | undefined
  const load = () => (executor ??= loadExecutor(threads))
  return {
    id: IN_PROCESS_EXECUTOR_ID,
    slots: Number.POSITIVE_INFINITY,
    launch: async (descriptor, bytes, signal) => (await load()).launch(descriptor, bytes, signal),
    close: async () => { if (executor) await (await executor).close?.() },
  }
})
