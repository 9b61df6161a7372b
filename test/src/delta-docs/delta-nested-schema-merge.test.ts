import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sluice } from '@sluice/client'

// Delta Lake docs, "Table batch reads and writes" > "Automatic schema update"
// (docs.delta.io/latest/delta-batch.html#automatic-schema-update): with mergeSchema,
// "the added columns are appended to the end of the struct they are present in";
// SchemaMergingUtils.mergeSchemas (delta-io/delta) merges structs the same way inside
// arrays (element type) and maps (key and value types). Made-up rows; expected
// values written out by hand.

let spark: Sluice
let root: string
beforeAll(async () => {
  spark = await Sluice.builder().appName('delta-docs-nested-merge').getOrCreate()
  root = mkdtempSync(join(tmpdir(), 'sluice-delta-nested-'))
})
afterAll(async () => { await spark.stop() })

let n = 0
const fresh = () => join(root, `t${n++}`)
const df = (rows: Record<string, unknown>[], ddl: string) => spark.createDataFrame(rows, ddl)
const read = async (path: string) => (await spark.read.format('delta').load(path).collect()).sort((x, y) => Number(x['id']) - Number(y['id']))
const lastSchema = (path: string) => {
  const last = readdirSync(join(path, '_delta_log')).filter((f) => f.endsWith('.json')).sort().at(-1)!
  const metaData = readFileSync(join(path, '_delta_log', last), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).find((a) => a.metaData)?.metaData
  return metaData ? JSON.parse(metaData.schemaString) : undefined
}

describe('Delta schema merge of nested structs', () => {
  it('should add s.b at the end of struct s with mergeSchema, old rows reading s.b as null', async () => {
    const t = fresh()
    await df([{ id: 1, s: { a: 10 } }], 'id INT, s STRUCT<a: INT>').write.format('delta').save(t)
    await df([{ id: 2, s: { a: 20, b: 21 } }], 'id INT, s STRUCT<a: INT, b: INT>').write.format('delta').mode('append').option('mergeSchema', 'true').save(t)
    expect(await read(t)).toEqual([{ id: 1, s: { a: 10, b: null } }, { id: 2, s: { a: 20, b: 21 } }])
    expect(lastSchema(t).fields[1].type).toEqual({
      type: 'struct',
      fields: [{ name: 'a', type: 'integer', nullable: true, metadata: {} }, { name: 'b', type: 'integer', nullable: true, metadata: {} }],
    })
  })

  it('should add a field of a struct inside an array and inside a map value', async () => {
    const t = fresh()
    await df([{ id: 1, arr: [{ a: 1 }], m: new Map([['k', { a: 2 }]]) }], 'id INT, arr ARRAY<STRUCT<a: INT>>, m MAP<STRING, STRUCT<a: INT>>').write.format('delta').save(t)
    await df([{ id: 2, arr: [{ a: 3, b: 'x' }], m: new Map([['j', { a: 4, b: 'y' }]]) }], 'id INT, arr ARRAY<STRUCT<a: INT, b: STRING>>, m MAP<STRING, STRUCT<a: INT, b: STRING>>')
      .write.format('delta').mode('append').option('mergeSchema', 'true').save(t)
    expect(await read(t)).toEqual([
      { id: 1, arr: [{ a: 1, b: null }], m: new Map([['k', { a: 2, b: null }]]) },
      { id: 2, arr: [{ a: 3, b: 'x' }], m: new Map([['j', { a: 4, b: 'y' }]]) },
    ])
    const [, arr, m] = lastSchema(t).fields
    expect(arr.type.elementType.fields.map((f: { name: string }) => f.name)).toEqual(['a', 'b'])
    expect(m.type.valueType.fields.map((f: { name: string }) => f.name)).toEqual(['a', 'b'])
  })

  it('should keep the table order of struct fields when the data names them in another order', async () => {
    // mergeSchemas keeps the table's fields first; the merged schema equals the table's, so no mergeSchema is needed.
    const t = fresh()
    await df([{ id: 1, s: { a: 10, b: 11 } }], 'id INT, s STRUCT<a: INT, b: INT>').write.format('delta').save(t)
    await df([{ id: 2, s: { b: 21, a: 20 } }], 'id INT, s STRUCT<b: INT, a: INT>').write.format('delta').mode('append').save(t)
    expect(await read(t)).toEqual([{ id: 1, s: { a: 10, b: 11 } }, { id: 2, s: { a: 20, b: 21 } }])
    expect(lastSchema(t)).toBeUndefined()
  })

  it('should refuse a new nested field without mergeSchema, with Delta\'s schema mismatch text', async () => {
    const t = fresh()
    await df([{ id: 1, s: { a: 10 } }], 'id INT, s STRUCT<a: INT>').write.format('delta').save(t)
    const error = String(await df([{ id: 2, s: { a: 20, b: 21 } }], 'id INT, s STRUCT<a: INT, b: INT>').write.format('delta').mode('append').save(t).catch((e: Error) => e))
    expect(error).toMatch(/A schema mismatch detected when writing to the Delta table \(Table ID: [0-9a-f-]+\)/)
    expect(error).toContain('Table schema:\nroot\n |-- id: integer (nullable = true)\n |-- s: struct (nullable = true)\n |    |-- a: integer (nullable = true)\n\n')
    expect(error).toContain('Data schema:\nroot\n |-- id: integer (nullable = true)\n |-- s: struct (nullable = true)\n |    |-- a: integer (nullable = true)\n |    |-- b: integer (nullable = true)\n')
    expect((await read(t)).map((r) => r['id'])).toEqual([1])
  })

  it('should name every field down to an incompatible nested type, even with mergeSchema', async () => {
    const t = fresh()
    await df([{ id: 1, s: { a: 10 } }], 'id INT, s STRUCT<a: INT>').write.format('delta').save(t)
    await expect(df([{ id: 2, s: { a: 'x' } }], 'id INT, s STRUCT<a: STRING>').write.format('delta').mode('append').option('mergeSchema', 'true').save(t))
      .rejects.toThrow(/DELTA_FAILED_TO_MERGE_FIELDS.*Failed to merge fields 's' and 's'. Failed to merge fields 'a' and 'a'. Failed to merge incompatible data types IntegerType and StringType/)
  })
})
