import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../session/sluice.js'
import { col } from '../column/index.js'
import { countDistinct, sum } from '../functions/index.js'
import { lag, rank, row_number } from '../functions/window-functions.js'
import { MemoryStream } from '../testing/index.js'
import { Window } from './window.js'

// Spark's window semantics and errors (PySpark pyspark.sql.Window; Spark's Analyzer
// ResolveWindowOrder / ResolveWindowFrame / ExtractWindowExpressions, CheckAnalysis,
// UnsupportedOperationChecker SPARK-44044).
let spark: Sluice
beforeAll(async () => {
  spark = await Sluice.builder().appName('window-test').getOrCreate()
  spark.createDataFrame([
    { k: 'a', t: 1, v: 10 }, { k: 'a', t: 2, v: 20 }, { k: 'a', t: 3, v: null }, { k: 'b', t: 1, v: 5 }, { k: 'b', t: 2, v: 5 },
  ], 'k STRING, t INT, v INT').createOrReplaceTempView('w_events')
})
afterAll(async () => { await spark.stop() })

const events = () => spark.table('w_events')

describe('Window', () => {
  it('should expose PySpark boundary constants (Java Long.MIN_VALUE / MAX_VALUE, 0)', () => {
    expect(Window.unboundedPreceding).toBe(-9223372036854775808)
    // eslint-disable-next-line no-loss-of-precision -- PySpark's sys.maxsize as written (the number is 2^63)
    expect(Window.unboundedFollowing).toBe(9223372036854775807)
    expect(Window.currentRow).toBe(0)
  })

  it('should keep the latest row per key with row_number over a descending order', async () => {
    const latest = events().withColumn('rn', row_number().over(Window.partitionBy('k').orderBy(col('t').desc()))).where('rn = 1').drop('rn')
    expect(await latest.orderBy('k').collect()).toEqual([{ k: 'a', t: 3, v: null }, { k: 'b', t: 2, v: 5 }])
  })

  it('should name an unaliased window column as Spark does', async () => {
    expect(await events().select(rank().over(Window.partitionBy('k').orderBy('t'))).columns())
      .toEqual(['RANK() OVER (PARTITION BY k ORDER BY t ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)'])
  })

  it('should sum over rowsBetween and the unordered whole partition', async () => {
    const w = Window.partitionBy('k').orderBy('t')
    const rows = await events().select('k', 't',
      sum('v').over(w.rowsBetween(-1, Window.currentRow)).alias('moving'),
      sum('v').over(Window.partitionBy('k')).alias('total'),
      lag('v', 1, 0).over(w).alias('previous')).orderBy('k', 't').collect()
    expect(rows).toEqual([
      { k: 'a', t: 1, moving: 10n, total: 30n, previous: 0 },
      { k: 'a', t: 2, moving: 30n, total: 30n, previous: 10 },
      { k: 'a', t: 3, moving: 20n, total: 30n, previous: 20 },
      { k: 'b', t: 1, moving: 5n, total: 10n, previous: 0 },
      { k: 'b', t: 2, moving: 10n, total: 10n, previous: 5 },
    ])
  })

  it('should refuse a ranking function without ORDER BY (_LEGACY_ERROR_TEMP_1037)', async () => {
    await expect(events().select(row_number().over(Window.partitionBy('k'))).collect())
      .rejects.toThrow('[_LEGACY_ERROR_TEMP_1037] Window function row_number() requires window to be ordered, please add ORDER BY clause.')
  })

  it('should refuse a frame other than the function\'s own (_LEGACY_ERROR_TEMP_1036)', async () => {
    await expect(events().select(rank().over(Window.partitionBy('k').orderBy('t').rowsBetween(-1, 1))).collect())
      .rejects.toThrow('[_LEGACY_ERROR_TEMP_1036] Window Frame specifiedwindowframe(RowFrame, -1, 1) must match the required frame specifiedwindowframe(RowFrame, unboundedpreceding$(), currentrow$()).')
    await expect(spark.sql('SELECT lag(v) OVER (ORDER BY t ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM w_events').collect())
      .rejects.toThrow(/_LEGACY_ERROR_TEMP_1036/)
  })

  it('should refuse window functions in WHERE and GROUP BY (_LEGACY_ERROR_TEMP_1034)', async () => {
    await expect(events().where(row_number().over(Window.orderBy('t')).eq(1)).collect())
      .rejects.toThrow('[_LEGACY_ERROR_TEMP_1034] It is not allowed to use window functions inside WHERE clause.')
    await expect(spark.sql('SELECT count(*) FROM w_events GROUP BY rank() OVER (ORDER BY t)').collect())
      .rejects.toThrow('It is not allowed to use window functions inside GROUP BY clause.')
  })

  it('should refuse DISTINCT window aggregates and bad frames with Spark\'s classes', async () => {
    await expect(events().select(countDistinct('v').over(Window.partitionBy('k'))).collect()).rejects.toThrow(/DISTINCT_WINDOW_FUNCTION_UNSUPPORTED/)
    await expect(spark.sql('SELECT sum(v) OVER (ORDER BY k, t RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM w_events').collect())
      .rejects.toThrow(/DATATYPE_MISMATCH.RANGE_FRAME_MULTI_ORDER/)
    await expect(spark.sql('SELECT sum(v) OVER (ORDER BY t ROWS BETWEEN 1 FOLLOWING AND 1 PRECEDING) FROM w_events').collect())
      .rejects.toThrow(/DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON/)
    await expect(spark.sql("SELECT sum(v) OVER (ORDER BY k RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM w_events").collect())
      .rejects.toThrow(/DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE/)
    await expect(spark.sql('SELECT row_number() FROM w_events').collect()).rejects.toThrow(/WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE/)
  })

  it('should show the Window operator in explain', async () => {
    const written: string[] = []
    const write = process.stdout.write
    process.stdout.write = ((chunk: string) => { written.push(String(chunk)); return true }) as typeof process.stdout.write
    try {
      await events().withColumn('r', rank().over(Window.partitionBy('k').orderBy(col('t').desc()))).explain()
    } finally {
      process.stdout.write = write
    }
    expect(written.join('')).toMatch(/Window \[_we\d+\], \[k\], \[t DESC NULLS LAST\]/)
  })

  it('should run inside foreachBatch, where each micro-batch is a static DataFrame', async () => {
    const checkpoint = mkdtempSync(join(tmpdir(), 'sluice-window-foreach-'))
    const input = new MemoryStream('k STRING, ts INT, v INT')
    const latest: unknown[] = []
    const query = await input.toDF().writeStream.option('checkpointLocation', checkpoint).foreachBatch(async (df) => {
      const rn = row_number().over(Window.partitionBy('k').orderBy(col('ts').desc()))
      latest.push(await df.withColumn('rn', rn).where('rn = 1').drop('rn').orderBy('k').collect())
    }).start()
    try {
      input.addData({ k: 'a', ts: 1, v: 1 }, { k: 'a', ts: 3, v: 3 }, { k: 'b', ts: 2, v: 2 })
      await query.processAllAvailable()
    } finally {
      await query.stop()
      rmSync(checkpoint, { recursive: true, force: true })
    }
    expect(latest).toEqual([[{ k: 'a', ts: 3, v: 3 }, { k: 'b', ts: 2, v: 2 }]])
  })

  it('should refuse a window function on a streaming DataFrame when the query starts (SPARK-44044)', async () => {
    const stream = new MemoryStream('k STRING, t INT').toDF().withColumn('rn', row_number().over(Window.partitionBy('k').orderBy('t')))
    await expect(stream.writeStream.format('memory').queryName('window_on_stream').outputMode('append').start())
      .rejects.toThrow('[NON_TIME_WINDOW_NOT_SUPPORTED_IN_STREAMING] Window function is not supported in ROW_NUMBER() (as column `rn`) on streaming DataFrames/Datasets. Structured Streaming only supports time-window aggregation using the WINDOW function. (window specification: (PARTITION BY K ORDER BY T ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))')
  })
})
