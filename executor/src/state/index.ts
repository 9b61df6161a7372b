// Versioned state stores for stateful streaming operators (Spark's StateStore).
export * from './state-store.js'
export * from './state-store-conf.js'
export * from './state-store-error.js'
export { HDFSBackedStateStoreProvider, stateStoreFolder } from './hdfs-backed-state-store-provider.js'
export { StateStoreProviderCache } from './state-store-provider-cache.js'
export { estimateEntryBytes } from './estimate-size.js'
