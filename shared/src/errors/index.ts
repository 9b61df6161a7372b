export * from './grpc-status.js'
export * from './sluice-error.js'
export * from './invalid-plan-error.js'
