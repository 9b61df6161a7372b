// trigger({availableNow: true}) to a parquet folder: every file present now, in
// batches of maxFilesPerTrigger, then the query stops by itself; read back as a batch.
import { rm } from 'node:fs/promises'
import { Sluice } from '@sluice/client'
import { COURSE_SCHEMA, DATA_PATH } from './course-schema.js'

const out = 'tmp/examples/available-now'
await rm(out, { recursive: true, force: true })
const spark = await Sluice.builder().appName('available-now').getOrCreate()
const query = await spark.readStream.format('json').schema(COURSE_SCHEMA).option('maxFilesPerTrigger', 5).load(DATA_PATH)
  .writeStream.format('parquet').option('checkpointLocation', `${out}/_checkpoint`).trigger({ availableNow: true }).start(`${out}/data`)
await query.awaitTermination()
console.log(`batches: ${query.recentProgress.map((p) => p.batchId).join(', ')}`)
console.log(`rows written: ${await spark.read.parquet(`${out}/data`).count()}`)
await spark.stop()
