import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice } from '../session/sluice.js'
import { col } from '../column/index.js'
import { from_avro, struct, to_avro } from './index.js'

let spark: Sluice
beforeAll(async () => { spark = await Sluice.builder().appName('avro-functions-test').getOrCreate() })
afterAll(async () => { await spark.stop() })

describe('from_avro / to_avro', () => {
  it('should round-trip a struct through Avro binary, bigints exact', async () => {
    const df = spark.createDataFrame([{ id: 1424686734011499417n, name: 'a' }, { id: 2n, name: null }], 'id BIGINT, name STRING')
    const encoded = df.select(to_avro(struct(col('id'), col('name'))).alias('payload'))
    const rows = await encoded.collect()
    expect(rows[0]!['payload']).toBeInstanceOf(Uint8Array)
    const schema = JSON.stringify({ type: 'record', name: 'topLevelRecord', fields: [{ name: 'id', type: ['long', 'null'] }, { name: 'name', type: ['string', 'null'] }] })
    const decoded = await encoded.select(from_avro(col('payload'), schema).alias('v')).select('v.id', 'v.name').collect()
    expect(decoded).toEqual([{ id: 1424686734011499417n, name: 'a' }, { id: 2n, name: null }])
  })
})

describe('struct', () => {
  it('should name fields after the columns, also across a join (Spark names them k, v)', async () => {
    const left = spark.createDataFrame([{ k: 1, v: 'a' }], 'k INT, v STRING').alias('l')
    const right = spark.createDataFrame([{ k: 1, w: 'b' }], 'k INT, w STRING').alias('r')
    const df = left.join(right, col('l.k').eq(col('r.k'))).select(struct(col('l.k'), col('v'), col('w')).alias('s'))
    const schema = await df.schema()
    const s = schema.fields[0]!.dataType
    expect(s.kind === 'struct' ? s.fields.map((f) => f.name) : []).toEqual(['k', 'v', 'w'])
  })
})
