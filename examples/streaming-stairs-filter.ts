// The course's `gt like '%stairs%'` filter in append mode, printed by the console sink.
import { Sluice, col } from '@sluice/client'
import { COURSE_SCHEMA, DATA_PATH } from './course-schema.js'

const spark = await Sluice.builder().appName('stairs-filter').getOrCreate()
const stairs = spark.readStream.format('json').schema(COURSE_SCHEMA).option('maxFilesPerTrigger', 2).load(DATA_PATH)
  .where(col('gt').like('%stairs%')).select('User', 'gt', 'x', 'y', 'z')
const query = await stairs.writeStream.format('console').option('numRows', 5).outputMode('append').trigger({ once: true }).start()
await query.awaitTermination()
await spark.stop()
