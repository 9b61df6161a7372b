import { Sluice } from '@sluice/client'
import { rmSync } from 'node:fs'
rmSync('tmp/prof6', { recursive: true, force: true })
const spark = await Sluice.builder().getOrCreate()
const schema = "Arrival_Time BIGINT, Creation_Time BIGINT, Device STRING, Index BIGINT, Model STRING, User STRING, geolocation STRUCT<city: STRING, country: STRING>, gt STRING, id BIGINT, x DOUBLE, y DOUBLE, z DOUBLE"
const t = performance.now(); const c = process.cpuUsage()
const q = await spark.readStream.format('json').schema(schema).load('tmp/bench-data/rows200000-files20-seed42').writeStream.format('parquet')
  .option('checkpointLocation', 'tmp/prof6/cp').trigger({ availableNow: true }).start('tmp/prof6/out')
await q.awaitTermination()
const u = process.cpuUsage(c)
console.log('json->parquet wall', (performance.now() - t).toFixed(0), 'cpu', ((u.user + u.system) / 1000).toFixed(0), q.recentProgress.map(p => JSON.stringify(p.durationMs)).join('\n'))
