export * from './executor-registry.js'
export * from './cluster-service.js'
export * from './cluster-runtime.js'
