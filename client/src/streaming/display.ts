import type { StreamingQueryListener } from '@sluice/coordinator'
import type { DataFrame } from '../dataframe/data-frame.js'
import type { Sluice } from '../session/sluice.js'
import type { Trigger } from './data-stream-writer.js'
import type { StreamingQuery } from './streaming-query.js'

export interface DisplayOptions {
  /** The memory table's name (the notebook's `streamName`). */
  readonly streamName?: string
  readonly trigger?: Trigger
  readonly checkpointLocation?: string
  /** Rows drawn in the terminal. */
  readonly numRows?: number
}

let displayCounter = 0

/** The notebook's `display(streamingDF)`: a memory sink shown live. */
export async function display(spark: Sluice, df: DataFrame, options: DisplayOptions): Promise<StreamingQuery> {
  const name = options.streamName ?? `display_query_${++displayCounter}`
  const aggregated = await isAggregation(df)
  let writer = df.writeStream.format('memory').queryName(name).outputMode(aggregated ? 'complete' : 'append')
  if (options.trigger) writer = writer.trigger(options.trigger)
  if (options.checkpointLocation) writer = writer.option('checkpointLocation', options.checkpointLocation)
  const query = await writer.start()
  if (process.stdout.isTTY) {
    const listener: StreamingQueryListener = {
      onQueryProgress: (event) => {
        if (event.progress.runId !== query.runId) return
        void spark.sql(`SELECT * FROM \`${name}\``).showString(options.numRows ?? 20).then((table) => {
          process.stdout.write(`\u001b[2J\u001b[H${name} — batch ${event.progress.batchId}\n${table}`)
        }).catch(() => undefined)
      },
      onQueryTerminated: (event) => { if (event.runId === query.runId) spark.streams.removeListener(listener) },
    }
    spark.streams.addListener(listener)
  }
  await firstBatchOrIdle(query)
  return query
}

/** display() returns once the table has content (the first batch) or the stream is idle or stopped, as a notebook cell shows it. */
async function firstBatchOrIdle(query: StreamingQuery, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && query.isActive && query.recentProgress.length === 0 && query.status.message !== 'Waiting for data to arrive') {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

async function isAggregation(df: DataFrame): Promise<boolean> {
  const walk = (plan: DataFrame['plan']): boolean => {
    if (plan.kind === 'Aggregate') return true
    if (plan.kind === 'Project') return plan.exprs.some((e) => e.kind === 'Call' && ['count', 'sum', 'avg', 'min', 'max'].includes(e.name))
    return 'input' in plan ? walk(plan.input) : false
  }
  return walk(df.plan)
}
