import { Sluice } from '@sluice/client'
const spark = await Sluice.builder().getOrCreate()
const schema = "Arrival_Time BIGINT, Creation_Time BIGINT, Device STRING, Index BIGINT, Model STRING, User STRING, geolocation STRUCT<city: STRING, country: STRING>, gt STRING, id BIGINT, x DOUBLE, y DOUBLE, z DOUBLE"
const df = spark.read.format('json').schema(schema).load('tmp/bench-data/rows100000-files20-seed42')
let t = performance.now()
const { rows } = await df.collectInternal(); console.log('collect', rows.length, (performance.now() - t).toFixed(0))
t = performance.now()
await df.write.format('parquet').mode('overwrite').save('tmp/p1'); console.log('parquet write', (performance.now() - t).toFixed(0))
