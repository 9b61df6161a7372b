export * from './memory-stream.js'
