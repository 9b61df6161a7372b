// Event-time windows over the course's Creation_Time (nanoseconds) with a watermark:
// counts per 10-second window and activity, emitted in update mode.
import { Sluice, col, expr, window } from '@sluice/client'
import { COURSE_SCHEMA, DATA_PATH } from './course-schema.js'

const spark = await Sluice.builder().appName('event-time-windows').getOrCreate()
const events = spark.readStream.format('json').schema(COURSE_SCHEMA).option('maxFilesPerTrigger', 4).load(DATA_PATH)
  .withColumn('event_time', expr('cast(cast(Creation_Time as double)/1000000000 as timestamp)'))
const windowed = events.withWatermark('event_time', '30 seconds')
  .groupBy(window(col('event_time'), '10 seconds'), col('gt')).count()
const query = await windowed.writeStream.format('memory').queryName('windowed_counts').outputMode('update')
  .trigger({ availableNow: true }).start()
await query.awaitTermination()
await spark.sql('SELECT window.start, window.end, gt, count FROM windowed_counts ORDER BY window.start, gt').show(10, false)
console.log('watermark:', query.lastProgress?.eventTime['watermark'])
await spark.stop()
