import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Sluice, col, monotonically_increasing_id } from '@sluice/client'
import { MemoryStream } from '@sluice/client/testing'

// Spark's MonotonicallyIncreasingID (pyspark.sql.functions.monotonically_increasing_id): "The generated ID is
// guaranteed to be monotonically increasing and unique, but not consecutive. The current implementation puts the
// partition ID in the upper 31 bits, and the record number within each partition in the lower 33 bits."
// One small file is one partition in Spark (and the embedded engine runs one partition, index 0): ids 0, 1, 2, ….
// On a stream Spark's UnsupportedOperationChecker.checkUnsupportedExpressions refuses it.

let spark: Sluice
let root: string
beforeAll(async () => {
  spark = await Sluice.builder().appName('monotonically-increasing-id').getOrCreate()
  root = mkdtempSync(join(tmpdir(), 'sluice-mono-id-'))
})
afterAll(async () => {
  await spark.stop()
  rmSync(root, { recursive: true, force: true })
})

describe('monotonically_increasing_id', () => {
  it('should number the rows of one partition 0, 1, 2 … as longs, counting the rows that reach it', async () => {
    const file = join(root, 'people.json')
    writeFileSync(file, ['{"name":"ada","age":36}', '{"name":"bob","age":17}', '{"name":"cy","age":52}', '{"name":"di","age":44}'].join('\n'))
    const people = spark.read.schema('name STRING, age INT').json(file)
    expect((await people.select(col('name'), monotonically_increasing_id().alias('id')).collect({ rowMode: 'array' })))
      .toEqual([['ada', 0n], ['bob', 1n], ['cy', 2n], ['di', 3n]])
    // The filter runs before the projection: the ids number the rows that pass it.
    expect((await people.where('age > 20').selectExpr('name', 'monotonically_increasing_id() AS id').collect({ rowMode: 'array' })))
      .toEqual([['ada', 0n], ['cy', 1n], ['di', 2n]])
    expect((await people.select(monotonically_increasing_id()).schema()).fields[0]).toMatchObject({ name: 'monotonically_increasing_id()', dataType: { kind: 'long' }, nullable: false })
  })

  it('should be refused on a streaming DataFrame when the query starts', async () => {
    const df = new MemoryStream('value INT').toDF().withColumn('id', monotonically_increasing_id())
    await expect(df.writeStream.format('memory').queryName('mono_id_stream').outputMode('append').start())
      .rejects.toThrow(/Expression\(s\): monotonically_increasing_id\(\) is not supported with streaming DataFrames\/Datasets/)
  })
})
