import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../session/sluice.js'
import { MemoryStream } from '../testing/memory-stream.js'
import { testStream } from '../testing/stream-test.js'
import { addData, checkAnswer, checkLastBatch, checkNewAnswer, execute, startStream, stopStream, type StreamAction } from '../testing/stream-actions.js'
import { approx_count_distinct, avg, collect_set, count, count_distinct, max, min, sort_array, sum } from '../functions/index.js'
import { col, lit } from '../column/index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('aggregation-stream-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

interface Event { k: string; v: number | null }
const ev = (k: string, v: number | null): Event => ({ k, v })

/** The reference: groupBy(k) with count(*), sum, avg, min, max, sorted collect_set of v, computed in plain JS. */
function reference(events: readonly Event[], keys?: ReadonlySet<string>): unknown[][] {
  const groups = new Map<string, number[]>()
  const counts = new Map<string, number>()
  for (const e of events) {
    counts.set(e.k, (counts.get(e.k) ?? 0) + 1)
    if (!groups.has(e.k)) groups.set(e.k, [])
    if (e.v !== null) groups.get(e.k)!.push(e.v)
  }
  return [...counts.keys()].filter((k) => keys === undefined || keys.has(k)).map((k) => {
    const vs = groups.get(k)!
    const total = vs.reduce((a, b) => a + b, 0)
    return [k, BigInt(counts.get(k)!), vs.length ? BigInt(total) : null, vs.length ? total / vs.length : null,
      vs.length ? Math.min(...vs) : null, vs.length ? Math.max(...vs) : null, [...new Set(vs)].sort((a, b) => a - b)]
  })
}

const aggregated = (input: MemoryStream) => input.toDF().groupBy('k').agg(
  count(lit(1)).alias('n'), sum('v').alias('total'), avg('v').alias('mean'), min('v').alias('lo'), max('v').alias('hi'),
  sort_array(collect_set('v')).alias('vs'))

const batches: Event[][] = [
  [ev('a', 1), ev('b', 2), ev('a', 3)],
  [ev('b', null), ev('c', 10)],
  [ev('a', 3), ev('c', -4), ev('c', 7)],
  [ev('d', 0)],
]

/** The script: each batch added then checked; `restartAfter` stops and starts the query after that batch. */
function script(input: MemoryStream, mode: 'complete' | 'update', restartAfter: ReadonlySet<number>): StreamAction[] {
  const actions: StreamAction[] = []
  const seen: Event[] = []
  batches.forEach((batch, i) => {
    actions.push(addData(input, ...batch))
    seen.push(...batch)
    actions.push(mode === 'complete' ? checkAnswer(...reference(seen)) : checkNewAnswer(...reference(seen, new Set(batch.map((e) => e.k)))))
    if (restartAfter.has(i)) actions.push(stopStream(), startStream())
  })
  return actions
}

