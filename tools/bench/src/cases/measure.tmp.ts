import { statSync, readdirSync } from 'node:fs'
import { makeTableFormatBenchCases, courseJsonLines } from './table-formats.js'
const n = Number(process.argv[2] ?? 1_000_000)
const lines = courseJsonLines(n)
let t = performance.now(); let k = 0
for (const l of lines) { const o = JSON.parse(l); if (o.gt) k++ }
const base = n / ((performance.now() - t) / 1000)
console.log(JSON.stringify({ case: 'json-parse-loop', rowsPerSec: Math.round(base) }))
const cases = makeTableFormatBenchCases(n, 100_000)
for (const c of cases) {
  await c.setup?.()
  t = performance.now(); const r = await c.run(); const s = (performance.now() - t) / 1000
  console.log(JSON.stringify({ case: c.name, rows: r.rows, seconds: +s.toFixed(2), rowsPerSec: Math.round(r.rows / s), ratioToJsonParse: +(r.rows / s / base).toFixed(3) }))
}
const dir = readdirSync('/tmp').filter((d) => d.startsWith('sluice-bench-tables-')).map((d) => '/tmp/' + d)
for (const d of dir) for (const f of readdirSync(d)) if (f.endsWith('.parquet')) console.log(JSON.stringify({ parquetFile: f, bytes: statSync(d + '/' + f).size }))
await cases.cleanup()
