import type { CoordinatorSessions } from '../sessions/coordinator-sessions.js'
import type { AllowedPaths } from './security/allowed-paths.js'

/** What the SluiceService handlers share. */
export interface ServiceContext {
  readonly sessions: CoordinatorSessions
  readonly allowedPaths: AllowedPaths
  /** Reported by CreateSession. */
  readonly serverVersion: string
  /** The send limit of every call (`--max-message-bytes`). */
  readonly maxMessageBytes: number
  /** Aborted when the coordinator shuts down: long-lived streams (WatchEvents, SinkCallbacks) end. */
  readonly shutdown: AbortSignal
}
