// groupBy("gt").count() to a memory table in complete mode, queried with SQL while the
// stream runs. Run after `npm run datagen` (or `npm run demo`): npx tsx examples/streaming-counts-sql.ts
import { Sluice } from '@sluice/client'
import { COURSE_SCHEMA, DATA_PATH } from './course-schema.js'

const spark = await Sluice.builder().appName('streaming-counts').getOrCreate()
const counts = spark.readStream.format('json').schema(COURSE_SCHEMA).option('maxFilesPerTrigger', 1).load(DATA_PATH)
  .groupBy('gt').count()
const query = await counts.writeStream.format('memory').queryName('gt_counts').outputMode('complete').start()
for (let i = 0; i < 3; i++) {
  await new Promise((resolve) => setTimeout(resolve, 500))
  console.log(`after batch ${query.lastProgress?.batchId ?? '-'}:`)
  await spark.sql('SELECT gt, count FROM gt_counts ORDER BY count DESC').show()
}
await query.stop()
await spark.stop()
