import { Metadata } from '@grpc/grpc-js'
import { GrpcStatus, SluiceError } from '@sluice/shared'
import type { QueryEvent, SluiceServiceHandlers, WatchEventsRequest__Output } from '@sluice/proto'
import { serverStream } from './handler-adapters.js'
import type { ServiceContext } from './service-context.js'

/** Events a watcher may have queued unread before it is cut off (a stalled client must not grow the heap). */
export const MAX_QUEUED_EVENTS = 10_000

/** A WatchEvents client that stopped reading. */
export class EventWatcherTooSlowError extends SluiceError {
  constructor() {
    super({
      errorClass: 'EVENT_WATCHER_TOO_SLOW', domain: 'external', grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED,
      message: `The client read no listener events while ${MAX_QUEUED_EVENTS} queued up; the stream ends. Call WatchEvents again to resume.`,
    })
  }
}

/**
 * WatchEvents: the listener events (started, progress, idle, terminated) of one
 * session's queries, or of every session's, as Spark's JSON, until the client
 * cancels or the coordinator shuts down.
 */
export function eventHandlers(context: ServiceContext): Pick<SluiceServiceHandlers, 'WatchEvents'> {
  const { sessions, shutdown } = context
  return {
    WatchEvents: serverStream(async (request: WatchEventsRequest__Output, call) => {
      if (request.sessionId !== '') sessions.get(request.sessionId)
      let tooSlow = false
      await new Promise<void>((resolve) => {
        const finish = (): void => {
          unsubscribe()
          shutdown.removeEventListener('abort', finish)
          call.off('cancelled', finish)
          call.off('close', finish)
          resolve()
        }
        const unsubscribe = sessions.events.watch(request.sessionId === '' ? undefined : request.sessionId, (event) => {
          if (call.cancelled) return
          if (call.writableLength >= MAX_QUEUED_EVENTS) {
            tooSlow = true
            finish()
            return
          }
          const message: QueryEvent = { type: event.type, queryId: event.queryId, runId: event.runId, json: event.json }
          call.write(message)
        })
        shutdown.addEventListener('abort', finish)
        call.on('cancelled', finish)
        call.on('close', finish)
        // Headers now, so the client knows the watch is in place before any event.
        call.sendMetadata(new Metadata())
        if (shutdown.aborted) finish()
      })
      if (tooSlow) throw new EventWatcherTooSlowError()
    }),
  }
}
