import { afterAll, beforeAll, describe, it } from 'vitest'
import { Sluice, col, count, expr, lit, sum, window, type DataFrame } from '@sluice/client'
import {
  DedupWatermarkModel, DedupWithinWatermarkModel, GroupCountSumModel, MemoryStream, SeededRandom, WindowStressModel, driftingKeyedSeconds, driftingSeconds, stressScript, testStream,
  type StressModel,
} from '@sluice/client/testing'

// Spark's runStressTest for every stateful operator, over several seeds: 100 random steps
// of addData / check / stopStream / startStream each, compared with a plain-JS reference.
// Replay one run with SLUICE_STRESS_SEEDS=<seed>.

const STEPS = 100
const SEEDS = (process.env['SLUICE_STRESS_SEEDS'] ?? '1,2,3,4,5').split(',').map(Number)

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('stateful-stress-e2e').getOrCreate() })
afterAll(async () => { await spark.stop() })

interface Operator {
  readonly name: string
  readonly schema: string
  readonly mode: 'append' | 'update' | 'complete'
  query(input: MemoryStream): DataFrame
  model(): StressModel<unknown>
  randomBatch(): (random: SeededRandom) => unknown[]
}

const groupBatch = () => (r: SeededRandom) => Array.from({ length: r.int(1, 6) }, () => [`k${r.int(0, 9)}`, r.int(-50, 50)])
const groupQuery = (input: MemoryStream) => input.toDF().groupBy('k').agg(count(lit(1)).alias('n'), sum('v').alias('total'))
const windowQuery = (input: MemoryStream) => input.toDF().withColumn('eventTime', expr('cast(value as timestamp)')).withWatermark('eventTime', '5 seconds')
  .groupBy(window('eventTime', '10 seconds', '5 seconds')).agg(count('*').alias('n')).select(col('window.start').cast('long'), col('n'))
const dedupQuery = (input: MemoryStream) => input.toDF().withColumn('eventTime', expr('cast(value as timestamp)')).withWatermark('eventTime', '5 seconds')
  .dropDuplicates().select(col('eventTime').cast('long'))

const dedupWithinQuery = (input: MemoryStream) => input.toDF().withColumn('eventTime', expr('cast(t as timestamp)')).withWatermark('eventTime', '5 seconds')
  .dropDuplicatesWithinWatermark(['k']).select(col('k'), col('t'))

const OPERATORS: Operator[] = [
  { name: 'groupBy count/sum, complete', schema: 'k STRING, v INT', mode: 'complete', query: groupQuery, model: () => new GroupCountSumModel('complete') as StressModel<unknown>, randomBatch: groupBatch },
  { name: 'groupBy count/sum, update', schema: 'k STRING, v INT', mode: 'update', query: groupQuery, model: () => new GroupCountSumModel('update') as StressModel<unknown>, randomBatch: groupBatch },
  { name: 'sliding window with watermark, append', schema: 'value INT', mode: 'append', query: windowQuery, model: () => new WindowStressModel('append') as StressModel<unknown>, randomBatch: driftingSeconds },
  { name: 'sliding window with watermark, update', schema: 'value INT', mode: 'update', query: windowQuery, model: () => new WindowStressModel('update') as StressModel<unknown>, randomBatch: driftingSeconds },
  { name: 'dropDuplicatesWithinWatermark, append', schema: 'k STRING, t INT', mode: 'append', query: dedupWithinQuery, model: () => new DedupWithinWatermarkModel() as StressModel<unknown>, randomBatch: driftingKeyedSeconds },
  { name: 'dropDuplicates with watermark, append', schema: 'value INT', mode: 'append', query: dedupQuery, model: () => new DedupWatermarkModel() as StressModel<unknown>, randomBatch: driftingSeconds },
]

describe('stateful operator stress (e2e)', () => {
  for (const operator of OPERATORS) {
    for (const seed of SEEDS) {
      it(`should match the reference for ${operator.name} (seed ${seed})`, async () => {
        const input = new MemoryStream(operator.schema)
        const script = stressScript(operator.model(), { random: new SeededRandom(seed), steps: STEPS, input, randomBatch: operator.randomBatch() })
        await testStream(operator.query(input), operator.mode, script, { seed })
      })
    }
  }
})
