import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  BooleanType, DateType, DecimalType, DoubleType, IntegerType, LongType, StringType, StructField, StructType,
  TimestampType, type Row,
} from '@sluice/shared'
import { inferCsvSchema } from './csv-infer-schema.js'
import { readCsvFile } from './csv-reader.js'
import { rowsToCsv, writeCsvFile } from './csv-writer.js'

let dir: string
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'sluice-csv-')) })
afterAll(async () => { await rm(dir, { recursive: true, force: true }) })

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}

async function readAll(path: string, schema: StructType, options: Record<string, string> = {}, required?: number[]): Promise<Row[]> {
  const rows: Row[] = []
  for await (const batch of readCsvFile(path, { schema, options, requiredColumns: required ? new Set(required) : undefined })) rows.push(...batch)
  return rows
}

const SCHEMA = StructType([StructField('id', IntegerType), StructField('name', StringType), StructField('score', DoubleType)])

describe('csv format', () => {
  it('should read typed columns with a header and quoted fields', async () => {
    const path = await file('a.csv', 'id,name,score\n1,"Smith, J",2.5\n2,"say ""hi""",\n3,"a\\"b",-1e3\n')
    expect(await readAll(path, SCHEMA, { header: 'true' })).toEqual([
      [1, 'Smith, J', 2.5], [2, 'say "hi"', null], [3, 'a"b', -1000],
    ])
  })

  it('should honour sep, nullValue, whitespace trimming and comments', async () => {
    const path = await file('b.csv', '# comment\n 1 ;NA; 3.5\n\n2;x;NA\n')
    const options = { sep: ';', nullvalue: 'NA', ignoreleadingwhitespace: 'true', ignoretrailingwhitespace: 'true', comment: '#' }
    expect(await readAll(path, SCHEMA, options)).toEqual([[1, null, 3.5], [2, 'x', null]])
  })

  it('should read longs exactly, decimals, booleans, dates and timestamps', async () => {
    const schema = StructType([
      StructField('l', LongType), StructField('d', DecimalType(5, 2)), StructField('b', BooleanType),
      StructField('day', DateType), StructField('ts', TimestampType),
    ])
    const path = await file('c.csv', '1424686733090638193,1.005,TRUE,2021-03-04,2021-03-04 05:06:07.5\n')
    expect(await readAll(path, schema)).toEqual([[1424686733090638193n, 101n, true, 18690, 1614834367500000]])
  })

  it('should follow the parse modes for malformed records', async () => {
    const schema = StructType([...SCHEMA.fields, StructField('_corrupt_record', StringType)])
    const path = await file('d.csv', '1,a,1.0\nx,b,2.0\n3,c\n4,d,4.0\n')
    expect(await readAll(path, schema)).toEqual([
      [1, 'a', 1, null], [null, 'b', 2, 'x,b,2.0'], [3, 'c', null, '3,c'], [4, 'd', 4, null],
    ])
    expect(await readAll(path, schema, { mode: 'DROPMALFORMED' })).toEqual([[1, 'a', 1, null], [4, 'd', 4, null]])
    await expect(readAll(path, schema, { mode: 'FAILFAST' })).rejects.toThrow(/MALFORMED_RECORD_IN_PARSING.*x,b,2\.0.*line 2, column 1, field 'id'/)
  })

  it('should leave unrequired columns null', async () => {
    const path = await file('e.csv', '1,a,1.5\n')
    expect(await readAll(path, SCHEMA, {}, [1])).toEqual([[null, 'a', null]])
  })

  it('should check the header against the schema when enforceSchema is false', async () => {
    const path = await file('f.csv', 'id,wrong,score\n1,a,2\n')
    await expect(readAll(path, SCHEMA, { header: 'true', enforceschema: 'false' })).rejects.toThrow(/CSV header does not conform to the schema/)
  })

  it('should infer the schema from a header and values', async () => {
    const path = await file('g.csv', 'a,b,c,d,e,f\n1,2.5,x,true,,2021-01-01 10:00:00\n3000000000,3,y,false,,2021-01-02 10:00:00\n')
    const schema = await inferCsvSchema([path], { header: 'true', inferschema: 'true' })
    expect(schema.fields.map((f) => `${f.name}:${f.dataType.kind}`)).toEqual(['a:long', 'b:double', 'c:string', 'd:boolean', 'e:string', 'f:timestamp'])
    const strings = await inferCsvSchema([path], {})
    expect(strings.fields.map((f) => `${f.name}:${f.dataType.kind}`)).toEqual(['_c0:string', '_c1:string', '_c2:string', '_c3:string', '_c4:string', '_c5:string'])
  })

  it('should write CSV as Spark does and read it back', async () => {
    const schema = StructType([StructField('id', LongType), StructField('name', StringType), StructField('score', DoubleType), StructField('ts', TimestampType)])
    const rows: Row[] = [[1n, 'plain', 1, 0], [9007199254740993n, 'has,comma "q"', null, null], [3n, '', 1e20, 1500]]
    expect(rowsToCsv(schema, rows, { header: 'true' })).toBe(
      'id,name,score,ts\n1,plain,1.0,1970-01-01T00:00:00.000Z\n9007199254740993,"has,comma \\"q\\"",,\n3,"",1.0E20,1970-01-01T00:00:00.001Z\n')
    const path = join(dir, 'out.csv')
    const written = await writeCsvFile(path, schema, rows, {})
    expect(written.numRows).toBe(3)
    expect(written.size).toBe((await readFile(path)).length)
    const back = await readAll(path, schema)
    expect(back[1]).toEqual([9007199254740993n, 'has,comma "q"', null, null])
  })

  it('should read quoted fields spanning lines with multiLine', async () => {
    const path = await file('m.csv', 'id,name,score\n1,"two\nlines",1.5\n2,"x",2\n3,"open\n')
    const schema = StructType([...SCHEMA.fields, StructField('_corrupt_record', StringType)])
    expect(await readAll(path, schema, { header: 'true', multiline: 'true' })).toEqual([
      [1, 'two\nlines', 1.5, null], [2, 'x', 2, null], [null, null, null, '3,"open\n'],
    ])
    await expect(readAll(path, schema, { header: 'true', multiline: 'true', mode: 'FAILFAST' })).rejects.toThrow(/line 5, column 3/)
  })

  it('should infer over multiLine records', async () => {
    const path = await file('mi.csv', 'a,b\n1,"x\ny"\n2,z\n')
    const schema = await inferCsvSchema([path], { header: 'true', inferschema: 'true', multiline: 'true' })
    expect(schema.fields.map((f) => `${f.name}:${f.dataType.kind}`)).toEqual(['a:integer', 'b:string'])
  })

  it('should parse timestamps with timestampFormat', async () => {
    const path = await file('ts.csv', '04/03/2021 05:06\n')
    expect(await readAll(path, StructType([StructField('ts', TimestampType)]), { timestampformat: 'dd/MM/yyyy HH:mm' }))
      .toEqual([[Date.UTC(2021, 2, 4, 5, 6) * 1000]])
  })
})
