import { parseJsonNode, progressFromJson, renderCompact, type StreamingQueryListenerEvent, type StreamingQueryStatus } from '@sluice/coordinator'
import type { QueryEvent__Output } from '@sluice/proto'

/**
 * A `QueryEvent` of WatchEvents as the listener event embedded mode posts: Spark's
 * event JSON read back (a progress through `progressFromJson`, so offsets stay their
 * JSON text and big numbers exact). Undefined for an event type this client does
 * not know (a newer server), which listeners never see.
 */
export function listenerEventOf(event: QueryEvent__Output): StreamingQueryListenerEvent | undefined {
  switch (event.type) {
    case 'QueryStartedEvent': {
      const json = objectOf(event.json)
      return { type: 'QueryStartedEvent', id: str(json['id']) ?? event.queryId, runId: str(json['runId']) ?? event.runId, name: str(json['name']), timestamp: str(json['timestamp']) ?? '' }
    }
    case 'QueryProgressEvent':
      return { type: 'QueryProgressEvent', progress: progressFromJson(progressJsonOf(event.json)) }
    case 'QueryIdleEvent': {
      const json = objectOf(event.json)
      return { type: 'QueryIdleEvent', id: str(json['id']) ?? event.queryId, runId: str(json['runId']) ?? event.runId, timestamp: str(json['timestamp']) ?? '' }
    }
    case 'QueryTerminatedEvent': {
      const json = objectOf(event.json)
      return {
        type: 'QueryTerminatedEvent', id: str(json['id']) ?? event.queryId, runId: str(json['runId']) ?? event.runId,
        exception: str(json['exception']), errorClassOnException: str(json['errorClassOnException']),
      }
    }
    default:
      return undefined
  }
}

/** The progress JSON inside a QueryProgressEvent's `{"progress": {...}}` (or a bare progress). */
export function progressJsonOf(eventJson: string): string {
  const root = parseJsonNode(eventJson)
  if (root.kind === 'object') {
    const inner = root.fields.find(([key]) => key === 'progress')?.[1]
    if (inner?.kind === 'object') return renderCompact(inner)
  }
  return eventJson
}

/** Spark's `status.json` read back; an empty text is the status before the server said anything. */
export function statusFromJson(json: string): StreamingQueryStatus | undefined {
  if (json.trim() === '') return undefined
  const value = objectOf(json)
  return { message: str(value['message']) ?? '', isDataAvailable: value['isDataAvailable'] === true, isTriggerActive: value['isTriggerActive'] === true }
}

function objectOf(json: string): Record<string, unknown> {
  const value = JSON.parse(json) as unknown
  return typeof value === 'object' && value !== null ? value as Record<string, unknown> : {}
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}
