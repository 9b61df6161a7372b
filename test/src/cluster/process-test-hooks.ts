import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { forgetExitedProcesses, killAllProcesses, processLogTails } from './managed-process.js'

/** What a file of process tests shares: its scratch folder and the notes printed with a failure. */
export interface ProcessTestFolder {
  /** A temporary folder for this file, removed after its tests. */
  readonly root: string
  /** Lines a test adds as it goes (kill points, seeds), printed above the log tails when it fails. */
  readonly notes: string[]
}

/**
 * The hooks every file of process tests needs: a scratch folder, the notes and every
 * process's log tail printed when a test fails, and no process left running after the file.
 */
export function useProcessTestFolder(prefix: string): ProcessTestFolder {
  let root: string | undefined
  const notes: string[] = []
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), prefix))
  })
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') console.error(`${notes.join('\n')}\n${processLogTails(60)}`)
    notes.length = 0
    forgetExitedProcesses()
  })
  afterAll(async () => {
    await killAllProcesses()
    if (root !== undefined) rmSync(root, { recursive: true, force: true })
  })
  return {
    get root() {
      if (root === undefined) throw new Error('the scratch folder exists once the tests run')
      return root
    },
    notes,
  }
}
