import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ArrayType, BinaryType, BooleanType, DateType, DecimalType, DoubleType, FloatType, LongType, MapType, StringType,
  StructField, StructType, TimestampType, type Row,
} from '@sluice/shared'
import { readJsonLinesFile } from './json-reader.js'
import { formatJsonTimestamp, javaDoubleText, rowsToJsonLines, writeJsonLinesFile } from './json-writer.js'

let dir: string
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'sluice-json-writer-')) })
afterAll(async () => { await rm(dir, { recursive: true, force: true }) })

const SCHEMA = StructType([
  StructField('id', LongType), StructField('name', StringType), StructField('x', DoubleType),
  StructField('ok', BooleanType), StructField('day', DateType), StructField('ts', TimestampType),
  StructField('amount', DecimalType(10, 2)), StructField('raw', BinaryType),
  StructField('geo', StructType([StructField('city', StringType), StructField('zip', LongType)])),
  StructField('tags', ArrayType(StringType)), StructField('m', MapType(StringType, LongType)),
])

describe('json writer', () => {
  it('should write Spark-shaped JSON lines with null fields omitted', () => {
    const rows: Row[] = [
      [1424686733090638193n, 'a "q"', 1, true, 18690, 1614834367123456, 12345n, new Uint8Array([1, 2, 3]), ['Oslo', null], ['t', null], new Map([['k', 1n]])],
      [2n, null, null, null, null, null, null, null, null, null, null],
    ]
    expect(rowsToJsonLines(SCHEMA, rows)).toBe(
      '{"id":1424686733090638193,"name":"a \\"q\\"","x":1.0,"ok":true,"day":"2021-03-04","ts":"2021-03-04T05:06:07.123Z",' +
      '"amount":123.45,"raw":"AQID","geo":{"city":"Oslo"},"tags":["t",null],"m":{"k":1}}\n' +
      '{"id":2}\n')
  })

  it('should write null fields with ignoreNullFields false', () => {
    const schema = StructType([StructField('a', LongType), StructField('b', StringType)])
    expect(rowsToJsonLines(schema, [[1n, null]], { ignorenullfields: 'false' })).toBe('{"a":1,"b":null}\n')
  })

  it('should write dates and timestamps with dateFormat and timestampFormat', () => {
    const schema = StructType([StructField('d', DateType), StructField('ts', TimestampType)])
    expect(rowsToJsonLines(schema, [[18690, 0]], { dateformat: 'dd/MM/yyyy', timestampformat: 'yyyy-MM-dd HH:mm' })).toBe('{"d":"04/03/2021","ts":"1970-01-01 00:00"}\n')
  })

  it('should format doubles as Java does', () => {
    expect([1, 0.1, 1e7, 1.5e-4, 123456.789, -0, NaN].map((v) => javaDoubleText(v))).toEqual(['1.0', '0.1', '1.0E7', '1.5E-4', '123456.789', '-0.0', 'NaN'])
    expect(javaDoubleText(Math.fround(0.1), true)).toBe('0.1')
  })

  it('should format timestamps in the session time zone', () => {
    expect(formatJsonTimestamp(0, 'UTC')).toBe('1970-01-01T00:00:00.000Z')
    expect(formatJsonTimestamp(0, '+05:30')).toBe('1970-01-01T05:30:00.000+05:30')
  })

  it('should write a file that reads back to the same rows', async () => {
    const schema = StructType([StructField('id', LongType), StructField('x', FloatType), StructField('ts', TimestampType)])
    const rows: Row[] = [[9007199254740993n, Math.fround(1.1), 1_000_000], [null, null, null]]
    const path = join(dir, 'part-00000.json')
    const written = await writeJsonLinesFile(path, schema, rows, {})
    expect(written).toEqual({ path, size: (await readFile(path)).length, numRows: 2 })
    const back: Row[] = []
    for await (const batch of readJsonLinesFile(path, { schema, options: {} })) back.push(...batch)
    expect(back).toEqual(rows)
  })
})
