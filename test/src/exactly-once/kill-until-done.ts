import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { generateActivityFiles } from '@sluice/datagen'
import type { SeededDelays } from '../support/index.js'
import type { ChildQueryConfig } from './child-query-config.js'
import { runStreamingChild, type ChildRunOutcome } from './run-killed-child.js'

/** What one kill point SIGKILLs: the child, or another process (its `name` for the log). */
export type KillTarget = { readonly name: 'child' } | { readonly name: string; readonly kill: () => Promise<void> }

export interface KillPlan {
  /** Kills that must land on a running child (its own, or of `target`'s process) before the final run. */
  readonly kills: number
  readonly maxRuns: number
  /** What the kill point of run `run` SIGKILLs; the child when absent (no random draw then). */
  readonly target?: (random: SeededDelays, run: number, landed: readonly string[]) => KillTarget
  /** After each run, before the next (a killed coordinator comes back here); what it returns goes in the run's log line. */
  readonly afterRun?: () => Promise<string | undefined>
}

/**
 * SIGKILLs the child (or the plan's target) at seeded random points (a delay after
 * READY, or shortly after its k-th committed batch) until `plan.kills` kills have
 * landed while the child ran; whenever a run drained the input, more files arrive
 * before the next run, so that it has batches to kill. Then one run to the end.
 */
export async function killUntilDone(config: ChildQueryConfig, random: SeededDelays, log: string[], plan: KillPlan): Promise<ChildRunOutcome> {
  let kills = 0
  let midBatchKills = 0
  let extraFiles = 0
  const landed: string[] = []
  for (let run = 0; run < plan.maxRuns && kills < plan.kills; run++) {
    // Half the kills at any time after READY, half shortly after a committed batch (inside the next one).
    const point = random.next() < 0.5
      ? { afterBatches: 0, delayMs: random.between(0, 800) }
      : { afterBatches: random.between(1, 2), delayMs: random.between(0, 120) }
    // Half the runs also see a file arrive while they run (written atomically, as the generator does).
    const arrivalMs = random.next() < 0.5 ? random.between(0, 4_000) : undefined
    const target = plan.target?.(random, run, landed) ?? { name: 'child' }
    const kill = 'kill' in target ? { ...point, killOther: target.kill } : point
    const arriving = arrivalMs === undefined ? Promise.resolve() : sleep(arrivalMs).then(() =>
      generateActivityFiles({ outDir: config.inputDir, files: 1, rowsPerFile: 100, seed: random.between(1, 1e9), filePrefix: `arriving-${run}-` }))
    const outcome = await runStreamingChild(config, kill)
    await arriving
    const afterRun = await plan.afterRun?.()
    const position = await checkpointPosition(config.checkpointDir)
    // A kill of another process lands when the child had not finished (it may end its last batch as the kill comes).
    const hit = outcome.killed || (outcome.killLanded && !outcome.done)
    log.push(`run ${run}: kill ${target.name} ${kill.delayMs} ms after READY+${kill.afterBatches} batches${arrivalMs === undefined ? '' : `, a file arriving ${arrivalMs} ms after spawn`} → landed=${hit} exit=${outcome.exitCode} batches=[${outcome.batches.join(',')}] ${position}${afterRun === undefined ? '' : `, ${afterRun}`}`)
    if (hit && position.includes('uncommitted')) midBatchKills++
    if (hit) {
      kills++
      landed.push(target.name)
    } else if (outcome.exitCode !== 0) throw new Error(`child failed without a kill:\n${outcome.stderr}\n${log.join('\n')}`)
    if (!hit) {
      await generateActivityFiles({ outDir: config.inputDir, files: 8, rowsPerFile: 100, seed: random.between(1, 1e9), filePrefix: `late-${extraFiles++}-` })
    }
  }
  if (kills < plan.kills) throw new Error(`only ${kills} kills landed in ${plan.maxRuns} runs:\n${log.join('\n')}`)
  log.push(`${midBatchKills} of ${kills} kills left a batch logged in offsets/ but not in commits/`)
  const final = await runStreamingChild(config, undefined)
  log.push(`final run: exit=${final.exitCode} batches=[${final.batches.join(',')}] done=${final.done}`)
  return final
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** `offsets ≤ N, commits ≤ M` of a checkpoint, flagged `uncommitted` when a logged batch has no commit. */
async function checkpointPosition(checkpointDir: string): Promise<string> {
  const last = async (folder: string) => {
    const ids = existsSync(join(checkpointDir, folder)) ? (await readdir(join(checkpointDir, folder))).filter((n) => /^\d+$/.test(n)).map(Number) : []
    return ids.length === 0 ? -1 : Math.max(...ids)
  }
  const offsets = await last('offsets')
  const commits = await last('commits')
  return `offsets≤${offsets} commits≤${commits}${offsets > commits ? ' uncommitted' : ''}`
}
