// A streaming query in its own process, for the SIGKILL tests: run with
// `node --import tsx streaming-child.ts '<ChildQueryConfig JSON>'`.
// It prints `READY` once the session is up, `BATCH <id>` after each committed
// batch, and `DONE` once `trigger({availableNow: true})` has drained the input.
// With `remote` in its config the query runs on that cluster's coordinator.
import { Sluice } from '@sluice/client'
import { ACTIVITY_SCHEMA_DDL } from '@sluice/datagen'
import type { ChildQueryConfig } from './child-query-config.js'
import { exactlyOnceWriter } from './exactly-once-queries.js'

const config = JSON.parse(process.argv[2] ?? '') as ChildQueryConfig
const builder = Sluice.builder().appName(`exactly-once-${config.sink}`)
const spark = await (config.remote === undefined ? builder : builder.remote(config.remote)).getOrCreate()
spark.streams.addListener({ onQueryProgress: (event) => { process.stdout.write(`BATCH ${event.progress.batchId}\n`) } })

const input = spark.readStream.format('json').schema(ACTIVITY_SCHEMA_DDL)
  .option('maxFilesPerTrigger', config.maxFilesPerTrigger).load(config.inputDir)
const writer = exactlyOnceWriter(input, config.sink)

process.stdout.write('READY\n')
const query = await writer.option('checkpointLocation', config.checkpointDir).trigger({ availableNow: true }).start(config.outputDir)
await query.awaitTermination()
await spark.stop()
process.stdout.write('DONE\n')
