import { BenchSkipped, type BenchCase, type BenchContext } from './bench-case.js'

/** The measurement of one case. */
export interface BenchMeasurement {
  readonly name: string
  readonly description?: string
  /** Rows per second of the fastest run (the figure reported as `rowsPerSec`). */
  readonly rowsPerSec: number
  readonly medianRowsPerSec: number
  readonly rows: number
  readonly bestMs: number
  readonly medianMs: number
  readonly runs: number
  /** Process CPU time (all threads) of the fastest run, and rows per CPU second: steadier than wall time on a shared machine. */
  readonly bestCpuMs: number
  readonly cpuRowsPerSec: number
  readonly extra?: Readonly<Record<string, number | string>>
  /** Set when the case could not run here; then the figures are 0. */
  readonly skipped?: string
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * Runs `benchCase` `repeat` times after its untimed setup and one untimed warm-up
 * run (JIT), and reports the best and the median.
 */
export async function measureCase(benchCase: BenchCase, context: BenchContext, repeat: number): Promise<BenchMeasurement> {
  const base = { name: benchCase.name, ...(benchCase.description === undefined ? {} : { description: benchCase.description }) }
  try {
    await benchCase.setup?.(context)
    await benchCase.run(context)
    const durations: number[] = []
    const cpuDurations: number[] = []
    let rows = 0
    let extra: Readonly<Record<string, number | string>> | undefined
    for (let i = 0; i < repeat; i++) {
      const started = performance.now()
      const cpuStarted = process.cpuUsage()
      const result = await benchCase.run(context)
      durations.push(performance.now() - started)
      const cpu = process.cpuUsage(cpuStarted)
      cpuDurations.push((cpu.user + cpu.system) / 1000)
      rows = result.rows
      extra = result.extra
    }
    const bestMs = Math.min(...durations)
    const medianMs = median(durations)
    const bestCpuMs = Math.min(...cpuDurations)
    return {
      ...base,
      rowsPerSec: Math.round(rows / (bestMs / 1000)),
      medianRowsPerSec: Math.round(rows / (medianMs / 1000)),
      rows,
      bestMs: Math.round(bestMs * 10) / 10,
      medianMs: Math.round(medianMs * 10) / 10,
      runs: repeat,
      bestCpuMs: Math.round(bestCpuMs * 10) / 10,
      cpuRowsPerSec: Math.round(rows / (bestCpuMs / 1000)),
      ...(extra === undefined ? {} : { extra }),
    }
  } catch (error) {
    const reason = error instanceof BenchSkipped ? error.message : `failed: ${(error as Error).message ?? String(error)}`
    return { ...base, rowsPerSec: 0, medianRowsPerSec: 0, rows: 0, bestMs: 0, medianMs: 0, runs: 0, bestCpuMs: 0, cpuRowsPerSec: 0, skipped: reason }
  } finally {
    await benchCase.teardown?.(context).catch(() => undefined)
  }
}
