// `npm run bench [-- --json] [--rows 1000000] [--files 20] [--seed 42] [--repeat 3] [--only a,b] [--no-extra]`
import { parseArgs } from 'node:util'
import type { BenchCase, BenchContext } from './bench-case.js'
import { BENCH_CASES, BENCH_RATIOS, EXTRA_CASE_MODULES } from './bench-cases.js'
import { ensureBenchData } from './bench-data.js'
import { benchRatios, formatBenchJsonLines, formatBenchTable } from './report.js'
import { measureCase, type BenchMeasurement } from './run-bench.js'
import { stopSluiceSession } from './sluice-cases.js'
import { formatMachine, machineInfo } from './machine.js'

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    rows: { type: 'string', default: '1000000' },
    files: { type: 'string', default: '20' },
    seed: { type: 'string', default: '42' },
    repeat: { type: 'string', default: '3' },
    only: { type: 'string' },
    'no-extra': { type: 'boolean', default: false },
  },
})

const log = (line: string): void => { process.stderr.write(`${line}\n`) }
const repeat = Number(values.repeat)
const only = values.only === undefined ? undefined : new Set(values.only.split(','))

async function extraCases(): Promise<BenchCase[]> {
  const cases: BenchCase[] = []
  for (const { module, exportName } of EXTRA_CASE_MODULES) {
    try {
      const loaded = (await import(module)) as Record<string, unknown>
      const list = loaded[exportName] as readonly { name: string; setup?(): Promise<void>; run(): Promise<{ rows: number }> }[] | undefined
      for (const external of list ?? []) {
        cases.push({ name: external.name, ...(external.setup ? { setup: () => external.setup!() } : {}), run: () => external.run() })
      }
    } catch (error) {
      log(`(cases of ${module} not loaded: ${(error as Error).message})`)
    }
  }
  return cases
}

const machine = machineInfo()
log(formatMachine(machine))
const context: BenchContext = await ensureBenchData({ rows: Number(values.rows), files: Number(values.files), seed: Number(values.seed) }, log)
const cases = [...BENCH_CASES, ...(values['no-extra'] ? [] : await extraCases())].filter((c) => only === undefined || only.has(c.name))
const measurements: BenchMeasurement[] = []
for (const benchCase of cases) {
  log(`running ${benchCase.name} ...`)
  const measurement = await measureCase(benchCase, context, repeat)
  measurements.push(measurement)
  if (values.json) console.log(formatBenchJsonLines([measurement], []))
}
await stopSluiceSession().catch(() => undefined)
const ratios = benchRatios(measurements, BENCH_RATIOS)
if (values.json) {
  if (ratios.length > 0) console.log(formatBenchJsonLines([], ratios))
  console.log(JSON.stringify({ name: 'machine', ...machine }))
} else {
  console.log(formatMachine(machine))
  console.log(`input: ${context.rows} course rows in ${context.files.length} files (${context.dataDir})`)
  console.log(formatBenchTable(measurements, ratios, repeat))
}
process.exit(0)
