import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../session/sluice.js'
import { MemoryStream } from '../testing/memory-stream.js'
import { testStream } from '../testing/stream-test.js'
import { addData, checkAnswer, checkLastBatch, checkNewAnswer, startStream } from '../testing/stream-actions.js'
import type { DataFrame } from '../dataframe/data-frame.js'
import { count, window } from '../functions/index.js'
import { col, expr } from '../column/index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('output-modes-stream-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

type Mode = 'append' | 'update' | 'complete'
const windowed = (input: MemoryStream) => input.toDF().withColumn('eventTime', expr('cast(value as timestamp)')).withWatermark('eventTime', '10 seconds')
  .groupBy(window('eventTime', '5 seconds')).agg(count('*').alias('n')).select(col('window.start').cast('long'), col('n'))

/** FORMATS.md §2.3 (Spark's output-mode table): which query runs in which mode. */
const MATRIX: { name: string; query: (input: MemoryStream) => DataFrame; allowed: Mode[] }[] = [
  { name: 'a projection', query: (input) => input.toDF().select(col('value').plus(1).alias('v')), allowed: ['append', 'update'] },
  { name: 'an aggregation without a watermark', query: (input) => input.toDF().groupBy('value').count(), allowed: ['update', 'complete'] },
  { name: 'a windowed aggregation with a watermark', query: windowed, allowed: ['append', 'update', 'complete'] },
  { name: 'a sort after an aggregation', query: (input) => input.toDF().groupBy('value').count().orderBy('value'), allowed: ['complete'] },
  { name: 'a sort without an aggregation', query: (input) => input.toDF().orderBy('value'), allowed: [] },
  { name: 'two aggregations in a row', query: (input) => input.toDF().groupBy('value').count().groupBy('count').count(), allowed: [] },
]

describe('output modes', () => {
  for (const entry of MATRIX) {
    for (const mode of ['append', 'update', 'complete'] as const) {
      const allowed = entry.allowed.includes(mode)
      it(`should ${allowed ? 'run' : 'refuse'} ${entry.name} in ${mode} mode`, async () => {
        const input = new MemoryStream('value INT')
        const run = testStream(entry.query(input), mode, [addData(input, 1), checkAnswer(...(await expectedFor(entry.name, mode)))])
        if (allowed) await run
        else await expect(run).rejects.toThrow(/STREAMING_OUTPUT_MODE|UNSUPPORTED_STREAMING_OPERATION|not supported/)
      })
    }
  }

  it('should run a final no-data batch with availableNow so that append mode emits what the watermark closed', async () => {
    const input = new MemoryStream('value INT')
    input.addData(10, 11, 30)
    await testStream(windowed(input), 'append', [
      startStream({ trigger: { availableNow: true } }),
      checkNewAnswer([10n, 2n]),
    ])
  })

  it('should order an aggregation in complete mode', async () => {
    const input = new MemoryStream('value INT')
    const df = input.toDF().groupBy('value').count().orderBy(col('count').desc(), col('value'))
    await testStream(df, 'complete', [
      addData(input, 3, 1, 3, 2, 3, 1),
      checkLastBatch([3, 3n], [1, 2n], [2, 1n]),
    ])
  })
})

/** The answer after adding the single value 1 (computed by hand per query). */
async function expectedFor(name: string, mode: Mode): Promise<unknown[][]> {
  switch (name) {
    case 'a projection': return [[2]]
    case 'a windowed aggregation with a watermark': return mode === 'append' ? [] : [[0n, 1n]]
    default: return [[1, 1n]]
  }
}
