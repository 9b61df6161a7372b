// Streaming sources run by the executor (the file source is planned by the coordinator).
export * from './stream-source.js'
export * from './rate/rate-stream-source.js'
export * from './socket/socket-stream-source.js'
export * from './memory/memory-stream.js'
