// The raw grpc-js client and call helpers of the coordinator's service tests, for tests of a coordinator process.
export * from '@sluice/coordinator/testing'
