import type { SluiceServiceHandlers } from '@sluice/proto'
import { eventHandlers } from './event-handlers.js'
import { memoryStreamHandlers } from './memory-stream-handlers.js'
import { queryHandlers } from './query-handlers.js'
import { sessionHandlers } from './session-handlers.js'
import { sinkCallbackHandlers } from './sink-callback-handlers.js'
import { sqlHandlers } from './sql-handlers.js'
import type { ServiceContext } from './service-context.js'

/** Every handler of `sluice.v1.SluiceService`, over the coordinator's sessions. */
export function sluiceServiceHandlers(context: ServiceContext): SluiceServiceHandlers {
  return {
    ...sqlHandlers(context),
    ...sessionHandlers(context),
    ...queryHandlers(context),
    ...eventHandlers(context),
    ...sinkCallbackHandlers(context),
    ...memoryStreamHandlers(context),
  }
}