describe('streaming aggregation', () => {
  it('should give count, sum, avg, min, max and collect_set per group in complete mode', async () => {
    const input = new MemoryStream('k STRING, v INT')
    await testStream(aggregated(input), 'complete', script(input, 'complete', new Set()))
  })

  it('should give the same complete answers when stopped and restarted between batches', async () => {
    const input = new MemoryStream('k STRING, v INT')
    await testStream(aggregated(input), 'complete', script(input, 'complete', new Set([0, 2])))
  })

  it('should emit only the groups a batch changed in update mode', async () => {
    const input = new MemoryStream('k STRING, v INT')
    await testStream(aggregated(input), 'update', script(input, 'update', new Set()))
  })

  it('should give the same update answers when stopped and restarted between batches', async () => {
    const input = new MemoryStream('k STRING, v INT')
    await testStream(aggregated(input), 'update', script(input, 'update', new Set([1, 2])))
  })

  it('should combine data added while stopped into the first batch after the restart', async () => {
    const input = new MemoryStream('k STRING, v INT')
    await testStream(input.toDF().groupBy('k').count(), 'update', [
      addData(input, ev('a', 1)),
      checkLastBatch(['a', 1n]),
      stopStream(),
      addData(input, ev('a', 2), ev('b', 2)),
      addData(input, ev('a', 3)),
      startStream(),
      checkLastBatch(['a', 3n], ['b', 1n]),
      checkAnswer(['a', 1n], ['a', 3n], ['b', 1n]),
    ])
  })

  it('should keep a global aggregation as one row, updated every batch', async () => {
    const input = new MemoryStream('v INT')
    const df = input.toDF().agg(count(lit(1)).alias('n'), sum('v').alias('total'))
    await testStream(df, 'complete', [
      addData(input, 1, 2, 3),
      checkAnswer([3n, 6n]),
      addData(input, 10),
      checkAnswer([4n, 16n]),
      stopStream(),
      startStream(),
      addData(input, null),
      checkAnswer([5n, 16n]),
    ])
    const update = new MemoryStream('v INT')
    await testStream(update.toDF().agg(count(lit(1)).alias('n'), sum('v').alias('total')), 'update', [
      addData(update, 5),
      checkLastBatch([1n, 5n]),
      addData(update, 7),
      checkLastBatch([2n, 12n]),
      checkAnswer([1n, 5n], [2n, 12n]),
    ])
  })

  it('should give cube subtotals in complete mode', async () => {
    const input = new MemoryStream('a STRING, b STRING, v INT')
    const df = input.toDF().cube('a', 'b').agg(sum('v').alias('total'))
    await testStream(df, 'complete', [
      addData(input, ['x', 'p', 1], ['x', 'q', 2]),
      checkAnswer(['x', 'p', 1n], ['x', 'q', 2n], ['x', null, 3n], [null, 'p', 1n], [null, 'q', 2n], [null, null, 3n]),
      stopStream(),
      startStream(),
      addData(input, ['y', 'p', 10]),
      checkAnswer(['x', 'p', 1n], ['x', 'q', 2n], ['y', 'p', 10n], ['x', null, 3n], ['y', null, 10n],
        [null, 'p', 11n], [null, 'q', 2n], [null, null, 13n]),
    ])
  })

  it('should give rollup subtotals in complete mode', async () => {
    const input = new MemoryStream('a STRING, b STRING, v INT')
    const df = input.toDF().rollup('a', 'b').agg(count(lit(1)).alias('n'))
    await testStream(df, 'complete', [
      addData(input, ['x', 'p', 1], ['x', 'q', 2], ['y', 'p', 3]),
      checkAnswer(['x', 'p', 1n], ['x', 'q', 1n], ['y', 'p', 1n], ['x', null, 2n], ['y', null, 1n], [null, null, 3n]),
      addData(input, ['x', 'p', 4]),
      checkAnswer(['x', 'p', 2n], ['x', 'q', 1n], ['y', 'p', 1n], ['x', null, 3n], ['y', null, 1n], [null, null, 4n]),
    ])
  })

  it('should count distinct values approximately (exact for small sets) with approx_count_distinct', async () => {
    const input = new MemoryStream('k STRING, v INT')
    const df = input.toDF().groupBy('k').agg(approx_count_distinct('v').alias('d'))
    await testStream(df, 'complete', [
      addData(input, ev('a', 1), ev('a', 1), ev('a', 2), ev('b', 5)),
      checkAnswer(['a', 2n], ['b', 1n]),
      stopStream(),
      startStream(),
      addData(input, ev('a', 3), ev('b', 5)),
      checkAnswer(['a', 3n], ['b', 1n]),
    ])
  })

  // Spark's UnsupportedOperationChecker: "Distinct aggregations are not supported on streaming
  // DataFrames/Datasets. Consider using approx_count_distinct() instead."
  it('should refuse count distinct on a stream, as Spark does', async () => {
    const input = new MemoryStream('k STRING, v INT')
    const df = input.toDF().groupBy('k').agg(count_distinct('v'))
    await expect(df.writeStream.format('memory').queryName('count_distinct_refused').outputMode('complete').start())
      .rejects.toThrow(/Distinct aggregations are not supported on streaming DataFrames/)
  })

  it('should refuse append mode on an aggregation without a watermark, saying why', async () => {
    const input = new MemoryStream('k STRING, v INT')
    await expect(testStream(input.toDF().groupBy('k').count(), 'append', [addData(input, ev('a', 1)), checkAnswer()]))
      .rejects.toThrow(/STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION[\s\S]*Append output mode not supported/)
  })

  it('should report state rows in progress: total and updated per batch', async () => {
    const input = new MemoryStream('k STRING, v INT')
    await testStream(input.toDF().groupBy('k').count(), 'update', [
      addData(input, ev('a', 1), ev('b', 1)),
      checkNewAnswer(['a', 1n], ['b', 1n]),
      addData(input, ev('b', 1), ev('c', 1)),
      checkNewAnswer(['b', 2n], ['c', 1n]),
      execute(({ query }) => {
        const p = query.lastProgress!
        expect(p.batchId).toBe(1)
        expect(p.numInputRows).toBe(2)
        expect(p.stateOperators[0]).toMatchObject({ numRowsTotal: 3, numRowsUpdated: 2 })
        expect(p.sink.numOutputRows).toBe(2)
      }),
    ])
  })

  it('should filter and project after the aggregation in complete mode', async () => {
    const input = new MemoryStream('k STRING, v INT')
    const df = input.toDF().groupBy('k').agg(sum('v').alias('total')).where(col('total').gt(5)).select(col('k'))
    await testStream(df, 'complete', [
      addData(input, ev('a', 5), ev('b', 6)),
      checkAnswer(['b']),
      addData(input, ev('a', 1)),
      checkAnswer(['a'], ['b']),
    ])
  })
})
