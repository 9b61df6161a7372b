// Streaming runtime building blocks: progress, listeners, triggers, the file source log.
// (The micro-batch loop lives in ./execution and has its own barrel.)
export * from './progress/progress-types.js'
export * from './progress/progress-json.js'
export * from './progress/progress-reporter.js'
export { parseJsonNode, renderCompact, renderPretty, toJsonNode, type JsonNode } from './progress/json-text.js'
export * from './listeners/listener-events.js'
export * from './listeners/streaming-listener-bus.js'
export * from './triggers/trigger.js'
export * from './triggers/processing-time-executor.js'
export * from './file-source/file-stream-source-log.js'
export * from './file-source/file-stream-source-state.js'
export * from './file-source/file-stream-source-cleaner.js'
export { SeenFilesMap } from './file-source/seen-files-map.js'
