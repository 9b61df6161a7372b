import { afterAll, beforeAll, describe, it } from 'vitest'
import { Sluice } from '../session/sluice.js'
import { MemoryStream } from '../testing/memory-stream.js'
import { testStream } from '../testing/stream-test.js'
import { SeededRandom } from '../testing/seeded-random.js'
import { stressScript } from '../testing/stress-script.js'
import { DedupWatermarkModel, DedupWithinWatermarkModel, driftingKeyedSeconds, driftingSeconds, GroupCountSumModel, WindowStressModel } from '../testing/stress-models.js'
import { count, sum, window } from '../functions/index.js'
import { col, expr, lit } from '../column/index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('stress-stream-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

const STEPS = 100
const SEED = Number(process.env['SLUICE_STRESS_SEED'] ?? 20261127)

describe(`stateful operator stress (seed ${SEED}, ${STEPS} steps; replay with SLUICE_STRESS_SEED)`, () => {
  for (const mode of ['complete', 'update'] as const) {
    it(`should match the reference for groupBy count and sum in ${mode} mode`, async () => {
      const random = new SeededRandom(SEED)
      const input = new MemoryStream('k STRING, v INT')
      const df = input.toDF().groupBy('k').agg(count(lit(1)).alias('n'), sum('v').alias('total'))
      const script = stressScript(new GroupCountSumModel(mode), {
        random, steps: STEPS, input,
        randomBatch: (r) => Array.from({ length: r.int(1, 6) }, () => [`k${r.int(0, 6)}`, r.int(-20, 20)] as [string, number]),
      })
      await testStream(df, mode, script, { seed: SEED })
    }, 60_000)
  }

  for (const mode of ['append', 'update'] as const) {
    it(`should match the reference for a sliding window count with a watermark in ${mode} mode`, async () => {
      const random = new SeededRandom(SEED + 1)
      const input = new MemoryStream('value INT')
      const df = input.toDF().withColumn('eventTime', expr('cast(value as timestamp)')).withWatermark('eventTime', '5 seconds')
        .groupBy(window('eventTime', '10 seconds', '5 seconds')).agg(count('*').alias('n')).select(col('window.start').cast('long'), col('n'))
      const script = stressScript(new WindowStressModel(mode), { random, steps: STEPS, input, randomBatch: driftingSeconds() })
      await testStream(df, mode, script, { seed: SEED + 1 })
    }, 60_000)
  }

  it('should match the reference for dropDuplicates with a watermark', async () => {
    const random = new SeededRandom(SEED + 2)
    const input = new MemoryStream('value INT')
    const df = input.toDF().withColumn('eventTime', expr('cast(value as timestamp)')).withWatermark('eventTime', '5 seconds')
      .dropDuplicates().select(col('eventTime').cast('long'))
    const script = stressScript(new DedupWatermarkModel(), { random, steps: STEPS, input, randomBatch: driftingSeconds() })
    await testStream(df, 'append', script, { seed: SEED + 2 })
  }, 60_000)

  it('should match the reference for dropDuplicatesWithinWatermark', async () => {
    const random = new SeededRandom(SEED + 3)
    const input = new MemoryStream('k STRING, t INT')
    const df = input.toDF().withColumn('eventTime', expr('cast(t as timestamp)')).withWatermark('eventTime', '5 seconds')
      .dropDuplicatesWithinWatermark(['k']).select(col('k'), col('t'))
    const script = stressScript(new DedupWithinWatermarkModel(), { random, steps: STEPS, input, randomBatch: driftingKeyedSeconds() })
    await testStream(df, 'append', script, { seed: SEED + 3 })
  }, 60_000)
})
