import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ArrayType, BooleanType, DateType, DecimalType, DoubleType, IntegerType, LongType, MapType, StringType,
  StructField, StructType, TimestampType, SluiceError, type Row,
} from '@sluice/shared'
import { readJsonLinesFile } from './json-reader.js'

let dir: string
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'sluice-json-reader-')) })
afterAll(async () => { await rm(dir, { recursive: true, force: true }) })

async function writeLines(name: string, lines: string[]): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, lines.join('\n') + '\n')
  return path
}

async function readAll(path: string, schema: StructType, options: Record<string, string> = {}, required?: number[]): Promise<Row[]> {
  const rows: Row[] = []
  const batches: number[] = []
  for await (const batch of readJsonLinesFile(path, { schema, options, requiredColumns: required === undefined ? undefined : new Set(required) })) {
    batches.push(batch.length)
    rows.push(...batch)
  }
  for (const size of batches) expect(size).toBeLessThanOrEqual(4096)
  return rows
}

const SCHEMA = StructType([
  StructField('id', LongType), StructField('name', StringType), StructField('score', DoubleType),
  StructField('_corrupt_record', StringType),
])

/** 10,000 lines, every 100th one (line numbers 100, 200, ...) malformed in one of several ways. */
function mixedLines(): string[] {
  const lines: string[] = []
  for (let i = 1; i <= 10_000; i++) {
    if (i % 100 === 0) {
      const kind = (i / 100) % 4
      lines.push(kind === 0 ? `{"id":${i},"name":"n${i}"` : kind === 1 ? `not json ${i}` : kind === 2 ? `{"id":${i},"name":tru}` : `{"id":"x${i}","name":"n${i}"}`)
    } else {
      lines.push(`{"id":${i},"name":"n${i}","score":${i / 2}}`)
    }
  }
  return lines
}

