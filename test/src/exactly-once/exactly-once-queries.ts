import { expr, window, type DataFrame, type DataStreamWriter } from '@sluice/client'
import type { ExactlyOnceSinkKind } from './child-query-config.js'

/** The course's event time: Creation_Time is in nanoseconds. */
const EVENT_TIME = expr('cast(cast(Creation_Time as double)/1000000000 as timestamp)')

/** The writer a Spark user would build for each kind of exactly-once test query (checkpoint and trigger not set). */
export function exactlyOnceWriter(input: DataFrame, sink: ExactlyOnceSinkKind): DataStreamWriter {
  switch (sink) {
    case 'aggregate': return input.groupBy('gt', 'User').count().writeStream.format('delta').outputMode('complete')
    case 'window': return input.groupBy(window(EVENT_TIME, '1 second'), 'gt').count().writeStream.format('delta').outputMode('complete')
    case 'dedupe': return input.dropDuplicates(['Device', 'Index']).writeStream.format('parquet').outputMode('append')
    case 'parquet':
    case 'delta': return input.writeStream.format(sink).outputMode('append')
  }
}
