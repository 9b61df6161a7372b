import { HDFSBackedStateStoreProvider, stateStoreFolder } from './hdfs-backed-state-store-provider.js'
import { DEFAULT_STATE_STORE_CONF, type StateStoreConf } from './state-store-conf.js'
import type { StateStoreId } from './state-store.js'

/**
 * The providers loaded on one executor, one per store folder (Spark's
 * `StateStore.loadedProviders`), so that consecutive batches of a partition reuse
 * the cached versions instead of reading files.
 */
export class StateStoreProviderCache {
  private readonly providers = new Map<string, HDFSBackedStateStoreProvider>()

  constructor(private readonly conf: StateStoreConf = DEFAULT_STATE_STORE_CONF) {}

  get(id: StateStoreId): HDFSBackedStateStoreProvider {
    const folder = stateStoreFolder(id)
    let provider = this.providers.get(folder)
    if (provider === undefined) {
      provider = new HDFSBackedStateStoreProvider(id, this.conf)
      this.providers.set(folder, provider)
    }
    return provider
  }

  /** Drops every provider under `checkpointRoot` (a query stopped). */
  unload(checkpointRoot: string): void {
    const prefix = stateStoreFolder({ checkpointRoot, operatorId: 0, partitionId: 0 }).replace(/0[\\/]0$/, '')
    for (const [folder, provider] of this.providers) {
      if (folder.startsWith(prefix)) {
        provider.close()
        this.providers.delete(folder)
      }
    }
  }
}
