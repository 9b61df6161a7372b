import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../session/sluice.js'

let spark: Sluice
let dir: string

beforeAll(async () => {
  spark = await Sluice.builder().appName('interval-time-values').getOrCreate()
  dir = await mkdtemp(join(tmpdir(), 'interval-time-'))
})
afterAll(async () => {
  await spark.stop()
  await rm(dir, { recursive: true, force: true })
})

const QUERY = "SELECT INTERVAL '1-2' YEAR TO MONTH AS ym, INTERVAL '3 04:05:06.5' DAY TO SECOND AS dt, INTERVAL '2' HOUR AS h, TIME '12:34:56.789' AS t"

describe('ANSI intervals and TIME through a session', () => {
  it('should collect months as a number, microseconds as a bigint and TIME as text', async () => {
    expect(await spark.sql(QUERY).collect()).toEqual([{ ym: 14, dt: 273_906_500_000n, h: 7_200_000_000n, t: '12:34:56.789' }])
    expect((await spark.sql(QUERY).schema()).fields.map((f) => f.dataType)).toEqual([
      { kind: 'year_month_interval', startField: 'year', endField: 'month' },
      { kind: 'day_time_interval', startField: 'day', endField: 'second' },
      { kind: 'day_time_interval', startField: 'hour', endField: 'hour' },
      { kind: 'time', precision: 6 },
    ])
  })

  it('should show them as their string casts, as Spark 4 does', async () => {
    // Spark's show() casts to string: `INTERVAL '1-2' YEAR TO MONTH`, `INTERVAL '3 04:05:06.5' DAY TO SECOND`, `12:34:56.789`.
    const cells = ["INTERVAL '1-2' YEAR TO MONTH", "INTERVAL '3 04:05:06.5' DAY TO SECOND", "INTERVAL '02' HOUR", '12:34:56.789']
    const border = `+${cells.map((c) => '-'.repeat(c.length)).join('+')}+`
    const header = `|${['ym', 'dt', 'h', 't'].map((name, i) => name.padEnd(cells[i]!.length)).join('|')}|`
    expect(await spark.sql(QUERY).showString(20, false)).toBe([border, header, border, `|${cells.join('|')}|`, border, ''].join('\n'))
  })

  it('should compute with DataFrame columns: timestamp arithmetic, filters and ordering', async () => {
    const events = spark.createDataFrame([
      { id: 1, at: '2024-01-31 10:00:00', gap: '0 01:30:00' },
      { id: 2, at: '2024-02-29 23:00:00', gap: '1 00:00:00' },
    ], 'id INT, at TIMESTAMP_NTZ, gap INTERVAL DAY TO SECOND')
    const rows = await events.selectExpr('id', "at + INTERVAL '1' MONTH AS next", 'at + gap AS later', "gap > INTERVAL '2' HOUR AS long")
      .orderBy('id').collect()
    expect(rows).toEqual([
      { id: 1, next: new Date(Date.UTC(2024, 1, 29, 10)), later: new Date(Date.UTC(2024, 0, 31, 11, 30)), long: false },
      { id: 2, next: new Date(Date.UTC(2024, 2, 29, 23)), later: new Date(Date.UTC(2024, 2, 1, 23)), long: true },
    ])
    const sums = await events.selectExpr('sum(gap) AS total', 'max(gap) AS most').collect()
    expect(sums).toEqual([{ total: 91_800_000_000n, most: 86_400_000_000n }])
  })

  it('should write JSON and CSV in the ANSI text and read them back', async () => {
    await spark.sql(QUERY).write.mode('overwrite').json(join(dir, 'json'))
    const jsonFile = (await readdir(join(dir, 'json'))).find((f) => f.endsWith('.json'))!
    // Spark's to_json / JSON files: `{"a":"INTERVAL '1' DAY"}` (interval.sql.out), TIME as its text.
    expect((await readFile(join(dir, 'json', jsonFile), 'utf8')).trim())
      .toBe(`{"ym":"INTERVAL '1-2' YEAR TO MONTH","dt":"INTERVAL '3 04:05:06.5' DAY TO SECOND","h":"INTERVAL '02' HOUR","t":"12:34:56.789"}`)
    const schema = 'ym INTERVAL YEAR TO MONTH, dt INTERVAL DAY TO SECOND, h INTERVAL HOUR, t TIME(6)'
    expect(await spark.read.schema(schema).json(join(dir, 'json')).collect()).toEqual(await spark.sql(QUERY).collect())
    await spark.sql(QUERY).write.mode('overwrite').option('header', 'true').csv(join(dir, 'csv'))
    expect(await spark.read.schema(schema).option('header', 'true').csv(join(dir, 'csv')).collect()).toEqual(await spark.sql(QUERY).collect())
  })

  it('should write Parquet and read the types back (the Spark schema of the footer; TIME as TIME(NANOS))', async () => {
    await spark.sql(QUERY).write.mode('overwrite').parquet(join(dir, 'parquet'))
    const back = spark.read.parquet(join(dir, 'parquet'))
    expect(await back.collect()).toEqual(await spark.sql(QUERY).collect())
    expect(await back.where("t > TIME '12:00:00' AND dt > INTERVAL '1' DAY").count()).toBe(1)
    expect(await back.where("t < TIME '12:00:00'").count()).toBe(0)
  })

  it('should write Avro as spark-avro does and read the types back from the file schema', async () => {
    await spark.sql(QUERY).write.mode('overwrite').format('avro').save(join(dir, 'avro'))
    const back = spark.read.format('avro').load(join(dir, 'avro'))
    expect(await back.collect()).toEqual(await spark.sql(QUERY).collect())
    expect((await back.schema()).fields.map((f) => f.dataType)).toEqual((await spark.sql(QUERY).schema()).fields.map((f) => f.dataType))
  })
})
