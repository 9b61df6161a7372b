import { listDataFiles, getFileFormat, writeDataFiles } from '@sluice/executor'
import { parseDDL, type Row } from '@sluice/shared'
import { rmSync } from 'node:fs'
const schema = parseDDL("Arrival_Time BIGINT, Creation_Time BIGINT, Device STRING, Index BIGINT, Model STRING, User STRING, geolocation STRUCT<city: STRING, country: STRING>, gt STRING, id BIGINT, x DOUBLE, y DOUBLE, z DOUBLE")
const files = await listDataFiles('tmp/bench-data/rows200000-files20-seed42')
for (let r = 0; r < 3; r++) {
  let t = performance.now(); let c = process.cpuUsage()
  const rows: Row[] = []
  for (const f of files) for await (const b of getFileFormat('json').read(f.path, { schema, options: {} })) for (const row of b) rows.push(row)
  let u = process.cpuUsage(c); console.log('read', rows.length, (performance.now() - t).toFixed(0), 'cpu', ((u.user + u.system) / 1000).toFixed(0))
  rmSync('tmp/prof8', { recursive: true, force: true })
  t = performance.now(); c = process.cpuUsage()
  await writeDataFiles('tmp/prof8', { format: 'parquet', schema, rows, partitionBy: [], options: {}, timeZone: 'UTC' })
  u = process.cpuUsage(c); console.log('write', (performance.now() - t).toFixed(0), 'cpu', ((u.user + u.system) / 1000).toFixed(0))
}
