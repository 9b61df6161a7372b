// Row sources the coordinator drives (rate, socket, memory): it reads their rows and hands them to tasks.
export * from './stream-source.js'
export * from './rate-stream-source.js'
export * from './socket-stream-source.js'
export * from './memory-stream.js'
