import { availableParallelism, cpus, loadavg } from 'node:os'

/** The machine a bench ran on, printed with its results: figures only compare on the same kind of machine and load. */
export interface MachineInfo {
  readonly cpuModel: string
  readonly cores: number
  readonly node: string
  /** 1, 5 and 15 minute load averages when the bench started. */
  readonly loadAverage: readonly [number, number, number]
}

export function machineInfo(): MachineInfo {
  const [one, five, fifteen] = loadavg() as [number, number, number]
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    loadAverage: [one, five, fifteen].map((l) => Math.round(l * 100) / 100) as [number, number, number],
  }
}

export function formatMachine(info: MachineInfo): string {
  return `machine: ${info.cpuModel}, ${info.cores} cores, Node ${info.node}, load average ${info.loadAverage.join(' ')}`
}
