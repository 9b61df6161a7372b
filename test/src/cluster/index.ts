// Real coordinator and executor processes on loopback, for tests and `npm run bench`.
export * from './managed-process.js'
export * from './local-cluster.js'
export * from './free-port.js'
