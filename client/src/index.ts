// @sluice/client: the user's API (PySpark's names, TypeScript's habits).
export * from './session/sluice.js'
export * from './dataframe/data-frame.js'
export * from './dataframe/grouped-data.js'
export * from './dataframe/data-frame-reader.js'
export * from './dataframe/data-frame-writer.js'
export * from './streaming/data-stream-reader.js'
export * from './streaming/data-stream-writer.js'
export * from './streaming/streaming-query.js'
export * from './column/index.js'
export * from './functions/index.js'
export * from './window/index.js'
export { StructType, StructField, parseDDL, SluiceError, AnalysisError, ExecutionError } from '@sluice/shared'
export type {
  StreamingQueryListener, StreamingQueryProgress, StreamingQueryStatus, StreamingQueryError,
  QueryStartedEvent, QueryProgressEvent, QueryIdleEvent, QueryTerminatedEvent,
} from '@sluice/coordinator'
export type { QueryHandle, StreamsFacade } from './session/session-backend.js'
export { REMOTE_CONF } from './remote/remote-options.js'
