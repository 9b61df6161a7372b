import { jsonObject, jsonString, renderCompact } from '../progress/json-text.js'
import { streamingQueryProgressNode } from '../progress/progress-json.js'
import type { StreamingQueryProgress } from '../progress/progress-types.js'

/** Posted synchronously when a query starts (before `start()` returns). */
export interface QueryStartedEvent {
  readonly type: 'QueryStartedEvent'
  readonly id: string
  readonly runId: string
  readonly name: string | null
  /** `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`. */
  readonly timestamp: string
}

/** Posted after each trigger that ran a batch. */
export interface QueryProgressEvent {
  readonly type: 'QueryProgressEvent'
  readonly progress: StreamingQueryProgress
}

/** Posted when triggers find no new data, at most once per `spark.sql.streaming.noDataProgressEventInterval`. */
export interface QueryIdleEvent {
  readonly type: 'QueryIdleEvent'
  readonly id: string
  readonly runId: string
  readonly timestamp: string
}

/** Posted when a query stops; `exception` is null for a clean stop. */
export interface QueryTerminatedEvent {
  readonly type: 'QueryTerminatedEvent'
  readonly id: string
  readonly runId: string
  readonly exception: string | null
  readonly errorClassOnException: string | null
}

export type StreamingQueryListenerEvent = QueryStartedEvent | QueryProgressEvent | QueryIdleEvent | QueryTerminatedEvent

/**
 * A listener of query events (Spark's StreamingQueryListener). Every method is
 * optional; one may return a promise, which the bus awaits before delivering the
 * next event to any listener (delivery stays in order).
 */
export interface StreamingQueryListener {
  onQueryStarted?(event: QueryStartedEvent): void
  onQueryProgress?(event: QueryProgressEvent): void | Promise<void>
  onQueryIdle?(event: QueryIdleEvent): void | Promise<void>
  onQueryTerminated?(event: QueryTerminatedEvent): void | Promise<void>
}

/** The event's JSON as Spark's `event.json` (the `type` tag is not part of it). */
export function listenerEventToJson(event: StreamingQueryListenerEvent): string {
  switch (event.type) {
    case 'QueryStartedEvent':
      return renderCompact(jsonObject([['id', jsonString(event.id)], ['runId', jsonString(event.runId)], ['name', jsonString(event.name)], ['timestamp', jsonString(event.timestamp)]]))
    case 'QueryProgressEvent':
      return renderCompact(jsonObject([['progress', streamingQueryProgressNode(event.progress)]]))
    case 'QueryIdleEvent':
      return renderCompact(jsonObject([['id', jsonString(event.id)], ['runId', jsonString(event.runId)], ['timestamp', jsonString(event.timestamp)]]))
    case 'QueryTerminatedEvent':
      return renderCompact(
        jsonObject([
          ['id', jsonString(event.id)],
          ['runId', jsonString(event.runId)],
          ['exception', jsonString(event.exception)],
          ['errorClassOnException', jsonString(event.errorClassOnException)],
        ]),
      )
  }
}
