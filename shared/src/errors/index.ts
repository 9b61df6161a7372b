export * from './grpc-status.js'
export * from './sluice-error.js'
