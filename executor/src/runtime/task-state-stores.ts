import { StateStoreProviderCache, type StateStore } from '../state/index.js'
import type { TaskStateStores } from './run-task.js'
import { statefulOperatorIds } from './run-task.js'
import type { Task } from './task.js'
import type { OperatorStateStore } from './task-context.js'

/**
 * Opens, for a micro-batch task, the state store of every stateful operator at
 * version `batchId` (the state after batches 0..batchId-1); committing writes
 * version batchId + 1 for all of them. Embedded mode keeps one partition per operator.
 */
export function stateStoreOpener(cache: StateStoreProviderCache): (task: Task) => Promise<TaskStateStores> {
  return async (task) => {
    const location = task.streaming!.stateLocation
    const stores = new Map<number, StateStore>()
    for (const operatorId of statefulOperatorIds(task.plan)) {
      const provider = cache.get({ checkpointRoot: location, operatorId, partitionId: 0 })
      stores.set(operatorId, provider.getStore(task.batchId))
    }
    return {
      store(operatorId: number): OperatorStateStore {
        const store = stores.get(operatorId)!
        return {
          get: (key) => store.get(key),
          put: (key, value) => store.put(key, value),
          remove: (key) => store.remove(key),
          entries: () => store.iterator(),
        }
      },
      async commit() {
        for (const store of stores.values()) store.commit()
        for (const operatorId of stores.keys()) cache.get({ checkpointRoot: location, operatorId, partitionId: 0 }).doMaintenance()
      },
      abort() {
        for (const store of stores.values()) store.abort()
      },
      memoryUsedBytes(operatorId: number) {
        return stores.get(operatorId)?.metrics.memoryUsedBytes ?? 0
      },
    }
  }
}