describe('readJsonLinesFile', () => {
  it('should read every field type as its internal value', async () => {
    const schema = StructType([
      StructField('b', BooleanType), StructField('i', IntegerType), StructField('l', LongType), StructField('d', DoubleType),
      StructField('dec', DecimalType(10, 2)), StructField('s', StringType), StructField('date', DateType),
      StructField('ts', TimestampType), StructField('arr', ArrayType(LongType)), StructField('m', MapType(StringType, IntegerType)),
    ])
    const path = await writeLines('types.json', [
      '{"b":true,"i":-7,"l":12,"d":1.5e2,"dec":"12.345","s":"a\\"b\\u00e9\\n","date":"2021-03-04","ts":"2021-03-04T05:06:07.123Z","arr":[1,null,3],"m":{"k":1}}',
      '{"ts":1,"dec":3}',
    ])
    const rows = await readAll(path, schema)
    expect(rows[0]).toEqual([true, -7, 12n, 150, 1235n, 'a"bé\n', 18690, 1614834367123000, [1n, null, 3n], new Map([['k', 1]])])
    expect(rows[1]).toEqual([null, null, null, null, 300n, null, null, 1_000_000, null, null])
  })

  it('should keep longs exact beyond 2^53', async () => {
    const path = await writeLines('big.json', [
      '{"id":1424686733090638193}', '{"id":-9223372036854775808}', '{"id":9223372036854775807}', '{"id":123456789012345}',
    ])
    const rows = await readAll(path, StructType([StructField('id', LongType)]))
    expect(rows.map((row) => row[0])).toEqual([1424686733090638193n, -9223372036854775808n, 9223372036854775807n, 123456789012345n])
  })

  it('should read nested structs and match names exactly', async () => {
    const schema = StructType([
      StructField('geo', StructType([StructField('city', StringType), StructField('zip', LongType)])),
      StructField('Name', StringType),
    ])
    const path = await writeLines('nested.json', [
      '{"name":"lower","geo":{"zip":1000,"city":"Oslo","extra":{"deep":[1,{"a":2}]}},"Name":"Upper"}',
      '{"geo":null}',
    ])
    expect(await readAll(path, schema)).toEqual([[['Oslo', 1000n], 'Upper'], [null, null]])
  })

  it('should keep the JSON text of non-string values in a STRING field', async () => {
    const path = await writeLines('text.json', ['{"s":12.50}', '{"s":{"a": [1, 2]}}', '{"s":true}'])
    const rows = await readAll(path, StructType([StructField('s', StringType)]))
    expect(rows.map((row) => row[0])).toEqual(['12.50', '{"a": [1, 2]}', 'true'])
  })

  it('should leave columns outside requiredColumns null', async () => {
    const path = await writeLines('pruned.json', ['{"id":1,"name":"a","score":2.5}', '{"name":"b","id":2}'])
    const rows = await readAll(path, SCHEMA, {}, [1])
    expect(rows).toEqual([[null, 'a', null, null], [null, 'b', null, null]])
  })

  it('should skip blank lines and accept CRLF line ends', async () => {
    const path = join(dir, 'blank.json')
    await writeFile(path, '{"id":1}\r\n\r\n   \n{"id":2}')
    expect(await readAll(path, SCHEMA)).toEqual([[1n, null, null, null], [2n, null, null, null]])
  })

  it('should give 10,000 rows with 100 corrupt in PERMISSIVE mode', async () => {
    const path = await writeLines('mixed.json', mixedLines())
    const rows = await readAll(path, SCHEMA)
    expect(rows).toHaveLength(10_000)
    const corrupt = rows.filter((row) => row[3] !== null)
    expect(corrupt).toHaveLength(100)
    expect(rows[99]).toEqual([null, null, null, 'not json 100'])
    expect(rows[399]).toEqual([null, null, null, '{"id":400,"name":"n400"'])
    // A type mismatch keeps the fields that converted (Spark's partial result).
    expect(rows[299]).toEqual([null, 'n300', null, '{"id":"x300","name":"n300"}'])
    expect(rows[100]).toEqual([101n, 'n101', 50.5, null])
  })

  it('should drop the 100 malformed lines in DROPMALFORMED mode', async () => {
    const path = await writeLines('mixed-drop.json', mixedLines())
    const rows = await readAll(path, SCHEMA, { mode: 'DROPMALFORMED' })
    expect(rows).toHaveLength(9_900)
    expect(rows.every((row) => row[3] === null && typeof row[0] === 'bigint')).toBe(true)
  })

  it('should fail in FAILFAST mode naming the file, line and column', async () => {
    const path = await writeLines('mixed-fail.json', mixedLines())
    const error = await readAll(path, SCHEMA, { mode: 'failfast' }).then(() => undefined, (e: unknown) => e)
    expect(SluiceError.isInstance(error)).toBe(true)
    const sluiceError = error as SluiceError
    expect(sluiceError.errorClass).toBe('MALFORMED_RECORD_IN_PARSING')
    expect(sluiceError.message).toContain('Malformed records are detected in record parsing')
    expect(sluiceError.message).toContain(path)
    expect(sluiceError.message).toContain('line 100')
    expect(sluiceError.message).toContain('not json 100')
    expect(sluiceError.message).toContain('column 1')
    expect(sluiceError.params['lineNumber']).toBe('100')
  })

  it('should name the field of a type mismatch in FAILFAST mode', async () => {
    const path = await writeLines('mismatch.json', ['{"id":1}', '{"name":"x", "id":"seven"}'])
    await expect(readAll(path, SCHEMA, { mode: 'FAILFAST' })).rejects.toThrow(/line 2, column 19, field 'id'.*"seven"/)
  })

  it('should yield a row of nulls for a malformed line without a corrupt-record column', async () => {
    const schema = StructType([StructField('id', LongType)])
    const path = await writeLines('nocorrupt.json', ['{"id":1}', '{"id":'])
    expect(await readAll(path, schema)).toEqual([[1n], [null]])
  })

  it('should read lines across chunk boundaries', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => `{"id":${i},"name":"${'x'.repeat(i % 50)}"}`)
    const path = await writeLines('many.json', lines)
    const rows = await readAll(path, SCHEMA, {}, [0])
    expect(rows).toHaveLength(30_000)
    expect(rows.every((row, i) => row[0] === BigInt(i))).toBe(true)
  })

  it('should accept non-numeric numbers for doubles, as Spark allows by default', async () => {
    const path = await writeLines('nan.json', ['{"x":NaN,"n":1}', '{"x":-Infinity}', '{"x":"Infinity"}', '{"x":+INF}', '{"n":2,"x":-1.5}'])
    const rows = await readAll(path, StructType([StructField('x', DoubleType), StructField('n', LongType)]))
    expect(rows).toEqual([[NaN, 1n], [-Infinity, null], [Infinity, null], [Infinity, null], [-1.5, 2n]])
    const pruned = await readAll(path, StructType([StructField('x', DoubleType), StructField('n', LongType)]), {}, [1])
    expect(pruned.map((row) => row[1])).toEqual([1n, null, null, null, 2n])
  })

  it('should read a line holding an array of objects as one row per object', async () => {
    const path = await writeLines('arrays.json', ['[{"id":1},{"id":2,"name":"b"}]', '[]', '[{"id":3}, 4]', '{"id":5}'])
    expect(await readAll(path, SCHEMA)).toEqual([
      [1n, null, null, null], [2n, 'b', null, null], [null, null, null, '[{"id":3}, 4]'], [5n, null, null, null],
    ])
  })

  it('should read a whole file as one document with multiLine', async () => {
    const path = join(dir, 'multi.json')
    await writeFile(path, '[\n  {"id": 1,\n   "name": "a"},\n  {"id": 2}\n]\n')
    expect(await readAll(path, SCHEMA, { multiline: 'true' })).toEqual([[1n, 'a', null, null], [2n, null, null, null]])
    const broken = join(dir, 'multi-broken.json')
    await writeFile(broken, '{\n  "id": 1,\n  "name": oops\n}\n')
    await expect(readAll(broken, SCHEMA, { multiline: 'true', mode: 'FAILFAST' })).rejects.toThrow(/line 3, column 11/)
  })

  it('should parse dates and timestamps with timestampFormat and dateFormat', async () => {
    const schema = StructType([StructField('ts', TimestampType), StructField('d', DateType), StructField('_corrupt_record', StringType)])
    const path = await writeLines('formats.json', ['{"ts":"04/03/2021 05:06","d":"2021.03.04"}', '{"ts":"2021-03-04T05:06:00Z"}'])
    const rows = await readAll(path, schema, { timestampformat: 'dd/MM/yyyy HH:mm', dateformat: 'yyyy.MM.dd' })
    expect(rows[0]).toEqual([Date.UTC(2021, 2, 4, 5, 6) * 1000, 18690, null])
    expect(rows[1]).toEqual([null, null, '{"ts":"2021-03-04T05:06:00Z"}'])
  })
})
