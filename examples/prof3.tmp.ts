import { Sluice } from '@sluice/client'
const spark = await Sluice.builder().getOrCreate()
const schema = "Arrival_Time BIGINT, Creation_Time BIGINT, Device STRING, Index BIGINT, Model STRING, User STRING, geolocation STRUCT<city: STRING, country: STRING>, gt STRING, id BIGINT, x DOUBLE, y DOUBLE, z DOUBLE"
const df = spark.read.format('json').schema(schema).load('data/activity-json/streaming')
for (let i = 0; i < 3; i++) {
let t = performance.now(); const c = process.cpuUsage()
await df.groupBy('gt').count().collect(); const u = process.cpuUsage(c); console.log('groupby wall', (performance.now() - t).toFixed(0), 'cpu', ((u.user+u.system)/1000).toFixed(0))
t = performance.now(); const c2 = process.cpuUsage()
await df.where("gt = 'stand'").select('User','x','y','z').collect(); const u2 = process.cpuUsage(c2); console.log('filter wall', (performance.now() - t).toFixed(0), 'cpu', ((u2.user+u2.system)/1000).toFixed(0))
}
