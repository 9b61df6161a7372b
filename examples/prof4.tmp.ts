import { Sluice } from '@sluice/client'
const spark = await Sluice.builder().getOrCreate()
const schema = "Arrival_Time BIGINT, Creation_Time BIGINT, Device STRING, Index BIGINT, Model STRING, User STRING, geolocation STRUCT<city: STRING, country: STRING>, gt STRING, id BIGINT, x DOUBLE, y DOUBLE, z DOUBLE"
const df = spark.read.format('json').schema(schema).load('tmp/bench-data/rows1000000-files20-seed42')
const c = process.cpuUsage(); const t = performance.now()
await df.groupBy('gt').count().collect()
const u = process.cpuUsage(c); console.log('groupby 1M wall', (performance.now() - t).toFixed(0), 'cpu', ((u.user+u.system)/1000).toFixed(0))
