import { getFileFormat, listDataFiles } from '@sluice/executor'
import { parseDDL } from '@sluice/shared'
const schema = parseDDL("Arrival_Time BIGINT, Creation_Time BIGINT, Device STRING, Index BIGINT, Model STRING, User STRING, geolocation STRUCT<city: STRING, country: STRING>, gt STRING, id BIGINT, x DOUBLE, y DOUBLE, z DOUBLE")
const files = await listDataFiles('data/activity-json/streaming')
let t = performance.now(); let n = 0
for (const f of files) for await (const b of getFileFormat('json').read(f.path, { schema, requiredColumns: new Set([7]), options: {} })) n += b.length
console.log('reader gt only', n, performance.now() - t)
