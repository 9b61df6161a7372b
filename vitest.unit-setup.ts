/**
 * Setup of the `unit` test project: coordinator tests run their tasks on the real
 * executor runtime in this process, without the coordinator depending on it. Every
 * engine built without a scheduler or an executor gets an in-process executor with
 * its own state stores, as an embedded session has. (The modules themselves, not the
 * package barrels: this runs before every test file.)
 */
import { setDefaultInProcessExecutor } from './coordinator/src/scheduler/in-process-scheduler.js'
import { InProcessExecutor } from './executor/src/service/in-process-executor.js'
import { DEFAULT_STATE_STORE_CONF } from './executor/src/state/state-store-conf.js'
import { StateStoreProviderCache } from './executor/src/state/state-store-provider-cache.js'
import { stateStoreOpener } from './executor/src/runtime/task-state-stores.js'

setDefaultInProcessExecutor((threads) =>
  new InProcessExecutor(threads, { openStateStores: stateStoreOpener(new StateStoreProviderCache({ ...DEFAULT_STATE_STORE_CONF, fsync: false })) }))
