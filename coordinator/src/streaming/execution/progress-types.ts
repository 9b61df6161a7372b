// The progress and listener types of the streaming runtime live in ../progress and ../listeners.
export type { StreamingQueryProgress, StateOperatorProgress, SourceProgress, SinkProgress, StreamingQueryStatus } from '../progress/progress-types.js'
export type { QueryStartedEvent, QueryProgressEvent, QueryIdleEvent, QueryTerminatedEvent, StreamingQueryListener } from '../listeners/listener-events.js'
