import type { BenchMeasurement } from './run-bench.js'

const formatRate = (rowsPerSec: number): string =>
  rowsPerSec >= 1e6 ? `${(rowsPerSec / 1e6).toFixed(2)} M` : rowsPerSec >= 1e4 ? `${(rowsPerSec / 1e3).toFixed(0)} k` : String(rowsPerSec)

/** `numerator/denominator` ratios of best rows per second, for the cases that ran. */
export function benchRatios(measurements: readonly BenchMeasurement[], pairs: readonly (readonly [string, string])[]): { name: string; ratio: number; cpuRatio: number }[] {
  const byName = new Map(measurements.filter((m) => m.skipped === undefined).map((m) => [m.name, m]))
  const ratios: { name: string; ratio: number; cpuRatio: number }[] = []
  for (const [top, bottom] of pairs) {
    const a = byName.get(top)
    const b = byName.get(bottom)
    if (a !== undefined && b !== undefined && b.rowsPerSec > 0) ratios.push({
      name: `${top} / ${bottom}`,
      ratio: Math.round((a.rowsPerSec / b.rowsPerSec) * 1000) / 1000,
      cpuRatio: b.cpuRowsPerSec > 0 ? Math.round((a.cpuRowsPerSec / b.cpuRowsPerSec) * 1000) / 1000 : 0,
    })
  }
  return ratios
}

/** A readable table of the measurements, then the ratios. */
export function formatBenchTable(measurements: readonly BenchMeasurement[], ratios: readonly { name: string; ratio: number; cpuRatio?: number }[], repeat: number): string {
  const header = ['case', 'rows', 'best rows/s', 'median rows/s', 'best ms', 'rows/cpu-s', 'note']
  const body = measurements.map((m) => m.skipped !== undefined
    ? [m.name, '-', '-', '-', '-', '-', `skipped: ${m.skipped}`]
    : [m.name, String(m.rows), formatRate(m.rowsPerSec), formatRate(m.medianRowsPerSec), m.bestMs.toFixed(1), formatRate(m.cpuRowsPerSec),
       m.extra === undefined ? '' : Object.entries(m.extra).map(([k, v]) => `${k}=${v}`).join(' ')])
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((row) => row[column]!.length)))
  const line = (row: string[]): string => row.map((cell, column) => (column === 0 || column === 6 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd()
  const lines = [
    `best and median of ${repeat} timed runs after one warm-up run`,
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line),
  ]
  if (ratios.length > 0) {
    lines.push('', 'ratios of best rows/s (wall clock; per CPU second in brackets):')
    for (const ratio of ratios) lines.push(`  ${ratio.name} = ${ratio.ratio.toFixed(3)}${ratio.cpuRatio === undefined ? '' : ` (${ratio.cpuRatio.toFixed(3)})`}`)
  }
  return lines.join('\n')
}

/** One JSON object per case (`{"name","rowsPerSec",...}`) and per ratio (`{"name","ratio"}`). */
export function formatBenchJsonLines(measurements: readonly BenchMeasurement[], ratios: readonly { name: string; ratio: number; cpuRatio?: number }[]): string {
  return [
    ...measurements.map((m) => JSON.stringify({ ...m, ...(m.extra ?? {}), extra: undefined })),
    ...ratios.map((ratio) => JSON.stringify({ name: `ratio ${ratio.name}`, ratio: ratio.ratio, cpuRatio: ratio.cpuRatio })),
  ].join('\n')
}
