import { afterAll, afterEach, beforeAll } from 'vitest'
import { forgetExitedProcesses, processLogTails } from '../cluster/managed-process.js'
import { openModeSession, type ModeSession, type SessionMode } from './session-modes.js'

export interface ModeSessionHooks {
  /** The open session (from the enclosing describe's beforeAll on). */
  readonly session: ModeSession
}

/**
 * Registers in the calling `describe`: a session in `mode` opened before its tests
 * (`onOpen` gets it, to assign a suite's `spark`), closed with its cluster after them,
 * and the cluster's process log tails printed after each failing test.
 */
export function useModeSession(
  mode: SessionMode, appName: string, onOpen: (session: ModeSession) => void = () => undefined,
  conf: Readonly<Record<string, string>> = {},
): ModeSessionHooks {
  let session: ModeSession | undefined
  beforeAll(async () => {
    forgetExitedProcesses()
    session = await openModeSession(mode, appName, conf)
    onOpen(session)
  })
  afterAll(async () => {
    await session?.close()
  })
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail' && session?.cluster) console.error(`${appName} (${mode}) failed:\n${processLogTails(60)}`)
  })
  return {
    get session() {
      if (!session) throw new Error(`the ${mode} session of ${appName} is not open yet`)
      return session
    },
  }
}
